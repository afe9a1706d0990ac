"""Published documents are PDF files: checked by their content, renamed on upload, served only while published.

A document is read by visitors' browsers from the site's own origin, so nothing but a PDF is ever stored or
served (an HTML or SVG file named .pdf would run as a page of the site).
"""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.crypto import get_random_string
from django.utils.translation import gettext_lazy as _

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
PDF_SIGNATURE = b"%PDF-"


def is_pdf(file) -> bool:
    """The file starts as every PDF does (within its first kilobyte, as readers allow)."""
    file.seek(0)
    head = file.read(1024)
    file.seek(0)
    return PDF_SIGNATURE in head


def validate_document(file) -> None:
    """Model-field validator: a PDF of at most 10 MB."""
    if not file or getattr(file, "_committed", False):
        return
    if getattr(file, "size", 0) > MAX_DOCUMENT_BYTES:
        raise ValidationError(
            _("The file is larger than 10 MB; please upload a smaller PDF."), code="document_size"
        )
    if not is_pdf(file):
        raise ValidationError(_("Upload the document as a PDF file."), code="document_type")


def renamed_document(file) -> ContentFile:
    """The upload under a random name: the visitor's download is named after the document's title."""
    file.seek(0)
    content = file.read()
    return ContentFile(content, name=f"{get_random_string(16).lower()}.pdf")

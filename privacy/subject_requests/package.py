"""The access package (policy section 5, "a copy of your data"): everything every registered provider holds
for one address, as a readable HTML page in the request's language and as JSON, zipped together."""

from __future__ import annotations

import datetime
import io
import json
import secrets
import zipfile

from django.core.files.base import ContentFile
from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from privacy.mail import base_context
from privacy.registry import providers

from .storage import private_storage

# Labels of the keys most providers export; a provider's own `field_labels` add to them or override them.
COMMON_FIELD_LABELS = {
    "email": _("email"),
    "phone": _("phone"),
    "language": _("language"),
    "reference": _("reference number"),
    "state": _("state"),
    "status": _("status"),
    "reason": _("reason"),
    "received": _("received"),
    "closed": _("closed"),
    "client_ip": _("client IP"),
    "user_agent": _("user agent"),
    "referrer": _("page you came from (referrer)"),
}


def collect(email: str) -> list[dict]:
    """Each provider's export for exactly this address, in registration order."""
    sections = []
    for provider in providers():
        data = provider.export(email)
        sections.append(
            {
                "provider": provider.name,
                "label": str(provider.label),
                "categories": [
                    {"category": str(category), "records": records}
                    for category, records in data.items()
                ],
            }
        )
    return sections


def build_package(subject_request) -> str:
    """Write the zip for a verified access request into private storage; returns the stored file name."""
    with translation.override(subject_request.language):
        sections = collect(subject_request.email)
    generated_at = timezone.now()
    document = {
        "subject_email": subject_request.email,
        "request": subject_request.reference,
        "generated_at": generated_at,
        "providers": sections,
    }
    as_json = json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    with translation.override(subject_request.language):
        as_html = render_to_string(
            "privacy/requests/package.html",
            {
                **base_context(),
                "subject_request": subject_request,
                "sections": _readable(sections),
                "generated_at": generated_at,
                "LANGUAGE_CODE": subject_request.language,
            },
        )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("my-data.html", as_html)
        archive.writestr("my-data.json", as_json)
    name = f"exports/{subject_request.reference}-{secrets.token_hex(16)}.zip"
    return private_storage().save(name, ContentFile(buffer.getvalue()))


def _readable(sections: list[dict]) -> list[dict]:
    """Records as (label, value) rows so the HTML page can show any provider's data as tables.

    Labels are human words in the active language (the JSON keeps the keys); a key no one labelled
    is shown tidied up ("policy_version" -> "Policy version") rather than left out.
    """
    own_labels = {p.name: p.field_labels for p in providers()}
    readable = []
    for section in sections:
        labels = {**COMMON_FIELD_LABELS, **own_labels.get(section["provider"], {})}
        categories = []
        for category in section["categories"]:
            rows = [
                [(field_label(key, labels), _display(value)) for key, value in record.items()]
                for record in category["records"]
            ]
            categories.append({"category": category["category"], "records": rows})
        readable.append({**section, "categories": categories})
    return readable


def field_label(key: str, labels: dict) -> str:
    label = labels.get(key) or key.replace("_", " ").strip()
    return capfirst(str(label))


def _display(value) -> str:
    """A value as a person reads it in the active language: yes/no, local dates and times, lists spelled out."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "DATE_FORMAT")
    if isinstance(value, list | tuple):
        return "; ".join(_display(item) for item in value) or "—"
    if isinstance(value, dict):
        return "; ".join(f"{key}: {_display(item)}" for key, item in value.items()) or "—"
    return str(value)

"""How every email is written: templates `<name>.txt` and `<name>_subject.txt`, in the recipient's language.

outbox.services.queue_email renders through `render_email` and refuses a blocked address (MailBlocked): the one
path by which the site emails anyone.
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation


class MailBlocked(Exception):
    """The recipient's data is blocked: nothing may be sent to them."""


def base_context() -> dict:
    """What every text sent to a person names: the site, the controller's contacts, the complaint authority."""
    return {
        "SITE_URL": settings.SITE_URL,
        "ASSOCIATION": settings.ASSOCIATION,
        "COMPLAINT_AUTHORITY": settings.PRIVACY_COMPLAINT_AUTHORITY,
    }


def render_email(template: str, context: dict, language: str) -> tuple[str, str]:
    with translation.override(language):
        context = {**base_context(), **context}
        subject = render_to_string(f"{template}_subject.txt", context).strip().replace("\n", " ")
        body = render_to_string(f"{template}.txt", context)
    return subject, body

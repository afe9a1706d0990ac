"""The one path by which the site emails a person: it refuses blocked addresses, in one place.

Emails are templates: `<name>.txt` and `<name>_subject.txt`, rendered in the recipient's language.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from .services import is_blocked

logger = logging.getLogger(__name__)


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


def send_to_person(
    *, email: str, template: str, context: dict, language: str, reply_to: str | None = None
) -> None:
    """Send one templated email to a data subject. Raises MailBlocked for a blocked address.

    Mail server errors propagate: callers that must not lose a submission save first and catch them.
    """
    if is_blocked(email):
        logger.info("mail not sent: recipient blocked template=%s", template)
        raise MailBlocked(email)
    subject, body = render_email(template, context, language)
    message = EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email],
        reply_to=[reply_to or settings.ASSOCIATION["email"]],
    )
    message.send(fail_silently=False)


def send_to_staff(*, template: str, context: dict) -> None:
    """Notify the staff mailbox (STAFF_NOTIFICATION_EMAIL), in the association's default language."""
    subject, body = render_email(template, context, settings.LANGUAGE_CODE)
    EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[settings.STAFF_NOTIFICATION_EMAIL],
    ).send(fail_silently=False)

"""Delivery of the emails an enquiry causes, through privacy.mail (blocked addresses refused there).

Every email is first stored as an EnquiryMail row in the same transaction as the message it belongs to;
`deliver` then tries to send it. A mail server error never undoes a submission: the row is marked failed
(logged with the enquiry number and error class only, never the address or the text), shown in the admin,
and `manage.py retry_enquiry_mail` tries again.
"""

import logging

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from privacy.mail import MailBlocked, send_to_person, send_to_staff

from .links import answer_url
from .models import EnquiryMail

logger = logging.getLogger(__name__)

TEMPLATES = {
    EnquiryMail.Kind.ACKNOWLEDGEMENT: "enquiries/email/acknowledgement",
    EnquiryMail.Kind.STAFF_NOTIFICATION: "enquiries/email/staff_notification",
    EnquiryMail.Kind.REPLY: "enquiries/email/reply",
    EnquiryMail.Kind.ANSWER_NOTIFICATION: "enquiries/email/answer_notification",
}


def admin_url(enquiry) -> str:
    return settings.SITE_URL + reverse("admin:enquiries_enquiry_change", args=[enquiry.pk])


def _context(mail: EnquiryMail) -> dict:
    enquiry = mail.enquiry
    context = {"enquiry": enquiry, "message": mail.message, "admin_url": admin_url(enquiry)}
    if mail.kind == EnquiryMail.Kind.REPLY:
        context["answer_url"] = answer_url(enquiry)
        context["link_days"] = settings.REPLY_LINK_MAX_AGE_DAYS
    return context


def _send(mail: EnquiryMail) -> None:
    template = TEMPLATES[mail.kind]
    if mail.to_visitor:
        send_to_person(
            email=mail.enquiry.email,
            template=template,
            context=_context(mail),
            language=mail.enquiry.language,
        )
    else:
        send_to_staff(template=template, context=_context(mail))


def deliver(mail: EnquiryMail) -> str:
    """Try to send one stored email once; record the outcome on its row and return the new status."""
    now = timezone.now()
    if mail.to_visitor and not mail.enquiry.accepts_mail:
        mail.status = EnquiryMail.Status.CANCELLED
        mail.save(update_fields=["status"])
        return mail.status
    mail.attempts += 1
    mail.last_attempt_at = now
    try:
        _send(mail)
    except MailBlocked:
        mail.status = EnquiryMail.Status.BLOCKED
        mail.last_error = ""
    except Exception as error:  # noqa: BLE001 - any mail server failure is retried later
        mail.status = EnquiryMail.Status.FAILED
        mail.last_error = type(error).__name__[:200]
        logger.warning(
            "enquiry mail failed enquiry=%s kind=%s attempt=%d error=%s",
            mail.enquiry_id,
            mail.kind,
            mail.attempts,
            mail.last_error,
        )
    else:
        mail.status = EnquiryMail.Status.SENT
        mail.sent_at = now
        mail.last_error = ""
    mail.save(update_fields=["status", "attempts", "last_attempt_at", "sent_at", "last_error"])
    return mail.status


def deliver_all(mails) -> dict[str, int]:
    """Deliver several stored emails; return how many ended in each status."""
    outcome: dict[str, int] = {}
    for mail in mails:
        status = deliver(mail)
        outcome[status] = outcome.get(status, 0) + 1
    return outcome

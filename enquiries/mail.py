"""The emails an enquiry causes, queued through the outbox in the transaction of the message they belong to.

The acknowledgement is an automatic email to an address a visitor typed: it counts towards the outbox's daily
limit per address, and it neither greets the visitor by the name they typed nor repeats their text.
"""

from django.conf import settings
from django.urls import reverse

from outbox.services import MailBlocked, queue_email

from .links import answer_url


def admin_url(enquiry) -> str:
    return settings.SITE_URL + reverse("admin:enquiries_enquiry_change", args=[enquiry.pk])


def _to_staff(template: str, enquiry, message) -> None:
    queue_email(
        to_staff=True,
        template=f"enquiries/email/{template}",
        context={"enquiry": enquiry, "message": message, "admin_url": admin_url(enquiry)},
        regarding=enquiry,
    )


def thread_address(enquiry) -> str:
    """Where the visitor's "Reply" goes: the association's mailbox with the enquiry's number as a subaddress
    (info+enquiry-12@…), so an answer by email arrives marked with its thread; the plain mailbox when
    ENQUIRY_REPLY_SUBADDRESS is off (a mail server without subaddressing)."""
    mailbox = settings.ASSOCIATION["email"]
    if not settings.ENQUIRY_REPLY_SUBADDRESS:
        return mailbox
    local, domain = mailbox.rsplit("@", 1)
    return f"{local}+enquiry-{enquiry.pk}@{domain}"


def _to_visitor(template: str, enquiry, context: dict, *, acknowledgement: bool = False):
    """Queue an email to the visitor; None when their address is blocked (nothing is stored for it)."""
    try:
        return queue_email(
            to=enquiry.email,
            template=f"enquiries/email/{template}",
            context={"enquiry": enquiry, **context},
            language=enquiry.language,
            regarding=enquiry,
            reply_to=thread_address(enquiry),
            acknowledgement=acknowledgement,
        )
    except MailBlocked:
        return None


def queue_submission_mail(enquiry, message) -> None:
    _to_visitor("acknowledgement", enquiry, {}, acknowledgement=True)
    _to_staff("staff_notification", enquiry, message)


def _reply_context(enquiry, reply) -> dict:
    inbound = enquiry.messages.filter(direction=reply.Direction.INBOUND)
    if reply.pk:
        inbound = inbound.filter(pk__lt=reply.pk)
    return {
        "enquiry": enquiry,
        "message": reply,
        "question": inbound.last(),
        "answer_url": answer_url(enquiry),
        "link_days": settings.REPLY_LINK_MAX_AGE_DAYS,
    }


def queue_reply(enquiry, reply):
    """The staff reply with its answer link and the question it answers quoted; returns the outbox row (None if
    the address is blocked)."""
    return _to_visitor("reply", enquiry, _reply_context(enquiry, reply))


def reply_preview(enquiry, body: str) -> dict:
    """The email a reply with `body` would send, as the visitor will read it: recipient, subject and text."""
    from privacy.mail import render_email

    from .models import EnquiryMessage

    draft = EnquiryMessage(enquiry=enquiry, direction=EnquiryMessage.Direction.OUTBOUND, body=body)
    subject, text = render_email(
        "enquiries/email/reply", _reply_context(enquiry, draft), enquiry.language
    )
    return {
        "to": enquiry.email,
        "reply_to": thread_address(enquiry),
        "subject": subject,
        "body": text,
    }


def queue_answer_notification(enquiry, answer) -> None:
    _to_staff("answer_notification", enquiry, answer)

"""The enquiries' own mail table (EnquiryMail) becomes outbox emails: one Email per row, rendered now.

Unsent rows (pending, or failed and waiting for a retry) are queued again with their attempts kept; the outbox
sweep gives them a delivery task within a minute of a worker starting. Rows of erased enquiries hold nothing
worth keeping and are dropped. The reverse puts the rows back (without the texts, which that table never held).
"""

import uuid

from django.conf import settings
from django.db import migrations
from django.utils import timezone

TEMPLATES = {
    "acknowledgement": "enquiries/email/acknowledgement",
    "staff_notification": "enquiries/email/staff_notification",
    "reply": "enquiries/email/reply",
    "answer_notification": "enquiries/email/answer_notification",
}
VISITOR_KINDS = {"acknowledgement", "reply"}
STATUS = {
    "pending": "queued",
    "failed": "retrying",
    "sent": "sent",
    "blocked": "cancelled",
    "cancelled": "cancelled",
}
STATUS_BACK = {
    "queued": "pending",
    "retrying": "failed",
    "sending": "pending",
    "failed": "failed",
    "limited": "cancelled",
}


class _Enquiry:
    """A historical enquiry with what the templates read from the model (its number)."""

    def __init__(self, enquiry):
        self._enquiry = enquiry

    def __getattr__(self, name):
        return getattr(self._enquiry, name)

    @property
    def reference(self):
        return f"#{self._enquiry.pk}"


def _context(mail, enquiry):
    from django.urls import reverse

    from enquiries.links import answer_url

    context = {
        "enquiry": enquiry,
        "message": mail.message,
        "admin_url": settings.SITE_URL
        + reverse("admin:enquiries_enquiry_change", args=[enquiry.pk]),
    }
    if mail.kind == "reply":
        context["answer_url"] = answer_url(enquiry)
        context["link_days"] = settings.REPLY_LINK_MAX_AGE_DAYS
    return context


def forwards(apps, schema_editor):
    from privacy.mail import render_email

    from outbox.headers import clean_header

    EnquiryMail = apps.get_model("enquiries", "EnquiryMail")
    Email = apps.get_model("outbox", "Email")
    ContentType = apps.get_model("contenttypes", "ContentType")
    enquiry_type, _ = ContentType.objects.get_or_create(app_label="enquiries", model="enquiry")
    domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip(" >") or "localhost"
    now = timezone.now()
    mails = EnquiryMail.objects.select_related("enquiry", "message").filter(
        enquiry__anonymised_at__isnull=True
    )
    for mail in mails.iterator():
        enquiry = _Enquiry(mail.enquiry)
        to_visitor = mail.kind in VISITOR_KINDS
        language = enquiry.language if to_visitor else settings.LANGUAGE_CODE
        subject, body = render_email(TEMPLATES[mail.kind], _context(mail, enquiry), language)
        status = STATUS[mail.status]
        Email.objects.create(
            to=enquiry.email if to_visitor else settings.STAFF_NOTIFICATION_EMAIL,
            to_staff=not to_visitor,
            template=TEMPLATES[mail.kind],
            language=language,
            subject=clean_header(subject),
            body=body,
            reply_to=settings.ASSOCIATION["email"] if to_visitor else "",
            message_id=f"<{uuid.uuid4().hex}@{domain}>",
            is_acknowledgement=mail.kind == "acknowledgement",
            content_type=enquiry_type,
            object_id=str(enquiry.pk),
            status=status,
            attempts=mail.attempts,
            created_at=mail.created_at,
            next_attempt_at=now if status in ("queued", "retrying") else None,
            last_attempt_at=mail.last_attempt_at,
            sent_at=mail.sent_at,
            error_kind="temporary" if mail.last_error else "",
            last_error=mail.last_error[:200],
        )


def backwards(apps, schema_editor):
    EnquiryMail = apps.get_model("enquiries", "EnquiryMail")
    Email = apps.get_model("outbox", "Email")
    kinds = {template: kind for kind, template in TEMPLATES.items()}
    emails = Email.objects.filter(template__in=kinds, content_type__model="enquiry")
    for email in emails.iterator():
        EnquiryMail.objects.create(
            enquiry_id=int(email.object_id),
            kind=kinds[email.template],
            status=STATUS_BACK.get(email.status, email.status),
            attempts=email.attempts,
            last_error=email.last_error,
            created_at=email.created_at,
            last_attempt_at=email.last_attempt_at,
            sent_at=email.sent_at,
        )
    emails.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("outbox", "0001_emails"),
        ("enquiries", "0002_technical_data_retention_index"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]

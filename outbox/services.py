"""The one way the site sends an email: `queue_email(...)`, called inside the transaction of the data it is about.

    from outbox.services import queue_email

    with transaction.atomic():
        enquiry = Enquiry.objects.create(...)
        queue_email(
            to=enquiry.email,
            template="enquiries/email/acknowledgement",   # + templates/<...>_subject.txt
            context={"enquiry": enquiry},
            language=enquiry.language,
            regarding=enquiry,
            acknowledgement=True,
        )

What it does, in the caller's transaction (a savepoint of it):
- renders `<template>_subject.txt` and `<template>.txt` in the recipient's language through privacy.mail (the
  site's signature, the controller's contacts, the complaint authority), and cleans the subject of line breaks
  and control characters;
- refuses a blocked address (privacy.mail.MailBlocked: nothing is stored for a person whose data is blocked);
- stores the `Email` row and the row of its delivery task (the task queue is the database's own table), so a
  rolled-back submission sends nothing and a committed one is always delivered by a worker (outbox.delivery):
  retried with backoff on temporary failures, stopped and shown to staff on permanent ones.

`to_staff=True` writes to STAFF_NOTIFICATION_EMAIL instead (`to` not given), in `language` if given, else in the
language the staff account with that address chose (accounts.User.language), else in the association's (Kazakh).
`acknowledgement=True` marks automatic emails to an address a visitor typed (acknowledgements, confirmation
links): at most OUTBOX_ACKNOWLEDGEMENTS_PER_DAY of them go to one address in 24 hours, whatever the client IP;
beyond that the row is stored as "limited" and not sent, and the caller carries on as if it had been.
`deliver_by` is the legal deadline the email serves (a data-subject request's due date): staff see it at risk
on the admin index while it is undelivered near or past that moment.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone

from privacy.mail import MailBlocked, render_email
from privacy.models import normalise_email
from privacy.services import is_blocked

from .headers import clean_header
from .models import Email

__all__ = ["MailBlocked", "queue_email", "send_again", "cancel_unsent", "cancel_unsent_to"]

logger = logging.getLogger(__name__)


def queue_email(
    *,
    template: str,
    context: dict,
    to: str = "",
    to_staff: bool = False,
    language: str = "",
    regarding=None,
    reply_to: str = "",
    acknowledgement: bool = False,
    deliver_by: datetime | None = None,
) -> Email:
    """Render, store and enqueue one email in the caller's transaction; see the module docstring."""
    if to_staff:
        to = settings.STAFF_NOTIFICATION_EMAIL
        language = language or staff_language(to)
    elif not to:
        raise ValueError("An email needs a recipient: `to`, or `to_staff=True`.")
    elif is_blocked(to):
        logger.info("mail not queued: recipient blocked template=%s", template)
        raise MailBlocked(to)
    language = language or settings.LANGUAGE_CODE
    subject, body = render_email(template, context, language)
    with transaction.atomic():
        email = Email(
            to=normalise_email(to),
            to_staff=to_staff,
            template=template,
            language=language,
            subject=clean_header(subject),
            body=body,
            reply_to="" if to_staff else (reply_to or settings.ASSOCIATION["email"]),
            message_id=f"<{uuid.uuid4().hex}@{_message_id_domain()}>",
            is_acknowledgement=acknowledgement,
            deliver_by=deliver_by,
            next_attempt_at=timezone.now(),
        )
        if regarding is not None:
            email.content_type = ContentType.objects.get_for_model(regarding)
            email.object_id = str(regarding.pk)
        if acknowledgement and _over_daily_limit(email.to):
            email.status = Email.Status.LIMITED
            email.next_attempt_at = None
            email.save()
            logger.warning("acknowledgement not sent: daily limit for the address reached")
            return email
        email.save()
        _enqueue(email, first=True)
    return email


def staff_language(address: str) -> str:
    """The language a staff account at `address` chose for its notices; else the association's (Kazakh)."""
    from django.contrib.auth import get_user_model

    chosen = (
        get_user_model()
        .objects.filter(email__iexact=address, is_staff=True)
        .exclude(language="")
        .values_list("language", flat=True)
        .first()
    )
    return chosen or settings.LANGUAGE_CODE


def send_again(*, email: Email) -> bool:
    """Staff's "send again": a failed, limited or waiting email is queued now. False if it may not be.

    Refused for an address blocked since, and for emails cancelled on purpose (processing stopped).
    """
    with transaction.atomic():
        email = Email.objects.select_for_update().get(pk=email.pk)
        if email.status not in Email.MAY_SEND_AGAIN:
            return False
        if not email.to_staff and is_blocked(email.to):
            return False
        email.status = Email.Status.QUEUED
        email.next_attempt_at = timezone.now()
        email.claimed_until = None
        email.save(update_fields=["status", "next_attempt_at", "claimed_until"])
        _enqueue(email, first=True)
    return True


def cancel_unsent(*, regarding_any) -> int:
    """Processing stopped (consent withdrawn, data erased): unsent emails to the person about these records
    are never sent. Staff notices about them still go out."""
    cancelled = 0
    for obj in regarding_any:
        cancelled += (
            Email.objects.regarding(obj)
            .filter(to_staff=False, status__in=[Email.Status.QUEUED, Email.Status.RETRYING])
            .update(status=Email.Status.CANCELLED, next_attempt_at=None)
        )
    return cancelled


def cancel_unsent_to(address: str, *, keep=()) -> int:
    """The address was blocked: nothing written to it before the block goes out, except the emails in `keep`
    (the reply that confirms the block itself)."""
    return (
        Email.objects.for_email(address)
        .filter(to_staff=False, status__in=[Email.Status.QUEUED, Email.Status.RETRYING])
        .exclude(pk__in=[email.pk for email in keep if email is not None])
        .update(status=Email.Status.CANCELLED, next_attempt_at=None)
    )


def _enqueue(email: Email, *, first: bool, run_after: datetime | None = None) -> None:
    """The delivery task, written by the database task backend in the current transaction.

    First attempts outrank retries, so a backlog of retries never delays new mail.
    """
    from .tasks import FIRST_ATTEMPT_PRIORITY, RETRY_PRIORITY, deliver_email

    task = deliver_email.using(
        priority=FIRST_ATTEMPT_PRIORITY if first else RETRY_PRIORITY, run_after=run_after
    )
    result = task.enqueue(email.pk)
    Email.objects.filter(pk=email.pk).update(task_id=str(result.id))
    email.task_id = str(result.id)


def enqueue_retry(email: Email, run_after: datetime) -> None:
    _enqueue(email, first=False, run_after=run_after)


def _over_daily_limit(address: str) -> bool:
    """Acknowledgements to `address` in the last 24 hours; two submissions at once are counted one after the
    other (PostgreSQL: a transaction lock on the address; SQLite has a single writer)."""
    if connection.vendor == "postgresql":
        key = int.from_bytes(hashlib.sha256(f"outbox:{address}".encode()).digest()[:8], "big")
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key - 2**63])
    since = timezone.now() - timedelta(days=1)
    sent = Email.objects.acknowledgements_to(address, since).count()
    return sent >= settings.OUTBOX_ACKNOWLEDGEMENTS_PER_DAY


def _message_id_domain() -> str:
    return settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip(" >") or "localhost"


def language_last_written_in(address: str) -> str:
    """The language of the last email to this address (a person's reply language), "" if none is kept."""
    return (
        Email.objects.filter(to=normalise_email(address), to_staff=False)
        .order_by("-created_at")
        .values_list("language", flat=True)
        .first()
        or ""
    )

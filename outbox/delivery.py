"""Delivering one stored email, exactly once, from a worker.

1. Claim: in a short transaction the row is locked (SKIP LOCKED: a row another worker holds is left to it),
   checked to be due, and marked "being sent" with the attempt counted and a claim that expires after
   OUTBOX_CLAIM_SECONDS. Committed before the mail server is contacted, so a second worker, or a second task
   for the same email, finds nothing to do.
2. Send, with EMAIL_TIMEOUT on every connection, outside any transaction.
3. Record: sent; or, on a temporary failure, retried later with exponential backoff (a new task with
   `run_after`) until OUTBOX_MAX_ATTEMPTS; or, on a permanent one, failed at once. Staff see the last two.

The window SMTP leaves: if a worker dies after the server accepted the message and before step 3 commits
(milliseconds), the claim expires and the sweep (outbox.tasks.sweep_outbox) sends the email again. The
retry carries the same Message-ID, which mail servers and clients use to drop a duplicate. A worker killed at
any other moment (before or during the SMTP conversation) loses nothing and sends nothing twice.
"""

from __future__ import annotations

import logging
import random
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone

from .failures import Failure, classify
from .models import Email

logger = logging.getLogger(__name__)


def deliver(email_id: int) -> str:
    """Try to send one email now if it is due; return what became of it (its status, or "not due")."""
    email = claim(email_id)
    if email is None:
        return "not due"
    try:
        send(email)
    except Exception as error:  # noqa: BLE001 - every failure is classified and recorded
        return record_failure(email, classify(error))
    return _finish(email, status=Email.Status.SENT, sent_at=timezone.now())


def claim(email_id: int) -> Email | None:
    now = timezone.now()
    with transaction.atomic():
        email = (
            Email.objects.select_for_update(skip_locked=True)
            .filter(pk=email_id)
            .filter(_due(now))
            .first()
        )
        if email is None:
            return None
        email.status = Email.Status.SENDING
        email.attempts += 1
        email.last_attempt_at = now
        email.claimed_until = now + timedelta(seconds=settings.OUTBOX_CLAIM_SECONDS)
        email.save(update_fields=["status", "attempts", "last_attempt_at", "claimed_until"])
    return email


def _due(now):
    from django.db.models import Q

    waiting = Q(status__in=[Email.Status.QUEUED, Email.Status.RETRYING], next_attempt_at__lte=now)
    abandoned = Q(status=Email.Status.SENDING, claimed_until__lt=now)
    return waiting | abandoned


def send(email: Email) -> None:
    headers = {"Message-ID": email.message_id, **thread_headers(email)}
    if email.is_acknowledgement:
        headers["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation replies to it
    message = EmailMessage(
        subject=email.subject,
        body=email.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.to],
        reply_to=[email.reply_to] if email.reply_to else None,
        headers=headers,
        connection=get_connection(timeout=settings.EMAIL_TIMEOUT),
    )
    message.send(fail_silently=False)


def thread_headers(email: Email) -> dict:
    """In-Reply-To and References naming the earlier emails to the same person about the same record (an
    enquiry's acknowledgement and replies, an application's decisions), so mail clients show one conversation
    and a reply by email carries the thread with it."""
    if email.to_staff or not email.object_id:
        return {}
    earlier = list(
        Email.objects.filter(
            content_type_id=email.content_type_id,
            object_id=email.object_id,
            to=email.to,
            to_staff=False,
            pk__lt=email.pk,
        )
        .order_by("pk")
        .values_list("message_id", flat=True)
    )
    if not earlier:
        return {}
    references = (
        earlier if len(earlier) <= 10 else [earlier[0], *earlier[-9:]]
    )  # the root and the latest
    return {"In-Reply-To": earlier[-1], "References": " ".join(references)}


def record_failure(email: Email, failure: Failure) -> str:
    logger.warning(
        "email not delivered email=%s attempt=%d error=%s permanent=%s",
        email.pk,
        email.attempts,
        failure.label,
        failure.permanent,
    )
    kind = Email.ErrorKind.PERMANENT if failure.permanent else Email.ErrorKind.TEMPORARY
    if failure.permanent or email.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
        return _finish(email, status=Email.Status.FAILED, error_kind=kind, last_error=failure.label)
    from .services import enqueue_retry

    next_attempt = timezone.now() + backoff(email.attempts)
    with transaction.atomic():
        status = _finish(
            email,
            status=Email.Status.RETRYING,
            error_kind=kind,
            last_error=failure.label,
            next_attempt_at=next_attempt,
        )
        if status == Email.Status.RETRYING:
            enqueue_retry(email, next_attempt)
    return status


def backoff(attempts: int) -> timedelta:
    """Exponential, capped, with a little jitter so that retries after an outage do not all come at once.

    With the defaults (1 minute, x3, at most 6 hours; 8 attempts) the attempts span about 17 hours.
    """
    seconds = settings.OUTBOX_RETRY_BASE_SECONDS * settings.OUTBOX_RETRY_FACTOR ** (attempts - 1)
    seconds = min(seconds, settings.OUTBOX_RETRY_MAX_SECONDS)
    return timedelta(seconds=seconds * random.uniform(0.9, 1.1))  # noqa: S311 - not security


def _finish(email: Email, *, status: str, **fields) -> str:
    """Record the outcome of this attempt, unless the claim was lost (it expired and another took it)."""
    fields = {"status": status, "claimed_until": None, **fields}
    if status != Email.Status.RETRYING:
        fields.setdefault("next_attempt_at", None)
    if status == Email.Status.SENT:
        fields.update(error_kind="", last_error="")
    updated = Email.objects.filter(
        pk=email.pk, status=Email.Status.SENDING, attempts=email.attempts
    ).update(**fields)
    for name, value in fields.items():
        setattr(email, name, value)
    if not updated:
        logger.warning("email claim lost before its outcome was recorded email=%s", email.pk)
    return status

"""The enquiry workflows, each written once and called by the public pages and the admin.

Each saves its rows and queues the emails they cause (enquiries.mail, through the outbox) in one transaction:
no request waits for a mail server, and a failing one never costs a submission or a reply.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dkz_site.client_ip import technical_fields
from outbox.services import cancel_unsent
from privacy.models import ConsentPurpose, normalise_email
from privacy.services import is_blocked, record_consent, refuse_if_blocked

from . import mail
from .models import Enquiry, EnquiryMessage

logger = logging.getLogger(__name__)

CONSENT_SOURCE = "contact_form"


class ReplyRefused(Exception):
    """Staff cannot write to this visitor (consent withdrawn, data erased or address blocked)."""


class ReplyConflict(Exception):
    """Another message arrived in the thread (a colleague's reply, the visitor's answer) while staff wrote theirs:
    the reply is not stored or sent, so the visitor never gets two answers to one question."""


class AddressBlocked(Exception):
    """The address's data is blocked at the subject's request: nothing new is processed for it (P19)."""


class AnswerRefused(Exception):
    """The visitor can no longer answer in this thread (they withdrew consent or asked for erasure)."""


@dataclass(frozen=True)
class Submission:
    enquiry: Enquiry
    created: bool  # False when it was a repeat of an enquiry sent within the last ten minutes


def _one_at_a_time(email: str, message: str) -> None:
    """A double click sends the same form twice at once: let the second wait for the first (PostgreSQL).

    A transaction-scoped advisory lock on the submission's content; once the first commits, the second's
    duplicate check sees it. SQLite (development) serialises writers itself and has no such lock.
    """
    if connection.vendor != "postgresql":
        return
    digest = hashlib.sha256(f"{normalise_email(email)}\n{message}".encode()).digest()
    key = int.from_bytes(digest[:8], "big", signed=True)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])


def submit_enquiry(
    *,
    name: str,
    email: str,
    company: str,
    message: str,
    language: str,
    consent_wording: str,
    technical: dict,
) -> Submission:
    """Store a contact-form enquiry with its first message, technical data and consent, and queue its mail.

    The same address and text again within ten minutes is the same enquiry: nothing new is stored or sent.
    A blocked address gets AddressBlocked and nothing is stored (staff see the refusal on the block).
    """
    if refuse_if_blocked(email=email):
        raise AddressBlocked(email)
    message = message.strip()
    with transaction.atomic():
        _one_at_a_time(email, message)
        duplicate = Enquiry.objects.recent_duplicate_of(email=email, message=message).first()
        if duplicate is not None:
            logger.info("enquiry repeated within the duplicate window enquiry=%s", duplicate.pk)
            return Submission(enquiry=duplicate, created=False)
        now = timezone.now()
        enquiry = Enquiry.objects.create(
            name=name.strip(),
            email=email,
            company=company.strip(),
            message=message,
            language=language,
            created_at=now,
            last_contact_at=now,
            waiting_since=now,
        )
        first = EnquiryMessage.objects.create(
            enquiry=enquiry,
            direction=EnquiryMessage.Direction.INBOUND,
            body=message,
            sent_at=now,
            **technical_fields(technical),
        )
        enquiry.consent = record_consent(
            email=email,
            purpose=ConsentPurpose.ENQUIRY_PROCESSING,
            wording=consent_wording,
            source=CONSENT_SOURCE,
            source_object=f"enquiry:{enquiry.pk}",
            technical=technical,
            language=language,
        )
        enquiry.save(update_fields=["consent"])
        mail.queue_submission_mail(enquiry, first)
    return Submission(enquiry=enquiry, created=True)


def reply_refusal(enquiry: Enquiry):
    """Why staff cannot write to this visitor now, or None if they can."""
    if enquiry.anonymised_at:
        return _("The visitor's data was erased: nobody can be written to.")
    if enquiry.processing_stopped_at:
        return _("The visitor withdrew their consent: no more mail may be sent to them.")
    if is_blocked(enquiry.email):
        return _("The visitor's address is blocked: no mail may be sent to it.")
    return None


def reply_to_enquiry(
    *,
    enquiry: Enquiry,
    author,
    body: str,
    expects_answer: bool = False,
    seen_message: int | None = None,
) -> EnquiryMessage:
    """Staff reply: stored as an outbound message and emailed to the visitor in their language.

    `expects_answer` leaves the enquiry awaiting the visitor; otherwise it counts as answered. `seen_message` is
    the latest message staff saw when they wrote: under the enquiry's row lock, a newer one (a colleague replied
    at the same moment) refuses the reply with ReplyConflict, which says what happened. The outbox row of the
    reply's email is `reply.email` (None when the address was blocked meanwhile).
    """
    if not body.strip():
        raise ValueError("A reply needs a text.")
    with transaction.atomic():
        enquiry = Enquiry.objects.select_for_update().get(pk=enquiry.pk)
        refusal = reply_refusal(enquiry)
        if refusal:
            raise ReplyRefused(refusal)
        _refuse_if_thread_moved(enquiry, seen_message)
        now = timezone.now()
        reply = EnquiryMessage.objects.create(
            enquiry=enquiry,
            direction=EnquiryMessage.Direction.OUTBOUND,
            body=body.strip(),
            author=author,
            sent_at=now,
        )
        status = Enquiry.Status.AWAITING_VISITOR if expects_answer else Enquiry.Status.ANSWERED
        enquiry.move_to(status, at=now)
        enquiry.last_contact_at = now
        enquiry.save(update_fields=["status", "waiting_since", "closed_at", "last_contact_at"])
        reply.email = mail.queue_reply(enquiry, reply)
    return reply


def _refuse_if_thread_moved(enquiry: Enquiry, seen_message: int | None) -> None:
    if seen_message is None:
        return
    newer = (
        enquiry.messages.filter(pk__gt=seen_message).select_related("author").order_by("pk").last()
    )
    if newer is None:
        return
    when = timezone.localtime(newer.sent_at).strftime("%H:%M")
    if newer.is_inbound:
        raise ReplyConflict(
            _(
                "The visitor wrote again at %(time)s while you were writing. Your reply was not "
                "sent: read their message and reply again."
            )
            % {"time": when}
        )
    raise ReplyConflict(
        _(
            "%(colleague)s replied to this enquiry at %(time)s while you were writing. Your reply "
            "was not sent: read theirs first, and reply again only if something is missing."
        )
        % {
            "colleague": newer.author.get_full_name() if newer.author else _("A colleague"),
            "time": when,
        }
    )


def answer_from_visitor(*, enquiry: Enquiry, body: str, technical: dict) -> EnquiryMessage:
    """The visitor's answer through the signed link: stored in the same thread, staff notified.

    A closed enquiry opens again; one whose processing was stopped at the visitor's request does not.
    """
    if not body.strip():
        raise ValueError("An answer needs a text.")
    with transaction.atomic():
        enquiry = Enquiry.objects.select_for_update().get(pk=enquiry.pk)
        if not enquiry.accepts_mail or is_blocked(enquiry.email):
            raise AnswerRefused(enquiry.pk)
        now = timezone.now()
        answer = EnquiryMessage.objects.create(
            enquiry=enquiry,
            direction=EnquiryMessage.Direction.INBOUND,
            body=body.strip(),
            sent_at=now,
            **technical_fields(technical),
        )
        enquiry.move_to(Enquiry.Status.NEW, at=now)
        enquiry.last_contact_at = now
        enquiry.save(update_fields=["status", "waiting_since", "closed_at", "last_contact_at"])
        mail.queue_answer_notification(enquiry, answer)
    return answer


@transaction.atomic
def close_enquiry(*, enquiry: Enquiry) -> bool:
    """Close an enquiry; returns False if it was closed already."""
    enquiry = Enquiry.objects.select_for_update().get(pk=enquiry.pk)
    if enquiry.status == Enquiry.Status.CLOSED:
        return False
    enquiry.move_to(Enquiry.Status.CLOSED)
    enquiry.save(update_fields=["status", "waiting_since", "closed_at"])
    return True


def _stop_processing(enquiries, now) -> int:
    """Close the enquiries, mark them as never to be written to again, cancel their unsent visitor mail."""
    enquiries = list(enquiries.select_for_update())
    for enquiry in enquiries:
        if enquiry.status != Enquiry.Status.CLOSED:
            enquiry.move_to(Enquiry.Status.CLOSED, at=now)
        enquiry.processing_stopped_at = enquiry.processing_stopped_at or now
        enquiry.save(
            update_fields=["status", "waiting_since", "closed_at", "processing_stopped_at"]
        )
    cancel_unsent(regarding_any=enquiries)
    return len(enquiries)


@transaction.atomic
def stop_processing_for(email: str) -> int:
    """Consent to enquiry processing withdrawn: close that address's enquiries and send it nothing more.

    Not retroactive: the correspondence stays (until retention) and what was done before remains lawful.
    Registered with privacy as the withdrawal handler of ConsentPurpose.ENQUIRY_PROCESSING.
    """
    stopped = _stop_processing(Enquiry.objects.for_email(email), timezone.now())
    logger.info("enquiry processing stopped after consent withdrawal enquiries=%d", stopped)
    return stopped


@transaction.atomic
def anonymise_enquiries(*, email: str) -> tuple[int, int]:
    """Erase one address's enquiries: name, email, company, every message text and the technical data.

    What remains is anonymous: the number of enquiries and messages, their directions and dates.
    Returns (enquiries, messages) anonymised.
    """
    now = timezone.now()
    enquiries = Enquiry.objects.for_email(email).filter(anonymised_at__isnull=True)
    _stop_processing(enquiries, now)
    ids = list(enquiries.values_list("pk", flat=True))
    messages = EnquiryMessage.objects.filter(enquiry_id__in=ids).update(
        body="", client_ip=None, user_agent="", referrer=""
    )
    for pk in ids:
        Enquiry.objects.filter(pk=pk).update(
            name="",
            email=f"erased-{pk}@invalid.invalid",
            company="",
            message="",
            anonymised_at=now,
        )
    return len(ids), messages

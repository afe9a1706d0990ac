"""The data-subject request workflows, each written once and called by the public views and the admin alike.

A request is received (link emailed), verified by that link (deadline set; an access request gets its copy and a
withdrawal is carried out at once), then completed or refused by staff. Every reply names the authority to
complain to (policy section 5) and the association's contacts (templates/privacy/email/_rights.txt).

Each step commits with the emails it causes queued in its own transaction (outbox.services.queue_email), so no
step waits for, or fails with, the mail server. Staff steps lock the request's row first: when two staff act
on one request at once, exactly one step happens, and the other is told which (StepAlreadyTaken).
"""

from __future__ import annotations

import datetime
import logging
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from dkz_site.client_ip import technical_fields
from dkz_site.signed_links import LinkUsed
from outbox.services import MailBlocked, queue_email
from privacy.models import (
    ConsentPurpose,
    DataSubjectRequest,
    IllegalTransition,
    RequestEvent,
    RequestState,
    RequestType,
)
from privacy.services import block_email, unblock_email, withdraw_consent

from . import erasure, links, package
from .deadlines import deadline_for
from .storage import remove_file

logger = logging.getLogger(__name__)
Action = RequestEvent.Action


class RefusalNeedsReason(ValueError):
    pass


class CopyNotPrepared(Exception):
    """A registered access request is open, but its copy could not be built: staff send it from its page."""

    def __init__(self, subject_request):
        self.request = subject_request
        super().__init__(
            gettext("The copy could not be prepared yet: send it from the request's page.")
        )


class StepAlreadyTaken(IllegalTransition):
    """Another staff member handled the request first; the message says what they did and when."""


def record_event(subject_request, action: str, *, actor=None, note: str = "") -> RequestEvent:
    return RequestEvent.objects.create(
        request=subject_request, action=action, actor=actor, note=note
    )


def absolute_url(subject_request, name: str, **kwargs) -> str:
    with translation.override(subject_request.language):
        return settings.SITE_URL + reverse(name, kwargs=kwargs)


def _reply(subject_request, template: str, *, actor=None, acknowledgement: bool = False, **context):
    """Queue an email to the subject in their language and return it; a blocked address gets nothing (None), and
    the history says so.

    An email about a verified request must arrive by its deadline: until it is delivered, the admin index
    counts it as at risk from OUTBOX_AT_RISK_HOURS before the end of the due day.
    """
    try:
        return queue_email(
            to=subject_request.email,
            template=f"privacy/email/{template}",
            context={"subject_request": subject_request, **context},
            language=subject_request.language,
            regarding=subject_request,
            acknowledgement=acknowledgement,
            deliver_by=_end_of(subject_request.due_on),
        )
    except MailBlocked:
        record_event(subject_request, Action.NOT_EMAILED, actor=actor)
        return None


def _to_staff(template: str, subject_request) -> None:
    queue_email(
        to_staff=True,
        template=f"privacy/email/{template}",
        context={"subject_request": subject_request, "admin_url": _admin_url(subject_request)},
        regarding=subject_request,
    )


def _end_of(day: datetime.date | None):
    if day is None:
        return None
    midnight = datetime.datetime.combine(day + timedelta(days=1), datetime.time())
    return timezone.make_aware(midnight)


def _locked(subject_request: DataSubjectRequest) -> DataSubjectRequest:
    """The request re-read under a row lock: a colleague's step on it waits, then sees this one's result."""
    return DataSubjectRequest.objects.select_for_update().get(pk=subject_request.pk)


def _check_open(subject_request: DataSubjectRequest) -> None:
    """Refuse a step on a request a colleague has just closed, saying what they did (in the staff's language)."""
    if subject_request.is_open:
        return
    last = subject_request.events.select_related("actor").order_by("-at", "-pk").first()
    if last is None:
        raise StepAlreadyTaken(subject_request.state)
    raise StepAlreadyTaken(
        gettext("%(reference)s was already handled: %(what)s, by %(who)s at %(when)s.")
        % {
            "reference": subject_request.reference,
            "what": last.get_action_display(),
            "who": last.actor.get_full_name() if last.actor else gettext("the subject"),
            "when": timezone.localtime(last.at).strftime("%Y-%m-%d %H:%M"),
        }
    )


@transaction.atomic
def submit_request(
    *,
    email: str,
    request_type: str,
    details: str = "",
    purposes: list[str] | None = None,
    language: str = "kk",
    technical: dict | None = None,
) -> DataSubjectRequest:
    """Store a request and email its confirmation link. The same happens whether or not we hold any data."""
    subject_request = DataSubjectRequest.objects.create(
        email=email,
        request_type=request_type,
        details=details,
        purposes=list(purposes or []),
        language=language,
        **technical_fields(technical),
    )
    record_event(subject_request, Action.RECEIVED)
    link = absolute_url(
        subject_request, "privacy:request_verify", token=links.VERIFY_LINK.make(subject_request)
    )
    emailed = _reply(
        subject_request,
        "request_verify",
        acknowledgement=True,
        link=link,
        hours=settings.DATA_REQUEST_VERIFY_HOURS,
    )
    if not emailed:
        # A blocked subject cannot be emailed the link: staff answer through the association's mailbox.
        _to_staff("staff_request_blocked", subject_request)
    return subject_request


def request_to_verify(*, token: str, for_update: bool = False) -> DataSubjectRequest:
    """The unverified request an emailed confirmation link names. Raises LinkExpired, LinkInvalid or LinkUsed.

    The page behind the link shows it (GET) before `verify_request` confirms it (POST), with the same checks.
    """
    claim = links.VERIFY_LINK.read(token)
    requests = DataSubjectRequest.objects.filter(pk=claim.pk)
    if for_update:
        requests = requests.select_for_update()
    subject_request = requests.first()
    if subject_request is None or subject_request.state != RequestState.UNVERIFIED:
        raise LinkUsed
    links.VERIFY_LINK.check(claim, subject_request)
    return subject_request


def verify_request(*, token: str) -> DataSubjectRequest:
    """Prove the address with the emailed link, once. Raises LinkExpired, LinkInvalid or LinkUsed.

    Sets the deadline in Kazakhstan working days; an access request gets its copy and a withdrawal is carried
    out at once (the subject need wait for nobody); the other types go to staff. The confirmation commits first:
    a copy that cannot be built leaves an open request for staff to send from the admin.
    """
    with transaction.atomic():
        subject_request = request_to_verify(token=token, for_update=True)
        subject_request.move_to(RequestState.OPEN)
        subject_request.verified_at = timezone.now()
        verified_on = timezone.localdate(subject_request.verified_at)
        subject_request.due_on = deadline_for(subject_request.request_type, verified_on)
        subject_request.refusal_due_on = deadline_for("refusal", verified_on)
        subject_request.verification_nonce = ""
        subject_request.save()
        record_event(subject_request, Action.VERIFIED)
        _start(subject_request)
        if subject_request.request_type not in (RequestType.WITHDRAWAL, RequestType.ACCESS):
            _to_staff("staff_request_verified", subject_request)
    if subject_request.request_type == RequestType.ACCESS:
        subject_request = send_copy(subject_request=subject_request)
    return subject_request


def _start(subject_request, *, actor=None) -> None:
    """What follows a request's verification, whichever way it came: a withdrawal is carried out at once, the
    other types (the copy aside, which its caller sends) are acknowledged with their deadline."""
    if subject_request.request_type == RequestType.WITHDRAWAL:
        withdraw_for_request(subject_request=subject_request, actor=actor)
    elif subject_request.request_type != RequestType.ACCESS:
        _reply(subject_request, "request_received", actor=actor)


def register_request(
    *,
    email: str,
    request_type: str,
    channel: str,
    received_on: datetime.date,
    verification_method: str,
    actor,
    details: str = "",
    purposes: list[str] | None = None,
    language: str = "kk",
) -> DataSubjectRequest:
    """A request that reached us by email, post or in person, registered by staff who verified the person's
    identity (and say how). It is open at once, with the same deadlines, counted from its receipt (the law counts
    from receipt, and the subject proved nothing through a link), the same workflow and the same replies."""
    if not verification_method.strip():
        raise RefusalNeedsReason(gettext("Say how the identity was verified."))
    with transaction.atomic():
        subject_request = DataSubjectRequest.objects.create(
            email=email,
            request_type=request_type,
            details=details,
            purposes=list(purposes or []),
            language=language,
            channel=channel,
            received_on=received_on,
            verification_nonce="",
            registered_by=actor,
        )
        subject_request.move_to(RequestState.OPEN)
        subject_request.verified_at = timezone.now()
        subject_request.verification_method = verification_method.strip()
        subject_request.due_on = deadline_for(request_type, received_on)
        subject_request.refusal_due_on = deadline_for("refusal", received_on)
        subject_request.save()
        record_event(
            subject_request,
            Action.REGISTERED,
            actor=actor,
            note=f"{subject_request.get_channel_display()}: {subject_request.verification_method}",
        )
        _start(subject_request, actor=actor)
    if subject_request.request_type == RequestType.ACCESS:
        try:
            subject_request = send_copy(subject_request=subject_request, actor=actor)
        except Exception as error:
            logger.exception("copy not prepared for %s", subject_request.reference)
            raise CopyNotPrepared(subject_request) from error
    return subject_request


def send_copy(*, subject_request: DataSubjectRequest, actor=None) -> DataSubjectRequest:
    """Build the access package, email its download link (valid DATA_REQUEST_EXPORT_DAYS), complete."""
    name = package.build_package(subject_request)
    try:
        with transaction.atomic():
            subject_request = _locked(subject_request)
            _check_open(subject_request)  # a colleague (or the worker) sent it already
            remove_file(subject_request.export_file)
            subject_request.export_file = name
            subject_request.export_nonce = secrets.token_urlsafe(24)
            subject_request.export_expires_at = timezone.now() + timedelta(
                days=settings.DATA_REQUEST_EXPORT_DAYS
            )
            with translation.override(subject_request.language):
                subject_request.outcome = gettext("A copy of your data was prepared.")
            subject_request.move_to(RequestState.COMPLETED)
            subject_request.save()
            record_event(subject_request, Action.COPY_SENT, actor=actor)
            link = absolute_url(
                subject_request,
                "privacy:request_download",
                token=links.DOWNLOAD_LINK.make(subject_request),
            )
            _reply(
                subject_request,
                "request_copy",
                link=link,
                expires_at=subject_request.export_expires_at,
            )
    except Exception:
        remove_file(name)
        raise
    return subject_request


@transaction.atomic
def complete_rectification(*, subject_request: DataSubjectRequest, note: str, actor=None):
    """Staff have corrected the data in the admin; close the request and tell the subject what changed."""
    subject_request = _locked(subject_request)
    _check_type(subject_request, RequestType.RECTIFICATION)
    _check_open(subject_request)
    subject_request.move_to(RequestState.COMPLETED)
    subject_request.outcome = note
    subject_request.save()
    record_event(subject_request, Action.RECTIFIED, actor=actor, note=note)
    _reply(subject_request, "request_rectified", note=note, actor=actor)
    return subject_request


@transaction.atomic
def block_for_request(*, subject_request: DataSubjectRequest, note: str = "", actor=None):
    """Block the address everywhere (no mail, no listing, no new processing) and close the request.

    The reply is queued first: once blocked, the address gets no new mail, and this one is already written.
    """
    subject_request = _locked(subject_request)
    _check_type(subject_request, RequestType.BLOCKING)
    _check_open(subject_request)
    subject_request.move_to(RequestState.COMPLETED)
    with translation.override(subject_request.language):
        subject_request.outcome = note or gettext(
            "Your data is blocked until you ask us to lift the block."
        )
    subject_request.save()
    reply = _reply(subject_request, "request_blocked", note=note, actor=actor)
    block_email(
        email=subject_request.email,
        reason=f"{subject_request.reference} {note}".strip(),
        keep_mail=[reply],
    )
    record_event(subject_request, Action.BLOCKED, actor=actor, note=note)
    return subject_request


@transaction.atomic
def unblock_for_request(*, subject_request: DataSubjectRequest, note: str = "", actor=None):
    """Lift the block the subject asked for (staff act on the subject's later instruction)."""
    subject_request = _locked(subject_request)
    _check_type(subject_request, RequestType.BLOCKING)
    lifted = unblock_email(email=subject_request.email)
    record_event(subject_request, Action.UNBLOCKED, actor=actor, note=note)
    if lifted:
        _reply(subject_request, "request_unblocked", note=note, actor=actor)
    return lifted


def preview_deletion(*, subject_request: DataSubjectRequest):
    """What each provider would erase and keep, and why: staff read this before executing."""
    _check_type(subject_request, RequestType.DELETION)
    return erasure.preview(subject_request.email)


@transaction.atomic
def execute_deletion(*, subject_request: DataSubjectRequest, actor=None):
    """Run every provider's erasure, log it by hash, and tell the subject what was kept and why."""
    subject_request = _locked(subject_request)
    _check_type(subject_request, RequestType.DELETION)
    _check_open(subject_request)
    with translation.override(
        subject_request.language
    ):  # what was kept, and why, in the subject's language
        reports = erasure.erase_everywhere(subject_request.email)
        kept = [kept for report in reports for kept in report.kept]
        outcome = _kept_text(kept)
    erasure.log_erasure(subject_request.email, reports, subject_request=subject_request)
    subject_request.refresh_from_db()
    subject_request.move_to(RequestState.COMPLETED)
    subject_request.outcome = outcome
    subject_request.save()
    record_event(subject_request, Action.ERASED, actor=actor, note=subject_request.outcome)
    _reply(subject_request, "request_erased", kept=kept, actor=actor)
    return reports


@transaction.atomic
def withdraw_for_request(*, subject_request: DataSubjectRequest, actor=None):
    """Withdraw the named consents (all of them if none is named); not retroactive."""
    subject_request = _locked(subject_request)
    _check_type(subject_request, RequestType.WITHDRAWAL)
    _check_open(subject_request)
    purposes = subject_request.purposes or list(ConsentPurpose.values)
    stamped = {
        purpose: withdraw_consent(email=subject_request.email, purpose=purpose)
        for purpose in purposes
    }
    with translation.override(subject_request.language):
        labels = ", ".join(str(ConsentPurpose(purpose).label) for purpose in purposes)
    subject_request.move_to(RequestState.COMPLETED)
    subject_request.outcome = labels
    subject_request.save()
    record_event(subject_request, Action.WITHDRAWN, actor=actor, note=labels)
    _reply(
        subject_request,
        "request_withdrawn",
        purposes=[ConsentPurpose(p).label for p in purposes],
        actor=actor,
    )
    return stamped


@transaction.atomic
def refuse_request(*, subject_request: DataSubjectRequest, reason: str, actor=None):
    """Refuse with reasons (3 working days at most); the reasons are emailed with the right to complain."""
    reason = (reason or "").strip()
    if not reason:
        raise RefusalNeedsReason(gettext("A refusal needs its reasons."))
    subject_request = _locked(subject_request)
    _check_open(subject_request)
    subject_request.move_to(RequestState.REFUSED)
    subject_request.refusal_reason = reason
    subject_request.outcome = reason
    subject_request.save()
    record_event(subject_request, Action.REFUSED, actor=actor, note=reason)
    _reply(subject_request, "request_refused", reason=reason, actor=actor)
    return subject_request


def expire_copy(subject_request: DataSubjectRequest) -> bool:
    """Remove an expired package and kill its link; True if a file was removed."""
    removed = remove_file(subject_request.export_file)
    DataSubjectRequest.objects.filter(pk=subject_request.pk).update(
        export_file="", export_nonce="", export_expires_at=None
    )
    record_event(subject_request, Action.COPY_EXPIRED)
    return removed


def _check_type(subject_request, expected):
    if subject_request.request_type != expected:
        raise IllegalTransition(f"{subject_request.request_type} is not {expected}")


def _kept_text(kept) -> str:
    if not kept:
        return gettext("Everything was erased; nothing was kept.")
    return "\n".join(f"{k.category}: {k.count} — {k.reason}" for k in kept)


def _admin_url(subject_request) -> str:
    return settings.SITE_URL + reverse(
        "admin:privacy_datasubjectrequest_change", args=[subject_request.pk]
    )

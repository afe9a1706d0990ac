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

    def __init__(self, request):
        self.request = request
        super().__init__(
            gettext("The copy could not be prepared yet: send it from the request's page.")
        )


class StepAlreadyTaken(IllegalTransition):
    """Another staff member handled the request first; the message says what they did and when."""


def record_event(request, action: str, *, actor=None, note: str = "") -> RequestEvent:
    return RequestEvent.objects.create(request=request, action=action, actor=actor, note=note)


def absolute_url(request, name: str, **kwargs) -> str:
    with translation.override(request.language):
        return settings.SITE_URL + reverse(name, kwargs=kwargs)


def _reply(request, template: str, *, actor=None, acknowledgement: bool = False, **context):
    """Queue an email to the subject in their language and return it; a blocked address gets nothing (None), and
    the history says so.

    An email about a verified request must arrive by its deadline: until it is delivered, the admin index
    counts it as at risk from OUTBOX_AT_RISK_HOURS before the end of the due day.
    """
    try:
        return queue_email(
            to=request.email,
            template=f"privacy/email/{template}",
            context={"request": request, **context},
            language=request.language,
            regarding=request,
            acknowledgement=acknowledgement,
            deliver_by=_end_of(request.due_on),
        )
    except MailBlocked:
        record_event(request, Action.NOT_EMAILED, actor=actor)
        return None


def _to_staff(template: str, request) -> None:
    queue_email(
        to_staff=True,
        template=f"privacy/email/{template}",
        context={"request": request, "admin_url": _admin_url(request)},
        regarding=request,
    )


def _end_of(day: datetime.date | None):
    if day is None:
        return None
    midnight = datetime.datetime.combine(day + timedelta(days=1), datetime.time())
    return timezone.make_aware(midnight)


def _locked(request: DataSubjectRequest) -> DataSubjectRequest:
    """The request re-read under a row lock: a colleague's step on it waits, then sees this one's result."""
    return DataSubjectRequest.objects.select_for_update().get(pk=request.pk)


def _check_open(request: DataSubjectRequest) -> None:
    """Refuse a step on a request a colleague has just closed, saying what they did (in the staff's language)."""
    if request.is_open:
        return
    last = request.events.select_related("actor").order_by("-at", "-pk").first()
    if last is None:
        raise StepAlreadyTaken(request.state)
    raise StepAlreadyTaken(
        gettext("%(reference)s was already handled: %(what)s, by %(who)s at %(when)s.")
        % {
            "reference": request.reference,
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
    request = DataSubjectRequest.objects.create(
        email=email,
        request_type=request_type,
        details=details,
        purposes=list(purposes or []),
        language=language,
        **technical_fields(technical),
    )
    record_event(request, Action.RECEIVED)
    link = absolute_url(request, "privacy:request_verify", token=links.VERIFY_LINK.make(request))
    emailed = _reply(
        request,
        "request_verify",
        acknowledgement=True,
        link=link,
        hours=settings.DATA_REQUEST_VERIFY_HOURS,
    )
    if not emailed:
        # A blocked subject cannot be emailed the link: staff answer through the association's mailbox.
        _to_staff("staff_request_blocked", request)
    return request


def request_to_verify(*, token: str, for_update: bool = False) -> DataSubjectRequest:
    """The unverified request an emailed confirmation link names. Raises LinkExpired, LinkInvalid or LinkUsed.

    The page behind the link shows it (GET) before `verify_request` confirms it (POST), with the same checks.
    """
    claim = links.VERIFY_LINK.read(token)
    requests = DataSubjectRequest.objects.filter(pk=claim.pk)
    if for_update:
        requests = requests.select_for_update()
    request = requests.first()
    if request is None or request.state != RequestState.UNVERIFIED:
        raise LinkUsed
    links.VERIFY_LINK.check(claim, request)
    return request


def verify_request(*, token: str) -> DataSubjectRequest:
    """Prove the address with the emailed link, once. Raises LinkExpired, LinkInvalid or LinkUsed.

    Sets the deadline in Kazakhstan working days; an access request gets its copy and a withdrawal is carried
    out at once (the subject need wait for nobody); the other types go to staff. The confirmation commits first:
    a copy that cannot be built leaves an open request for staff to send from the admin.
    """
    with transaction.atomic():
        request = request_to_verify(token=token, for_update=True)
        request.move_to(RequestState.OPEN)
        request.verified_at = timezone.now()
        verified_on = timezone.localdate(request.verified_at)
        request.due_on = deadline_for(request.request_type, verified_on)
        request.refusal_due_on = deadline_for("refusal", verified_on)
        request.verification_nonce = ""
        request.save()
        record_event(request, Action.VERIFIED)
        _start(request)
        if request.request_type not in (RequestType.WITHDRAWAL, RequestType.ACCESS):
            _to_staff("staff_request_verified", request)
    if request.request_type == RequestType.ACCESS:
        request = send_copy(request=request)
    return request


def _start(request, *, actor=None) -> None:
    """What follows a request's verification, whichever way it came: a withdrawal is carried out at once, the
    other types (the copy aside, which its caller sends) are acknowledged with their deadline."""
    if request.request_type == RequestType.WITHDRAWAL:
        withdraw_for_request(request=request, actor=actor)
    elif request.request_type != RequestType.ACCESS:
        _reply(request, "request_received", actor=actor)


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
        request = DataSubjectRequest.objects.create(
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
        request.move_to(RequestState.OPEN)
        request.verified_at = timezone.now()
        request.verification_method = verification_method.strip()
        request.due_on = deadline_for(request_type, received_on)
        request.refusal_due_on = deadline_for("refusal", received_on)
        request.save()
        record_event(
            request,
            Action.REGISTERED,
            actor=actor,
            note=f"{request.get_channel_display()}: {request.verification_method}",
        )
        _start(request, actor=actor)
    if request.request_type == RequestType.ACCESS:
        try:
            request = send_copy(request=request, actor=actor)
        except Exception as error:
            logger.exception("copy not prepared for %s", request.reference)
            raise CopyNotPrepared(request) from error
    return request


def send_copy(*, request: DataSubjectRequest, actor=None) -> DataSubjectRequest:
    """Build the access package, email its download link (valid DATA_REQUEST_EXPORT_DAYS), complete."""
    name = package.build_package(request)
    try:
        with transaction.atomic():
            request = _locked(request)
            _check_open(request)  # a colleague (or the worker) sent it already
            remove_file(request.export_file)
            request.export_file = name
            request.export_nonce = secrets.token_urlsafe(24)
            request.export_expires_at = timezone.now() + timedelta(
                days=settings.DATA_REQUEST_EXPORT_DAYS
            )
            with translation.override(request.language):
                request.outcome = gettext("A copy of your data was prepared.")
            request.move_to(RequestState.COMPLETED)
            request.save()
            record_event(request, Action.COPY_SENT, actor=actor)
            link = absolute_url(
                request, "privacy:request_download", token=links.DOWNLOAD_LINK.make(request)
            )
            _reply(request, "request_copy", link=link, expires_at=request.export_expires_at)
    except Exception:
        remove_file(name)
        raise
    return request


@transaction.atomic
def complete_rectification(*, request: DataSubjectRequest, note: str, actor=None):
    """Staff have corrected the data in the admin; close the request and tell the subject what changed."""
    request = _locked(request)
    _check_type(request, RequestType.RECTIFICATION)
    _check_open(request)
    request.move_to(RequestState.COMPLETED)
    request.outcome = note
    request.save()
    record_event(request, Action.RECTIFIED, actor=actor, note=note)
    _reply(request, "request_rectified", note=note, actor=actor)
    return request


@transaction.atomic
def block_for_request(*, request: DataSubjectRequest, note: str = "", actor=None):
    """Block the address everywhere (no mail, no listing, no new processing) and close the request.

    The reply is queued first: once blocked, the address gets no new mail, and this one is already written.
    """
    request = _locked(request)
    _check_type(request, RequestType.BLOCKING)
    _check_open(request)
    request.move_to(RequestState.COMPLETED)
    with translation.override(request.language):
        request.outcome = note or gettext(
            "Your data is blocked until you ask us to lift the block."
        )
    request.save()
    reply = _reply(request, "request_blocked", note=note, actor=actor)
    block_email(
        email=request.email, reason=f"{request.reference} {note}".strip(), keep_mail=[reply]
    )
    record_event(request, Action.BLOCKED, actor=actor, note=note)
    return request


@transaction.atomic
def unblock_for_request(*, request: DataSubjectRequest, note: str = "", actor=None):
    """Lift the block the subject asked for (staff act on the subject's later instruction)."""
    request = _locked(request)
    _check_type(request, RequestType.BLOCKING)
    lifted = unblock_email(email=request.email)
    record_event(request, Action.UNBLOCKED, actor=actor, note=note)
    if lifted:
        _reply(request, "request_unblocked", note=note, actor=actor)
    return lifted


def preview_deletion(*, request: DataSubjectRequest):
    """What each provider would erase and keep, and why: staff read this before executing."""
    _check_type(request, RequestType.DELETION)
    return erasure.preview(request.email)


@transaction.atomic
def execute_deletion(*, request: DataSubjectRequest, actor=None):
    """Run every provider's erasure, log it by hash, and tell the subject what was kept and why."""
    request = _locked(request)
    _check_type(request, RequestType.DELETION)
    _check_open(request)
    with translation.override(
        request.language
    ):  # what was kept, and why, in the subject's language
        reports = erasure.erase_everywhere(request.email)
        kept = [kept for report in reports for kept in report.kept]
        outcome = _kept_text(kept)
    erasure.log_erasure(request.email, reports, request=request)
    request.refresh_from_db()
    request.move_to(RequestState.COMPLETED)
    request.outcome = outcome
    request.save()
    record_event(request, Action.ERASED, actor=actor, note=request.outcome)
    _reply(request, "request_erased", kept=kept, actor=actor)
    return reports


@transaction.atomic
def withdraw_for_request(*, request: DataSubjectRequest, actor=None):
    """Withdraw the named consents (all of them if none is named); not retroactive."""
    request = _locked(request)
    _check_type(request, RequestType.WITHDRAWAL)
    _check_open(request)
    purposes = request.purposes or list(ConsentPurpose.values)
    stamped = {
        purpose: withdraw_consent(email=request.email, purpose=purpose) for purpose in purposes
    }
    with translation.override(request.language):
        labels = ", ".join(str(ConsentPurpose(purpose).label) for purpose in purposes)
    request.move_to(RequestState.COMPLETED)
    request.outcome = labels
    request.save()
    record_event(request, Action.WITHDRAWN, actor=actor, note=labels)
    _reply(
        request,
        "request_withdrawn",
        purposes=[ConsentPurpose(p).label for p in purposes],
        actor=actor,
    )
    return stamped


@transaction.atomic
def refuse_request(*, request: DataSubjectRequest, reason: str, actor=None):
    """Refuse with reasons (3 working days at most); the reasons are emailed with the right to complain."""
    reason = (reason or "").strip()
    if not reason:
        raise RefusalNeedsReason(gettext("A refusal needs its reasons."))
    request = _locked(request)
    _check_open(request)
    request.move_to(RequestState.REFUSED)
    request.refusal_reason = reason
    request.outcome = reason
    request.save()
    record_event(request, Action.REFUSED, actor=actor, note=reason)
    _reply(request, "request_refused", reason=reason, actor=actor)
    return request


def expire_copy(request: DataSubjectRequest) -> bool:
    """Remove an expired package and kill its link; True if a file was removed."""
    removed = remove_file(request.export_file)
    DataSubjectRequest.objects.filter(pk=request.pk).update(
        export_file="", export_nonce="", export_expires_at=None
    )
    record_event(request, Action.COPY_EXPIRED)
    return removed


def _check_type(request, expected):
    if request.request_type != expected:
        raise IllegalTransition(f"{request.request_type} is not {expected}")


def _kept_text(kept) -> str:
    if not kept:
        return gettext("Everything was erased; nothing was kept.")
    return "\n".join(f"{k.category}: {k.count} — {k.reason}" for k in kept)


def _admin_url(request) -> str:
    return settings.SITE_URL + reverse("admin:privacy_datasubjectrequest_change", args=[request.pk])

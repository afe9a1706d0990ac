"""Data-subject requests (policy section 5): what was asked, by which address, and what staff did about it."""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Case, IntegerField, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dkz_site.validators import validate_email_address

from .blocking import BlockedEmail
from .common import ByEmailQuerySet, normalise_email


class RequestType(models.TextChoices):
    ACCESS = "access", _("Confirmation and a copy of my data")
    RECTIFICATION = "rectification", _("Rectification of my data")
    BLOCKING = "blocking", _("Blocking of my data")
    DELETION = "deletion", _("Deletion of my data")
    WITHDRAWAL = "withdrawal", _("Withdrawal of my consent")


class RequestState(models.TextChoices):
    UNVERIFIED = "unverified", _("Waiting for email confirmation")
    OPEN = "open", pgettext_lazy("data-subject request state", "Open")
    COMPLETED = "completed", _("Completed")
    REFUSED = "refused", _("Refused")


class RequestChannel(models.TextChoices):
    SITE = "site", _("the site's request form")
    EMAIL = "email", pgettext_lazy("request channel", "email")
    POST = "post", pgettext_lazy("request channel", "post")
    IN_PERSON = "in_person", pgettext_lazy("request channel", "in person")


OPEN_STATES = (RequestState.OPEN,)
CLOSED_STATES = (RequestState.COMPLETED, RequestState.REFUSED)


class IllegalTransition(Exception):
    """A request cannot move to that state from the one it is in."""


# The one map of the workflow: from each state, the states it may move to.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    RequestState.UNVERIFIED: (RequestState.OPEN,),
    RequestState.OPEN: (RequestState.COMPLETED, RequestState.REFUSED),
}


def _open_request_of(request_type: str):
    return lambda r: r.state == RequestState.OPEN and r.request_type == request_type


def _block_still_active(r) -> bool:
    return (
        r.request_type == RequestType.BLOCKING
        and r.state == RequestState.COMPLETED
        and BlockedEmail.objects.active().filter(email=normalise_email(r.email)).exists()
    )


# The steps staff take on a verified request (the admin's buttons), and when each is open.
STAFF_STEPS: dict[str, object] = {
    "send_copy": _open_request_of(RequestType.ACCESS),
    "rectify": _open_request_of(RequestType.RECTIFICATION),
    "block": _open_request_of(RequestType.BLOCKING),
    "unblock": _block_still_active,
    "erase": _open_request_of(RequestType.DELETION),
    "withdraw": _open_request_of(RequestType.WITHDRAWAL),
    "refuse": lambda r: r.state == RequestState.OPEN,
}


class DataSubjectRequestQuerySet(ByEmailQuerySet):
    def open(self):
        """Verified and not yet completed or refused: the work staff owe."""
        return self.filter(state__in=OPEN_STATES)

    def overdue(self, today=None):
        return self.open().filter(due_on__lt=today or timezone.localdate())

    def due_by(self, day):
        """Open and due on or before `day` (overdue included)."""
        return self.open().filter(due_on__lte=day)

    def unverified_before(self, moment):
        return self.filter(state=RequestState.UNVERIFIED, created_at__lt=moment)

    def closed_before(self, moment):
        return self.filter(state__in=CLOSED_STATES, closed_at__lt=moment)

    def with_technical_data(self):
        return self.filter(
            models.Q(client_ip__isnull=False) | ~models.Q(user_agent="") | ~models.Q(referrer="")
        )

    def technical_data_before(self, moment):
        """Requests still carrying technical data (IP, user agent, referrer) older than `moment`."""
        return self.with_technical_data().filter(created_at__lt=moment)

    def exports_expired(self, moment):
        return self.exclude(export_file="").filter(export_expires_at__lte=moment)

    def work_order(self):
        """Open first, the most overdue first; then the rest, newest first."""
        return self.annotate(
            closed_rank=Case(
                When(state__in=OPEN_STATES, then=Value(0)),
                When(state=RequestState.UNVERIFIED, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        ).order_by("closed_rank", models.F("due_on").asc(nulls_last=True), "-created_at")


def new_nonce() -> str:
    return secrets.token_urlsafe(24)


class DataSubjectRequest(models.Model):
    """One request by a data subject, proven to come from the owner of the address by an emailed link."""

    holds_personal_data = True

    email = models.EmailField(_("email"), db_index=True, validators=[validate_email_address])
    request_type = models.CharField(_("request"), max_length=20, choices=RequestType.choices)
    details = models.TextField(_("details"), blank=True)
    purposes = models.JSONField(
        _("consents to withdraw"),
        default=list,
        blank=True,
        help_text=_("Empty means every consent."),
    )
    language = models.CharField(_("language"), max_length=8, default="kk")
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=RequestState.choices,
        default=RequestState.UNVERIFIED,
        db_index=True,
    )
    created_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    # Where and when the request reached us: the site's form, or staff registering one that came by email,
    # post or in person (the law counts from receipt); `verified_at` is when the address or identity was confirmed.
    channel = models.CharField(
        _("received by"), max_length=20, choices=RequestChannel.choices, default=RequestChannel.SITE
    )
    received_on = models.DateField(_("received on"), default=timezone.localdate)
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    verification_method = models.TextField(_("how the identity was verified"), blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
    )
    due_on = models.DateField(_("due"), null=True, blank=True, db_index=True)
    refusal_due_on = models.DateField(_("reasoned refusal due"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    outcome = models.TextField(_("outcome told to the subject"), blank=True)
    refusal_reason = models.TextField(_("reason for refusal"), blank=True)
    verification_nonce = models.CharField(max_length=64, blank=True, default=new_nonce)
    export_file = models.CharField(_("copy file"), max_length=200, blank=True)
    export_nonce = models.CharField(max_length=64, blank=True)
    export_expires_at = models.DateTimeField(_("copy link expires"), null=True, blank=True)
    client_ip = models.GenericIPAddressField(_("client IP"), null=True, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=500, blank=True)
    referrer = models.CharField(_("referrer"), max_length=500, blank=True)

    objects = DataSubjectRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("data-subject request")
        verbose_name_plural = _("data-subject requests")
        ordering = ["-created_at"]

    def __str__(self):
        return _("Request %(reference)s") % {"reference": self.reference}

    def save(self, *args, **kwargs):
        self.email = normalise_email(self.email)
        super().save(*args, **kwargs)

    @property
    def reference(self) -> str:
        return f"DSR-{self.pk:05d}" if self.pk else "DSR-new"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    def days_left(self, today: datetime.date | None = None) -> int | None:
        """Kazakhstan working days until the deadline: 0 on the day it is due, negative when overdue."""
        from privacy.subject_requests.deadlines import working_days_between

        if self.due_on is None or not self.is_open:
            return None
        return working_days_between(today or timezone.localdate(), self.due_on)

    def step_open(self, step: str) -> bool:
        """Whether staff may take `step` (a key of STAFF_STEPS) on the request now."""
        return STAFF_STEPS[step](self)

    def move_to(self, state: str) -> None:
        """Change state, refusing the moves the workflow does not allow (TRANSITIONS)."""
        if state not in TRANSITIONS.get(self.state, ()):
            raise IllegalTransition(f"{self.state} -> {state}")
        self.state = state
        if state in CLOSED_STATES:
            self.closed_at = timezone.now()


class RequestEvent(models.Model):
    """The request's history: every step, by whom, with the note staff wrote."""

    class Action(models.TextChoices):
        RECEIVED = "received", _("received; confirmation link emailed")
        REGISTERED = "registered", _("received outside the site; registered and verified by staff")
        NOT_EMAILED = "not_emailed", _("not emailed: the address is blocked")
        VERIFIED = "verified", _("address confirmed; deadline set")
        COPY_SENT = "copy_sent", _("copy prepared and its link emailed")
        COPY_EXPIRED = "copy_expired", _("copy link expired; file removed")
        RECTIFIED = "rectified", _("rectified and completed")
        BLOCKED = "blocked", _("address blocked and completed")
        UNBLOCKED = "unblocked", _("address unblocked")
        ERASED = "erased", _("data erased and completed")
        WITHDRAWN = "withdrawn", _("consents withdrawn and completed")
        REFUSED = "refused", _("refused with reasons")

    request = models.ForeignKey(
        DataSubjectRequest,
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("request"),
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    action = models.CharField(_("what happened"), max_length=20, choices=Action.choices)
    note = models.TextField(_("note"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )

    class Meta:
        verbose_name = _("history entry")
        verbose_name_plural = _("history")
        ordering = ["at", "id"]

    def __str__(self):
        return self.get_action_display()


class ErasureLogEntry(models.Model):
    """One erasure, remembered without the address: a keyed hash lets `reapply_erasures` redo it after a restore."""

    email_hash = models.CharField(_("email hash"), max_length=64, db_index=True)
    erased_at = models.DateTimeField(_("erased"), default=timezone.now)
    request = models.ForeignKey(
        DataSubjectRequest,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("request"),
    )
    summary = models.JSONField(_("what was erased and kept"), default=dict)
    reapplied_at = models.DateTimeField(_("last re-applied"), null=True, blank=True)

    class Meta:
        verbose_name = _("erasure log entry")
        verbose_name_plural = _("erasure log")
        ordering = ["-erased_at"]

    def __str__(self):
        return f"{self.erased_at:%Y-%m-%d %H:%M} · {self.email_hash[:12]}"

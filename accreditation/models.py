import datetime
import secrets
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from dkz_site.collation import Alphabetical, sort_key
from dkz_site.validators import validate_email_address
from privacy.models import BlockedEmail, ByEmailQuerySet, normalise_email

from .bin import validate_bin
from .regions import Region

RENEWAL_REMINDER_DAYS = 30


def alphabetical_name(*, use_index: bool = True) -> Alphabetical:
    """Members in Kazakh (and so Russian) alphabetical order of their name, Latin names after Cyrillic ones; the
    directory's index is built on this expression (dkz_site/collation.py)."""
    return Alphabetical("company_name", "name_sort_key", use_index=use_index)


class MembershipQuerySet(ByEmailQuerySet):
    def by_name(self):
        """Alphabetical, read in the order of the directory's name index."""
        return self.order_by(alphabetical_name(), "pk")

    def active(self, today=None):
        """Memberships in their term today and not ended early (an early end set for a later day
        takes effect on that day)."""
        today = today or timezone.localdate()
        return self.filter(starts_on__lte=today, ends_on__gte=today).filter(
            models.Q(ended_on__isnull=True) | models.Q(ended_on__gt=today)
        )

    def ended(self, today=None):
        """Memberships whose term is over or that were ended early: never listed, kept one year."""
        today = today or timezone.localdate()
        return self.filter(models.Q(ends_on__lt=today) | models.Q(ended_on__lte=today))

    def due_for_renewal_reminder(self, today=None):
        """Active memberships ending within RENEWAL_REMINDER_DAYS that have not been reminded yet."""
        today = today or timezone.localdate()
        horizon = today + datetime.timedelta(days=RENEWAL_REMINDER_DAYS)
        return self.active(today).filter(
            ends_on__lte=horizon, ended_on__isnull=True, renewal_reminder_sent_on__isnull=True
        )

    def not_blocked(self):
        blocked = BlockedEmail.objects.active().filter(email=OuterRef("email"))
        return self.exclude(Exists(blocked))


# Lazy labels: translated when shown, in the language of the page.
REGION_LABELS = dict(Region.choices)


class Membership(models.Model):
    """An accredited company's membership: its legal and contractual facts (name, BIN, region, contact, term).
    What the directory shows of it is the member's profile (`directory.MemberProfile`)."""

    company_name = models.CharField(_("company name"), max_length=200)
    bin = models.CharField(_("BIN"), max_length=12, validators=[validate_bin], db_index=True)
    region = models.CharField(_("region"), max_length=5, choices=Region.choices, db_index=True)
    contact_person = models.CharField(_("contact person"), max_length=200)
    email = models.EmailField(
        _("contact email"), db_index=True, validators=[validate_email_address]
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    headcount = models.PositiveIntegerField(
        _("employees"),
        null=True,
        blank=True,
        help_text=_(
            "The number of employees, from the company's documents: it sets the annual fee."
        ),
    )
    starts_on = models.DateField(_("membership starts"))
    ends_on = models.DateField(_("membership ends"))
    ended_on = models.DateField(
        _("ended early on"),
        null=True,
        blank=True,
        help_text=_("Set when a membership ends before its term."),
    )
    language = models.CharField(
        _("language of correspondence"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="kk",
        help_text=_("Emails to the member (renewal reminders) are written in this language."),
    )
    renewal_reminder_sent_on = models.DateField(
        _("renewal reminder sent on"), null=True, blank=True, editable=False
    )
    # The company name's sort key for databases without ICU (dkz_site/collation.py); set on every save.
    name_sort_key = models.TextField(editable=False, blank=True, default="")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = [Alphabetical("company_name", "name_sort_key"), "pk"]
        indexes = [
            models.Index(fields=["ends_on", "starts_on"], name="membership_term"),
            models.Index(fields=["-starts_on"], name="membership_newest"),
        ]

    def __str__(self):
        return self.company_name

    def save(self, *args, **kwargs):
        self.email = normalise_email(self.email)
        self.name_sort_key = sort_key(self.company_name)
        super().save(*args, **kwargs)

    @property
    def region_label(self) -> str:
        """The region's name, as `get_region_display` gives it but without translating all 20 names to find one
        (Django hashes every choice label on each call: 400 translations on a page of 20 member cards)."""
        return REGION_LABELS.get(self.region, self.region)

    @property
    def is_active(self) -> bool:
        today = timezone.localdate()
        not_ended = self.ended_on is None or self.ended_on > today
        return not_ended and self.starts_on <= today <= self.ends_on

    @property
    def current_term_start(self) -> datetime.date:
        """The first day of the term the membership is in: renewals extend `ends_on` by a term each."""
        return max(
            self.starts_on, self.ends_on - datetime.timedelta(days=settings.MEMBERSHIP_TERM_DAYS)
        )

    @property
    def end_date(self) -> datetime.date:
        """The day the membership stops: its term's end, or the early end if there was one."""
        return min(self.ends_on, self.ended_on) if self.ended_on else self.ends_on

    @property
    def status(self) -> str:
        today = timezone.localdate()
        if self.is_active:
            return pgettext("membership status", "active")
        if self.starts_on > today and (self.ended_on is None or self.ended_on > today):
            return pgettext("membership status", "not started")
        return pgettext("membership status", "ended")


class IllegalMove(Exception):
    """An application was asked to move to a state its current state does not lead to."""


class ReasonRequired(ValueError):
    """Rejections and information requests must tell the applicant why."""


class ApplicationState(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in_review", _("In review")
    INFORMATION_REQUESTED = "information_requested", _("Information requested")
    RESUBMITTED = "resubmitted", _("Resubmitted")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


S = ApplicationState
OPEN_STATES = (S.SUBMITTED, S.IN_REVIEW, S.INFORMATION_REQUESTED, S.RESUBMITTED)
CLOSED_STATES = (S.APPROVED, S.REJECTED, S.WITHDRAWN)
STATES_NEEDING_REASON = (S.REJECTED, S.INFORMATION_REQUESTED)

# The one map of the review workflow: from each state, the states it may move to.
# A reviewer may decide as soon as an application arrives; the applicant may withdraw while it is open.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.SUBMITTED: (S.IN_REVIEW, S.APPROVED, S.REJECTED, S.WITHDRAWN),
    S.IN_REVIEW: (S.INFORMATION_REQUESTED, S.APPROVED, S.REJECTED, S.WITHDRAWN),
    S.INFORMATION_REQUESTED: (S.RESUBMITTED, S.REJECTED, S.WITHDRAWN),
    S.RESUBMITTED: (S.IN_REVIEW, S.INFORMATION_REQUESTED, S.APPROVED, S.REJECTED, S.WITHDRAWN),
    S.APPROVED: (),
    S.REJECTED: (),
    S.WITHDRAWN: (),
}

# Moves only the applicant makes (from the public pages); the rest are the reviewers'.
APPLICANT_MOVES = (S.RESUBMITTED, S.WITHDRAWN)

# The date field stamped when an application enters each state.
STATE_DATE_FIELDS = {
    S.SUBMITTED: "submitted_at",
    S.IN_REVIEW: "review_started_at",
    S.INFORMATION_REQUESTED: "information_requested_at",
    S.RESUBMITTED: "resubmitted_at",
    S.APPROVED: "approved_at",
    S.REJECTED: "rejected_at",
    S.WITHDRAWN: "withdrawn_at",
}

_REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read out on the phone


def new_reference() -> str:
    """A reference number like ``AC-2026-7KQ4MX``: the year, then six random characters."""
    code = "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(6))
    return f"AC-{timezone.localdate().year}-{code}"


class ApplicationQuerySet(ByEmailQuerySet):
    def open(self):
        return self.filter(state__in=OPEN_STATES)

    def closed(self):
        return self.filter(state__in=CLOSED_STATES)

    def awaiting_review(self):
        """Open and waiting for a reviewer, not for the applicant: counted on the admin dashboard."""
        return self.open().exclude(state=S.INFORMATION_REQUESTED)

    def open_first(self):
        """The reviewers' worklist order: open applications first, oldest first within each group."""
        return self.annotate(
            closed_rank=models.Case(
                models.When(state__in=OPEN_STATES, then=models.Value(0)),
                default=models.Value(1),
            )
        ).order_by("closed_rank", "submitted_at", "pk")

    def with_renewal(self):
        """Annotate `is_renewal`: the BIN was already a member when the application came in (a renewal from
        the cabinet or the form), which reviewers see in the queue."""
        from django.db.models.functions import TruncDate

        earlier = Membership.objects.filter(
            bin=OuterRef("bin"), starts_on__lt=OuterRef("submitted_on")
        )
        return self.annotate(submitted_on=TruncDate("submitted_at")).annotate(
            is_renewal=Exists(earlier)
        )

    def next_open(self, after=None):
        """The oldest open application other than ``after``: where a reviewer goes after a decision."""
        queryset = self.open().order_by("submitted_at", "pk")
        if after is not None:
            queryset = queryset.exclude(pk=after.pk)
        return queryset.first()


class Application(models.Model):
    """A company's application for accreditation (privacy policy, section 1: BIN, name, region,
    contact person, business description), and where it stands in the review."""

    reference = models.CharField(
        _("reference number"), max_length=20, unique=True, default=new_reference, editable=False
    )
    bin = models.CharField(_("BIN"), max_length=12, validators=[validate_bin], db_index=True)
    company_name = models.CharField(_("company name"), max_length=200)
    region = models.CharField(_("region"), max_length=5, choices=Region.choices, db_index=True)
    contact_person = models.CharField(_("contact person"), max_length=200)
    email = models.EmailField(
        _("email"), db_index=True, blank=True, validators=[validate_email_address]
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    description = models.TextField(_("business description"), blank=True)
    headcount = models.PositiveIntegerField(
        _("employees"),
        null=True,
        blank=True,
        help_text=_(
            "Entered by the reviewer from the company's documents: with it, approval issues the fee invoice."
        ),
    )
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="kk"
    )
    publication_consent = models.BooleanField(
        _("consents to publication"),
        default=False,
        help_text=_("Without it the company is accredited but not listed in the directory."),
    )

    state = models.CharField(
        _("state"), max_length=24, choices=ApplicationState.choices, default=S.SUBMITTED
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now, db_index=True)
    review_started_at = models.DateTimeField(_("review started"), null=True, blank=True)
    information_requested_at = models.DateTimeField(
        _("information requested"), null=True, blank=True
    )
    resubmitted_at = models.DateTimeField(_("resubmitted"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    rejected_at = models.DateTimeField(_("rejected"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewer"),
    )
    decision_reason = models.TextField(_("reason given"), blank=True)
    membership = models.ForeignKey(
        Membership,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
        help_text=_("The membership this application created or renewed."),
        verbose_name=_("membership"),
    )

    # Technical data of the last submission by the applicant (privacy policy, section 1; kept 90 days).
    client_ip = models.GenericIPAddressField(_("client IP"), null=True, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=500, blank=True)
    referrer = models.CharField(_("referrer"), max_length=500, blank=True)
    technical_recorded_at = models.DateTimeField(
        _("technical data recorded"), null=True, blank=True
    )
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)

    objects = ApplicationQuerySet.as_manager()

    holds_personal_data = True

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-submitted_at"]
        indexes = [models.Index(fields=["state", "submitted_at"], name="application_worklist")]
        constraints = [
            models.UniqueConstraint(
                fields=["bin"],
                condition=models.Q(state__in=OPEN_STATES),
                name="one_open_application_per_bin",
                violation_error_message=_("This BIN already has an application under review."),
            )
        ]

    def __str__(self):
        return f"{self.reference} · {self.company_name}"

    def save(self, *args, **kwargs):
        self.email = normalise_email(self.email)
        super().save(*args, **kwargs)

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def decided_at(self):
        """When the application was closed (approved, rejected or withdrawn), if it was."""
        return self.approved_at or self.rejected_at or self.withdrawn_at

    def allowed_moves(self) -> tuple[str, ...]:
        return TRANSITIONS[self.state]

    def reviewer_moves(self) -> list[ApplicationState]:
        """The buttons the admin shows now: the allowed moves a reviewer makes."""
        return [S(state) for state in self.allowed_moves() if state not in APPLICANT_MOVES]

    def can_move_to(self, state: str) -> bool:
        return state in TRANSITIONS[self.state]

    def move_to(self, state: str, *, by=None, reason: str = "", at=None) -> "ApplicationEvent":
        """Apply one move of the workflow and write it to the history; refuse moves the map forbids.

        ``by`` is the reviewer (None when the applicant moves). Saves the application; callers
        wrap this in a transaction together with whatever else the move entails.
        """
        state = S(state)
        if not self.can_move_to(state):
            raise IllegalMove(f"An application cannot move from {self.state} to {state}.")
        reason = (reason or "").strip()
        if state in STATES_NEEDING_REASON and not reason:
            raise ReasonRequired(f"Moving to {state} needs a reason for the applicant.")
        at = at or timezone.now()
        previous = self.state
        self.state = state
        setattr(self, STATE_DATE_FIELDS[state], at)
        if by is not None:
            self.reviewer = by
        if state in STATES_NEEDING_REASON:
            self.decision_reason = reason
        self.save()
        return self.events.create(
            from_state=previous, to_state=state, at=at, actor=by, reason=reason
        )


class ApplicationEvent(models.Model):
    """One move in an application's history, as staff see it on the application's page."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="events", verbose_name=_("application")
    )
    from_state = models.CharField(
        _("from"), max_length=24, choices=ApplicationState.choices, blank=True
    )
    to_state = models.CharField(_("to"), max_length=24, choices=ApplicationState.choices)
    at = models.DateTimeField(_("when"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
        help_text=_("Empty when the applicant made the move."),
    )
    reason = models.TextField(_("reason"), blank=True)
    applicant_notified = models.BooleanField(
        _("email queued for the applicant"),
        default=False,
        help_text=_("False when the applicant's address is blocked: nothing was sent."),
    )
    email = models.ForeignKey(
        "outbox.Email",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("email to the applicant"),
    )

    class Meta:
        verbose_name = _("history entry")
        verbose_name_plural = _("history")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_from_state_display()} → {self.get_to_state_display()}"

    @property
    def applicant_emailed(self) -> bool:
        """Whether the email about this move reached the applicant's mail server."""
        return self.email is not None and self.email.delivered


class InvoiceQuerySet(models.QuerySet):
    def for_email(self, email):
        """The payer's invoices, by the address on the invoice or its membership's current one.

        The invoice's own address still finds it after the membership's contact is erased or the
        membership deleted: the invoice is kept 5 years, and its payer may still ask about it.
        """
        email = normalise_email(email)
        if not email:
            return self.none()  # anonymised rows hold "", which is nobody's address
        return self.filter(models.Q(payer_email=email) | models.Q(membership__email=email))

    def unpaid(self):
        return self.filter(paid_on__isnull=True)

    def membership_fees(self):
        """Invoices issued from the fee tariff (others were typed in by hand)."""
        return self.filter(annual_fee_mci__isnull=False)

    def overdue(self, today=None):
        return self.unpaid().filter(due_on__lt=today or timezone.localdate())

    def past_retention(self, today=None):
        """Invoices kept RETENTION_ACCOUNTING_YEARS full years after the end of the year they belong to (the year
        of issue, or of payment when later), outside any year an audit or complaint holds."""
        today = today or timezone.localdate()
        first_kept = datetime.date(today.year - settings.RETENTION_ACCOUNTING_YEARS, 1, 1)
        held = list(AccountingHold.objects.in_force().values_list("year", flat=True))
        return (
            self.filter(issued_on__lt=first_kept)
            .filter(models.Q(paid_on__isnull=True) | models.Q(paid_on__lt=first_kept))
            .exclude(issued_on__year__in=held)
            .exclude(paid_on__year__in=held)
        )


class AccountingHoldQuerySet(models.QuerySet):
    def in_force(self):
        return self.filter(released_on__isnull=True)


class AccountingHold(models.Model):
    """A year whose accounting records stay past their retention period: a tax audit of that period, or a
    complaint or dispute about it, is under way. Released by staff when it is over."""

    class Reason(models.TextChoices):
        AUDIT = "audit", _("tax audit or inspection")
        COMPLAINT = "complaint", _("complaint or dispute")

    year = models.PositiveSmallIntegerField(
        _("accounting year"), help_text=_("The calendar year whose records are held.")
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    note = models.CharField(
        _("note"),
        max_length=300,
        blank=True,
        help_text=_(
            "The audit or case, e.g. the number of the order or the letter; no personal data."
        ),
    )
    held_since = models.DateField(_("held since"), default=timezone.localdate)
    released_on = models.DateField(
        _("released on"),
        null=True,
        blank=True,
        help_text=_(
            "Set when the audit or complaint is over: the records then follow the schedule again."
        ),
    )

    objects = AccountingHoldQuerySet.as_manager()

    class Meta:
        verbose_name = _("accounting records hold")
        verbose_name_plural = _("accounting records holds")
        ordering = ["-year", "-held_since"]

    def __str__(self):
        return f"{self.year}: {self.get_reason_display()}"

    def clean(self):
        if self.released_on and self.held_since and self.released_on < self.held_since:
            raise ValidationError({"released_on": _("A hold cannot end before it starts.")})


class Invoice(models.Model):
    """A membership-fee invoice: an accounting record kept 5 years after the end of the year it belongs to
    (accounting and archival legislation, the Tax Code).

    The payer's details are a snapshot taken when the invoice is issued, so the record stays
    complete after the membership itself is deleted or anonymised.
    """

    number = models.CharField(
        _("invoice number"),
        max_length=30,
        unique=True,
        blank=True,
        help_text=_("Left empty, the next number of the year is given, e.g. DKZ-2026-0007."),
    )
    membership = models.ForeignKey(
        Membership,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invoices",
        verbose_name=_("membership"),
    )
    amount_kzt = models.DecimalField(
        _("amount (KZT)"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    issued_on = models.DateField(_("issued on"), default=timezone.localdate)
    due_on = models.DateField(_("due on"))
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    payer_company_name = models.CharField(_("payer: company name"), max_length=200, blank=True)
    payer_bin = models.CharField(_("payer: BIN"), max_length=12, blank=True)
    payer_contact_person = models.CharField(_("payer: contact person"), max_length=200, blank=True)
    payer_email = models.EmailField(
        _("payer: email"),
        blank=True,
        db_index=True,
        help_text=_("Left empty, the membership's contact email is taken."),
        validators=[validate_email_address],
    )
    # How a membership-fee invoice's amount was worked out from the tariff, frozen with it on issue.
    headcount = models.PositiveIntegerField(_("employees"), null=True, blank=True)
    annual_fee_mci = models.DecimalField(
        _("annual fee (MCI)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    entrance_fee_mci = models.DecimalField(
        _("entrance fee (MCI)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    mci_value_kzt = models.DecimalField(
        _("MCI (KZT)"), max_digits=10, decimal_places=2, null=True, blank=True
    )

    objects = InvoiceQuerySet.as_manager()

    holds_personal_data = True

    class Meta:
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        ordering = ["-issued_on", "-number"]

    def __str__(self):
        return self.number

    def save(self, *args, **kwargs):
        if self.membership_id and not self.payer_company_name:
            self.take_payer_snapshot()
        if self.membership_id and self._state.adding and not self.payer_email:
            # Payer details typed in by hand at issue still take the contact's address.
            self.payer_email = self.membership.email
        self.payer_email = normalise_email(self.payer_email)
        if not self.number:
            self.number = self.next_number(self.issued_on.year)
        super().save(*args, **kwargs)

    @classmethod
    def next_number(cls, year: int) -> str:
        """The year's next number in sequence (the unique constraint catches a simultaneous one)."""
        prefix = f"DKZ-{year}-"
        taken = cls.objects.filter(number__startswith=prefix).values_list("number", flat=True)
        last = max(
            (int(n.removeprefix(prefix)) for n in taken if n.removeprefix(prefix).isdigit()),
            default=0,
        )
        return f"{prefix}{last + 1:04d}"

    def clean(self):
        if self.issued_on and self.due_on and self.due_on < self.issued_on:
            raise ValidationError({"due_on": _("An invoice cannot fall due before it is issued.")})
        if self.paid_on and self.issued_on and self.paid_on < self.issued_on:
            raise ValidationError({"paid_on": _("An invoice cannot be paid before it is issued.")})

    @property
    def accounting_year(self) -> int:
        """The year the record belongs to: its issue, or its payment when that came in a later year."""
        return max(self.issued_on.year, self.paid_on.year if self.paid_on else 0)

    def kept_until(self) -> datetime.date:
        """The last day of the retention period, a hold aside."""
        return datetime.date(self.accounting_year + settings.RETENTION_ACCOUNTING_YEARS, 12, 31)

    def take_payer_snapshot(self):
        """Copy who pays from the membership, as it is at the time of issue."""
        self.payer_company_name = self.membership.company_name
        self.payer_bin = self.membership.bin
        self.payer_contact_person = self.membership.contact_person
        self.payer_email = self.membership.email

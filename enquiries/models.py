"""Enquiries: what a visitor wrote through the contact form, and the correspondence that followed it.

An enquiry keeps the opening message in `message` (the public contract) and the whole thread as
`EnquiryMessage` rows, inbound (the visitor) and outbound (staff). Every email the thread causes is an
outbox `Email` about the enquiry, so a failing mail server never loses a submission and staff see what was not
delivered.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dkz_site.dates import date_and_time
from dkz_site.validators import validate_email_address
from privacy.models import ByEmailQuerySet, normalise_email

NAME_MAX_LENGTH = 200
COMPANY_MAX_LENGTH = 200
MESSAGE_MAX_LENGTH = 5000
DUPLICATE_WINDOW = timedelta(minutes=10)


class IllegalTransition(Exception):
    """An enquiry was asked to move to a status its current status does not allow."""


def _undelivered_mail():
    """The enquiry's emails that have not gone out (correlated with the enquiry of the outer query)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models.functions import Cast

    from outbox.models import Email

    return Email.objects.undelivered().filter(
        content_type=ContentType.objects.get_for_model(Enquiry),
        object_id=Cast(OuterRef("pk"), models.CharField()),
        status__in=[Email.Status.RETRYING, Email.Status.FAILED],
    )


class EnquiryQuerySet(ByEmailQuerySet):
    def recent_duplicate_of(self, *, email, message, now=None):
        """The same address and the same text within the last ten minutes: a double submission.

        An enquiry whose processing was stopped (consent withdrawn) does not count: sending again is a new consent.
        """
        now = now or timezone.now()
        return self.for_email(email).filter(
            message=message.strip(),
            created_at__gte=now - DUPLICATE_WINDOW,
            processing_stopped_at__isnull=True,
        )

    def open(self):
        """Every enquiry not closed: the staff's workload, counted on the admin dashboard."""
        return self.exclude(status=Enquiry.Status.CLOSED)

    def with_mail_problem(self):
        """Enquiries with an email not delivered (yet): queued long ago, waiting for a retry, or refused."""
        return self.filter(Exists(_undelivered_mail()))

    def for_staff_list(self):
        """The admin list: message counts and the mail-problem flag in the same query, unanswered first."""
        failing = _undelivered_mail()
        return self.annotate(
            message_count=Count("messages"),
            has_mail_problem=Exists(failing),
            awaits_us=Case(
                When(status=Enquiry.Status.NEW, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
        )

    def last_contact_before(self, moment):
        """Retention: correspondence whose last contact was before `moment`."""
        return self.filter(last_contact_at__lt=moment)


class Enquiry(models.Model):
    """One visitor's enquiry and its correspondence with staff."""

    holds_personal_data = True

    class Status(models.TextChoices):
        NEW = "new", _("New")
        ANSWERED = "answered", _("Answered")
        AWAITING_VISITOR = "awaiting_visitor", _("Awaiting visitor")
        CLOSED = "closed", pgettext_lazy("enquiry status", "Closed")

    # Which status may follow which; anything else is refused by `move_to`.
    TRANSITIONS = {
        Status.NEW: {Status.ANSWERED, Status.AWAITING_VISITOR, Status.CLOSED, Status.NEW},
        Status.ANSWERED: {Status.NEW, Status.ANSWERED, Status.AWAITING_VISITOR, Status.CLOSED},
        Status.AWAITING_VISITOR: {
            Status.NEW,
            Status.ANSWERED,
            Status.AWAITING_VISITOR,
            Status.CLOSED,
        },
        Status.CLOSED: {Status.NEW, Status.ANSWERED, Status.AWAITING_VISITOR},
    }

    name = models.CharField(pgettext_lazy("person", "name"), max_length=NAME_MAX_LENGTH)
    email = models.EmailField(_("email"), db_index=True, validators=[validate_email_address])
    company = models.CharField(_("company"), max_length=COMPANY_MAX_LENGTH, blank=True)
    message = models.TextField(_("message"), help_text=_("The opening message of the enquiry."))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW, db_index=True
    )
    created_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    last_contact_at = models.DateTimeField(
        _("last contact"),
        default=timezone.now,
        db_index=True,
        help_text=_("The latest message in either direction; retention counts from it."),
    )
    waiting_since = models.DateTimeField(
        _("awaiting our answer since"), null=True, blank=True, db_index=True
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    processing_stopped_at = models.DateTimeField(
        _("processing stopped"),
        null=True,
        blank=True,
        help_text=_(
            "Set when the visitor withdraws consent or their data is erased: no more mail."
        ),
    )
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)
    consent = models.ForeignKey(
        "privacy.ConsentRecord",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("consent record"),
    )

    objects = EnquiryQuerySet.as_manager()

    class Meta:
        verbose_name = _("enquiry")
        verbose_name_plural = _("enquiries")
        ordering = ["-last_contact_at", "-pk"]
        indexes = [models.Index(fields=["email", "created_at"], name="enquiry_email_created")]

    def __str__(self):
        return _("Enquiry %(number)s") % {"number": self.reference}

    def save(self, *args, **kwargs):
        if not self.anonymised_at:
            self.email = normalise_email(self.email)
        super().save(*args, **kwargs)

    @property
    def reference(self) -> str:
        return f"#{self.pk}" if self.pk else "#"

    @property
    def accepts_mail(self) -> bool:
        """Whether the visitor may still be written to (consent not withdrawn, data not erased)."""
        return self.processing_stopped_at is None and self.anonymised_at is None

    def waiting_time(self, now=None) -> timedelta | None:
        """How long the visitor's latest message has waited for our answer."""
        if self.status != self.Status.NEW or self.waiting_since is None:
            return None
        return (now or timezone.now()) - self.waiting_since

    def move_to(self, status, *, at=None):
        """Change status, stamping the dates that go with it; refuse a move the map does not allow."""
        status = self.Status(status)
        if status not in self.TRANSITIONS[self.Status(self.status)]:
            raise IllegalTransition(f"{self.status} -> {status}")
        at = at or timezone.now()
        self.status = status
        if status == self.Status.NEW:
            self.waiting_since = self.waiting_since or at
            self.closed_at = None
        else:
            self.waiting_since = None
        if status == self.Status.CLOSED:
            self.closed_at = at
        elif status != self.Status.NEW:
            self.closed_at = None


# A message still holding the request's technical data: the partial index below has the same condition as the
# retention rule (`privacy.registry.technical_data_rule` with these fields cleared).
TECHNICAL_DATA_HELD = ~Q(client_ip=None) | ~Q(user_agent="") | ~Q(referrer="")


class EnquiryMessageQuerySet(models.QuerySet):
    def with_technical_data(self):
        return self.filter(TECHNICAL_DATA_HELD)


class EnquiryMessage(models.Model):
    """One message of the thread: the visitor's (inbound, with the request's technical data) or staff's."""

    privacy_coverage_exempt = {
        "admin": "shown only in its enquiry's admin, behind the personal-data gate"
    }

    holds_personal_data = True

    class Direction(models.TextChoices):
        INBOUND = "in", _("From the visitor")
        OUTBOUND = "out", _("From staff")

    enquiry = models.ForeignKey(
        Enquiry, on_delete=models.CASCADE, related_name="messages", verbose_name=_("enquiry")
    )
    direction = models.CharField(_("direction"), max_length=3, choices=Direction.choices)
    body = models.TextField(_("text"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("staff author"),
    )
    sent_at = models.DateTimeField(_("time"), default=timezone.now)
    client_ip = models.GenericIPAddressField(_("client IP"), null=True, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=500, blank=True)
    referrer = models.CharField(_("referrer"), max_length=500, blank=True)

    objects = EnquiryMessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["sent_at", "pk"]
        indexes = [
            models.Index(fields=["sent_at"], name="enquiry_message_sent"),
            # Retention reads the next batch of messages still holding technical data from this small index
            # (cleared rows drop out of it), instead of scanning past every cleared row on each batch.
            models.Index(
                fields=["sent_at"],
                name="enquiry_message_technical",
                condition=TECHNICAL_DATA_HELD,
            ),
        ]

    def __str__(self):
        return f"{self.get_direction_display()} · {date_and_time(self.sent_at)}"

    @property
    def is_inbound(self) -> bool:
        return self.direction == self.Direction.INBOUND

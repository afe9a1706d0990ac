"""Events of the association and the registrations for them (attendees, waiting list, cancellations)."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from privacy.models import ByEmailQuerySet, normalise_email

from .common import Trilingual, first_available
from .pages import MARKDOWN_HELP

NAME_MAX_LENGTH = 200
COMPANY_MAX_LENGTH = 200


class EventLanguage(models.TextChoices):
    KAZAKH = "kk", _("Kazakh")
    RUSSIAN = "ru", _("Russian")
    ENGLISH = "en", _("English")
    KAZAKH_RUSSIAN = "kk-ru", _("Kazakh and Russian")


class EventQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def upcoming(self, now=None):
        """Not over yet (an event under way is still upcoming), soonest first."""
        return self.filter(ends_at__gte=now or timezone.now()).order_by("starts_at", "pk")

    def past(self, now=None):
        return self.filter(ends_at__lt=now or timezone.now()).order_by("-starts_at", "-pk")

    def with_counts(self):
        """How many places are taken, waited for and cancelled: one query for a list of events."""
        status = Registration.Status
        return self.annotate(
            confirmed_count=models.Count(
                "registrations", filter=models.Q(registrations__status=status.CONFIRMED)
            ),
            waiting_count=models.Count(
                "registrations", filter=models.Q(registrations__status=status.WAITING)
            ),
            cancelled_count=models.Count(
                "registrations", filter=models.Q(registrations__status=status.CANCELLED)
            ),
            attended_count=models.Count(
                "registrations", filter=models.Q(registrations__attended=True)
            ),
        )


class Event(Trilingual, models.Model):
    slug = models.SlugField(_("address"), max_length=120, unique=True)
    title_kk = models.CharField(_("title (Kazakh)"), max_length=200, blank=True)
    title_ru = models.CharField(_("title (Russian)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    summary_kk = models.TextField(_("summary (Kazakh)"), max_length=400, blank=True)
    summary_ru = models.TextField(_("summary (Russian)"), max_length=400, blank=True)
    summary_en = models.TextField(_("summary (English)"), max_length=400, blank=True)
    body_kk = models.TextField(_("programme (Kazakh)"), blank=True, help_text=MARKDOWN_HELP)
    body_ru = models.TextField(_("programme (Russian)"), blank=True, help_text=MARKDOWN_HELP)
    body_en = models.TextField(_("programme (English)"), blank=True, help_text=MARKDOWN_HELP)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    venue_kk = models.CharField(_("place (Kazakh)"), max_length=300, blank=True)
    venue_ru = models.CharField(_("place (Russian)"), max_length=300, blank=True)
    venue_en = models.CharField(_("place (English)"), max_length=300, blank=True)
    online_url = models.URLField(
        _("online link"),
        blank=True,
        help_text=_("For an online or hybrid event: the public page or stream to join."),
    )
    language = models.CharField(
        _("language of the event"), max_length=8, choices=EventLanguage.choices, default="kk"
    )
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        help_text=_(
            "Empty: no limit. When every place is taken, new registrations join the waiting list."
        ),
    )
    registration_closes_at = models.DateTimeField(
        _("registration closes"),
        null=True,
        blank=True,
        help_text=_("Empty: registration stays open until the event starts."),
    )
    is_published = models.BooleanField(_("published"), default=False)
    working_group = models.ForeignKey(
        "association.WorkingGroup",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("working group"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    required_in_language = ("title",)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-starts_at", "-pk"]
        indexes = [models.Index(fields=["is_published", "ends_at"], name="event_upcoming")]

    def __str__(self):
        return self.localised("title") or self.slug

    def get_absolute_url(self):
        return reverse("association:event", args=[self.slug])

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("An event must end after it starts.")
        if (
            self.registration_closes_at
            and self.starts_at
            and self.registration_closes_at > self.starts_at
        ):
            errors["registration_closes_at"] = _("Registration must close by the start.")
        if not (self.venue_kk or self.venue_ru or self.venue_en or self.online_url):
            errors["venue_kk"] = _("Give the place, the online link, or both.")
        if errors:
            raise ValidationError(errors)
        if not self.languages:
            raise ValidationError(_("Give the event a title in at least one language."))

    def venue(self) -> str:
        return first_available(self, "venue")[0]

    @property
    def is_online(self) -> bool:
        return bool(self.online_url)

    def registration_deadline(self):
        return self.registration_closes_at or self.starts_at

    def registration_open(self, now=None) -> bool:
        return self.is_published and (now or timezone.now()) < self.registration_deadline()

    def has_started(self, now=None) -> bool:
        return (now or timezone.now()) >= self.starts_at

    def is_over(self, now=None) -> bool:
        return (now or timezone.now()) > self.ends_at

    def confirmed_places(self) -> int:
        return self.registrations.confirmed().count()

    def places_left(self) -> int | None:
        """None when the number of places is not limited."""
        if self.capacity is None:
            return None
        return max(self.capacity - self.confirmed_places(), 0)


class RegistrationQuerySet(ByEmailQuerySet):
    def confirmed(self):
        return self.filter(status=Registration.Status.CONFIRMED)

    def waiting(self):
        return self.filter(status=Registration.Status.WAITING)

    def active(self):
        """Holding a place or waiting for one."""
        return self.filter(status__in=Registration.ACTIVE)

    def waiting_in_order(self):
        """The waiting list as it is served: first come, first served."""
        return self.waiting().order_by("registered_at", "pk")

    def for_upcoming_events(self, now=None):
        return self.filter(event__starts_at__gt=now or timezone.now())

    def attendees_of_events_ended_before(self, moment):
        """Retention: the people, not yet anonymised, registered for events that ended before `moment`."""
        return self.filter(event__ends_at__lt=moment, anonymised_at__isnull=True)

    def due_for_reminder(self, now=None):
        """Confirmed places of events starting within EVENT_REMINDER_HOURS that have not been reminded."""
        now = now or timezone.now()
        horizon = now + timedelta(hours=settings.EVENT_REMINDER_HOURS)
        return self.confirmed().filter(
            event__is_published=True,
            event__starts_at__gt=now,
            event__starts_at__lte=horizon,
            reminder_sent_at__isnull=True,
            anonymised_at__isnull=True,
        )


class Registration(models.Model):
    """One person's registration for an event: a place, a place on the waiting list, or a cancelled one."""

    holds_personal_data = True

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Place confirmed")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    class CancelledBy(models.TextChoices):
        ATTENDEE = "attendee", _("the attendee")
        STAFF = "staff", _("staff")
        WITHDRAWAL = "withdrawal", _("consent withdrawn")
        ERASURE = "erasure", _("data erased on request")

    ACTIVE = (Status.CONFIRMED, Status.WAITING)

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("event")
    )
    name = models.CharField(_("full name"), max_length=NAME_MAX_LENGTH, blank=True)
    email = models.EmailField(_("email"), blank=True, db_index=True)
    company = models.CharField(_("company"), max_length=COMPANY_MAX_LENGTH, blank=True)
    language = models.CharField(
        _("language of correspondence"), max_length=8, choices=settings.LANGUAGES, default="kk"
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    registered_at = models.DateTimeField(_("registered"), default=timezone.now)
    confirmed_at = models.DateTimeField(
        _("place given"),
        null=True,
        blank=True,
        help_text=_("At registration, or when a place came free for someone on the waiting list."),
    )
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancelled_by = models.CharField(
        _("cancelled by"), max_length=12, choices=CancelledBy.choices, blank=True
    )
    attended = models.BooleanField(
        _("attended"), null=True, blank=True, help_text=_("Recorded by staff after the event.")
    )
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    consent = models.ForeignKey(
        "privacy.ConsentRecord",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("consent record"),
    )
    client_ip = models.GenericIPAddressField(_("client IP"), null=True, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=500, blank=True)
    referrer = models.CharField(_("referrer"), max_length=500, blank=True)
    technical_recorded_at = models.DateTimeField(
        _("technical data recorded"), null=True, blank=True
    )
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["event", "registered_at", "pk"]
        indexes = [
            models.Index(fields=["event", "status", "registered_at"], name="registration_queue")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=models.Q(status__in=["confirmed", "waiting"]) & ~models.Q(email=""),
                name="one_active_registration_per_address",
            )
        ]

    def __str__(self):
        return f"{self.event} · {self.name or _('anonymised')}"

    def save(self, *args, **kwargs):
        self.email = normalise_email(self.email)
        super().save(*args, **kwargs)

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE

    def position_on_waiting_list(self) -> int | None:
        if self.status != self.Status.WAITING:
            return None
        ahead = self.event.registrations.waiting().filter(
            models.Q(registered_at__lt=self.registered_at)
            | models.Q(registered_at=self.registered_at, pk__lt=self.pk)
        )
        return ahead.count() + 1

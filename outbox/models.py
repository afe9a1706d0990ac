"""Every email the site sends is one `Email` row, written in the transaction of the data that causes it.

The row holds the rendered message (subject and body in the recipient's language) and the state of its
delivery; a worker sends it (outbox.delivery). Nothing else in the site talks to a mail server.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from privacy.models import normalise_email


class EmailQuerySet(models.QuerySet):
    def for_email(self, email):
        """Emails to one person, by their address (case-insensitive, as privacy normalises it)."""
        email = normalise_email(email)
        return self.filter(to=email) if email else self.none()

    def undelivered(self):
        """Not (yet) delivered and not given up on purpose: what staff must keep an eye on."""
        return self.filter(status__in=Email.UNDELIVERED)

    def unsent(self):
        """Still to be sent: queued, being sent or waiting for a retry."""
        return self.filter(status__in=Email.IN_PROGRESS)

    def failed(self):
        return self.filter(status=Email.Status.FAILED)

    def regarding(self, obj):
        """The emails a record caused (an enquiry, an application, a data-subject request)."""
        return self.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
        )

    def at_risk(self, now=None):
        """Undelivered emails that had to reach the person by a legal deadline that is near or past.

        "Near" is OUTBOX_AT_RISK_HOURS (default 24) before it.
        """
        now = now or timezone.now()
        horizon = now + timedelta(hours=settings.OUTBOX_AT_RISK_HOURS)
        return self.undelivered().filter(deliver_by__isnull=False, deliver_by__lte=horizon)

    def stale(self, now=None):
        """Rows a worker should have picked up by now and did not (lost task, worker killed mid-send)."""
        now = now or timezone.now()
        grace = now - timedelta(seconds=settings.OUTBOX_SWEEP_GRACE_SECONDS)
        waiting = Q(
            status__in=[Email.Status.QUEUED, Email.Status.RETRYING], next_attempt_at__lt=grace
        )
        abandoned = Q(status=Email.Status.SENDING, claimed_until__lt=now)
        return self.filter(waiting | abandoned)

    def acknowledgements_to(self, address: str, since):
        """Automatic acknowledgements and confirmation links sent (or about to be) to one address."""
        return (
            self.for_email(address)
            .filter(is_acknowledgement=True, created_at__gte=since)
            .exclude(status=Email.Status.LIMITED)
        )

    def for_staff_list(self):
        """Undelivered first (the staff's work), then the newest; what each is about in the same query."""
        rank = models.Case(
            models.When(status__in=Email.UNDELIVERED, then=models.Value(0)),
            default=models.Value(1),
            output_field=models.IntegerField(),
        )
        return self.select_related("content_type").alias(undelivered_rank=rank)

    def finished_before(self, moment):
        """Retention: emails whose delivery ended (sent, refused, cancelled) before `moment`."""
        return self.filter(status__in=Email.FINISHED, created_at__lt=moment)


class Email(models.Model):
    """One email to one recipient, and what became of it."""

    holds_personal_data = True

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        SENDING = "sending", _("being sent")
        RETRYING = "retrying", _("not sent yet: will be retried")
        SENT = "sent", _("sent")
        FAILED = "failed", _("not delivered")
        CANCELLED = "cancelled", _("not sent: cancelled")
        LIMITED = "limited", _("not sent: daily limit for this address")

    class ErrorKind(models.TextChoices):
        TEMPORARY = "temporary", _("temporary")
        PERMANENT = "permanent", _("permanent")

    IN_PROGRESS = (Status.QUEUED, Status.SENDING, Status.RETRYING)
    UNDELIVERED = (*IN_PROGRESS, Status.FAILED)
    FINISHED = (Status.SENT, Status.FAILED, Status.CANCELLED, Status.LIMITED)
    MAY_SEND_AGAIN = (Status.RETRYING, Status.FAILED, Status.LIMITED)

    to = models.EmailField(_("recipient"), db_index=True)
    to_staff = models.BooleanField(_("to the staff mailbox"), default=False)
    template = models.CharField(_("template"), max_length=200)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("text"))
    reply_to = models.EmailField(_("reply to"), blank=True)
    message_id = models.CharField(_("Message-ID"), max_length=255, unique=True)
    is_acknowledgement = models.BooleanField(
        _("automatic acknowledgement"),
        default=False,
        help_text=_("Counts towards the daily limit of automatic emails to one address."),
    )
    content_type = models.ForeignKey(
        ContentType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    object_id = models.CharField(max_length=64, blank=True)
    regarding = GenericForeignKey("content_type", "object_id")
    deliver_by = models.DateTimeField(
        _("must arrive by"),
        null=True,
        blank=True,
        help_text=_("The legal deadline of what the email answers; shown as at risk before it."),
    )

    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    claimed_until = models.DateTimeField(_("claimed until"), null=True, blank=True)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    error_kind = models.CharField(
        _("kind of failure"), max_length=10, choices=ErrorKind.choices, blank=True
    )
    last_error = models.CharField(_("last error"), max_length=200, blank=True)
    task_id = models.CharField(_("delivery task"), max_length=64, blank=True)

    objects = EmailQuerySet.as_manager()

    class Meta:
        verbose_name = _("email")
        verbose_name_plural = _("emails")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="outbox_email_due"),
            models.Index(fields=["content_type", "object_id"], name="outbox_email_regarding"),
        ]

    def __str__(self):
        return self.subject

    @property
    def delivered(self) -> bool:
        return self.status == self.Status.SENT

    @property
    def in_progress(self) -> bool:
        return self.status in self.IN_PROGRESS

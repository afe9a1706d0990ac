"""Who may sign in to a member company's cabinet, the emailed sign-in links and the cabinet sessions.

The membership's contact email is always a representative (it is the membership's own field); colleagues a
representative adds are `Representative` rows. A sign-in link and a session are each bound to one membership
and one address: they stop working as soon as that address no longer represents the membership.
"""

from __future__ import annotations

import hashlib
import secrets

from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from accreditation.models import Membership
from dkz_site.validators import validate_email_address
from privacy.models import ByEmailQuerySet, normalise_email


def digest(secret: str) -> str:
    """What the database keeps of a secret: a leaked table opens no cabinet."""
    return hashlib.sha256(secret.encode()).hexdigest()


def new_secret() -> str:
    return secrets.token_urlsafe(32)


class RepresentativeQuerySet(ByEmailQuerySet):
    pass


class Representative(models.Model):
    """A colleague a company's representative added: may sign in to that company's cabinet."""

    membership = models.ForeignKey(
        Membership,
        on_delete=models.CASCADE,
        related_name="representatives",
        verbose_name=_("membership"),
    )
    name = models.CharField(_("full name"), max_length=200)
    email = models.EmailField(_("email"), validators=[validate_email_address], db_index=True)
    added_by = models.EmailField(_("added by"), blank=True)
    added_at = models.DateTimeField(_("added"), default=timezone.now)

    objects = RepresentativeQuerySet.as_manager()

    holds_personal_data = True

    class Meta:
        verbose_name = _("representative")
        verbose_name_plural = _("representatives")
        ordering = ["membership", "name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["membership", "email"], name="one_representative_per_address"
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.email = normalise_email(self.email)
        self.added_by = normalise_email(self.added_by)
        super().save(*args, **kwargs)


def represents(membership: Membership, email: str) -> bool:
    """Whether `email` may act for `membership`: its contact, or a colleague added in the cabinet."""
    email = normalise_email(email)
    if not email:
        return False
    return normalise_email(membership.email) == email or (
        membership.representatives.filter(email=email).exists()
    )


def membership_state(membership: Membership) -> str:
    """A fingerprint of what a sign-in link was issued against: the contact, the term, an early end.

    Renewing, ending or handing the membership to another contact changes it, and with it every link
    issued before.
    """
    parts = [
        str(membership.pk),
        normalise_email(membership.email),
        membership.ends_on.isoformat(),
        membership.ended_on.isoformat() if membership.ended_on else "",
    ]
    return digest("|".join(parts))[:32]


class SignInRequest(models.Model):
    """An address that asked for a sign-in link, until the task queue answers it (`cabinet.tasks`).

    The request for a link does the same work whatever the address: it stores this row and enqueues one task
    (whose argument is the row's number). Only the task looks the address up, and sends the links or nothing;
    it deletes the row when done, so a known address and an unknown one take the same time to answer."""

    email = models.EmailField(_("email"), db_index=True)
    language = models.CharField(_("language"), max_length=8)
    created_at = models.DateTimeField(_("requested"), default=timezone.now)
    client_ip = models.GenericIPAddressField(_("client IP"), null=True, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=500, blank=True)

    objects = ByEmailQuerySet.as_manager()

    holds_personal_data = True
    privacy_coverage_exempt = {
        "admin": "no admin page: a row lives only until the queue answers it (seconds; a day at most)"
    }

    class Meta:
        verbose_name = _("request for a sign-in link")
        verbose_name_plural = _("requests for a sign-in link")
        ordering = ["created_at"]

    def __str__(self):
        return f"{self.email} · {self.created_at:%Y-%m-%d %H:%M}"


class SignInLinkQuerySet(ByEmailQuerySet):
    def usable(self, now=None):
        now = now or timezone.now()
        return self.filter(used_at__isnull=True, expires_at__gt=now)


class SignInLink(models.Model):
    """One emailed sign-in link: single use, short-lived, for one address of one membership."""

    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="+", verbose_name=_("membership")
    )
    email = models.EmailField(_("email"), db_index=True)
    secret_digest = models.CharField(max_length=64, unique=True, editable=False)
    membership_state = models.CharField(max_length=32, editable=False)
    created_at = models.DateTimeField(_("requested"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    used_at = models.DateTimeField(_("used"), null=True, blank=True)
    # Technical data of the request for the link (privacy policy, section 1; kept 90 days).
    client_ip = models.GenericIPAddressField(_("client IP"), null=True, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=500, blank=True)

    objects = SignInLinkQuerySet.as_manager()

    holds_personal_data = True

    class Meta:
        verbose_name = _("sign-in link")
        verbose_name_plural = _("sign-in links")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} · {self.created_at:%Y-%m-%d %H:%M}"


class CabinetSessionQuerySet(ByEmailQuerySet):
    def current(self, now=None):
        return self.filter(expires_at__gt=now or timezone.now())


class CabinetSession(models.Model):
    """A signed-in representative's session: its own cookie and table, never a staff (auth) session."""

    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="+", verbose_name=_("membership")
    )
    email = models.EmailField(_("email"), db_index=True)
    key_digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("signed in"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    client_ip = models.GenericIPAddressField(_("client IP"), null=True, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=500, blank=True)

    objects = CabinetSessionQuerySet.as_manager()

    holds_personal_data = True

    class Meta:
        verbose_name = _("cabinet session")
        verbose_name_plural = _("cabinet sessions")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} · {self.created_at:%Y-%m-%d %H:%M}"


_CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read from paper


def new_verification_code() -> str:
    """Twelve random characters (60 bits): a certificate's code cannot be guessed or walked."""
    return "".join(secrets.choice(_CODE_ALPHABET) for _ in range(12))


class VerificationCode(models.Model):
    """The code printed on a membership's certificate (and its QR code): the public page behind it shows the
    membership's live status, so a certificate stops verifying the moment the membership does."""

    membership = models.OneToOneField(
        Membership,
        on_delete=models.CASCADE,
        related_name="verification_code",
        verbose_name=_("membership"),
    )
    code = models.CharField(
        _("verification code"), max_length=16, unique=True, default=new_verification_code
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("certificate verification code")
        verbose_name_plural = _("certificate verification codes")

    def __str__(self):
        return self.code


class ProfileChangeQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(state=ProfileChange.State.PENDING)

    def new_items(self):
        """Proposals of items the catalogue does not have yet (not those of an item since withdrawn)."""
        return self.to_equipment().filter(equipment__isnull=True, item_withdrawn_at__isnull=True)

    def to_profile(self):
        return self.filter(about=ProfileChange.About.PROFILE)

    def to_equipment(self):
        return self.filter(about=ProfileChange.About.EQUIPMENT)

    def pending_first(self):
        """The moderators' worklist: pending changes first, oldest first."""
        return self.annotate(
            decided_rank=models.Case(
                models.When(state="pending", then=models.Value(0)), default=models.Value(1)
            )
        ).order_by("decided_rank", "submitted_at", "pk")


def pending_logo_path(instance, filename: str) -> str:
    return f"cabinet/pending-logos/{filename}"


def pending_picture_path(instance, filename: str) -> str:
    return f"cabinet/pending-pictures/{filename}"


class ProfileChange(models.Model):
    """A change a member proposes to what the directory shows of it: its profile, or one of its equipment items
    (a new one when `equipment` is empty). Published only when staff approve it (cabinet.moderation)."""

    class State(models.TextChoices):
        PENDING = "pending", _("Awaiting moderation")
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned")
        CANCELLED = "cancelled", _("Cancelled by the member")

    class About(models.TextChoices):
        PROFILE = "profile", _("Public profile")
        EQUIPMENT = "equipment", _("Equipment item")

    membership = models.ForeignKey(
        Membership,
        on_delete=models.CASCADE,
        related_name="profile_changes",
        verbose_name=_("membership"),
    )
    about = models.CharField(
        _("change to"), max_length=10, choices=About.choices, default=About.PROFILE
    )
    equipment = models.ForeignKey(
        "directory.Equipment",
        # A withdrawn item leaves its changes as the moderators' history, marked (`item_withdrawn_at`).
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("equipment item"),
        help_text=_("Empty for a new item."),
    )
    item_withdrawn_at = models.DateTimeField(
        _("item withdrawn"),
        null=True,
        blank=True,
        help_text=_("When the member withdrew the item from the catalogue."),
    )
    withdrawn_item = models.CharField(
        _("withdrawn item"),
        max_length=200,
        blank=True,
        help_text=_("The item's name when the member withdrew it."),
    )
    proposed = models.JSONField(_("proposed values"), default=dict, blank=True)
    logo = models.ImageField(_("proposed logo"), upload_to=pending_logo_path, blank=True)
    picture = models.ImageField(
        _("proposed picture of the item"), upload_to=pending_picture_path, blank=True
    )
    publish = models.BooleanField(
        _("consent to publication given again"),
        default=False,
        help_text=_("Approval lists the member in the directory again."),
    )
    submitted_by = models.EmailField(_("submitted by"))
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("moderator"),
    )
    reason = models.TextField(
        _("reason for returning"),
        blank=True,
        help_text=_("Emailed to the member when the change is returned."),
    )

    objects = ProfileChangeQuerySet.as_manager()

    holds_personal_data = True

    class Meta:
        verbose_name = _("change to moderate")
        verbose_name_plural = _("changes to moderate")
        ordering = ["-submitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["membership"],
                condition=models.Q(state="pending", about="profile"),
                name="one_pending_profile_change",
            ),
            models.UniqueConstraint(
                fields=["equipment"],
                condition=models.Q(state="pending"),
                name="one_pending_change_per_item",
            ),
        ]

    def __str__(self):
        # The day in the admin's language ("03.12.2026", "3 декабря 2026 г."), as every other date there.
        day = formats.date_format(timezone.localdate(self.submitted_at), "DATE_FORMAT")
        if self.about == self.About.EQUIPMENT:
            return f"{self.membership} · {self.item_name} · {day}"
        return f"{self.membership} · {day}"

    @property
    def is_new_item(self) -> bool:
        return (
            self.about == self.About.EQUIPMENT
            and self.equipment_id is None
            and self.item_withdrawn_at is None
        )

    @property
    def item_name(self) -> str:
        """The item's name as proposed, else as published (for the queue and the emails)."""
        proposed = self.proposed or {}
        for code in ("kk", "ru", "en"):
            if proposed.get(f"name_{code}"):
                return proposed[f"name_{code}"]
        return str(self.equipment) if self.equipment_id else self.withdrawn_item

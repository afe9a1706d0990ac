import datetime

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dkz_site.validators import validate_email_address

from .managers import UserManager


class User(AbstractBaseUser, PermissionsMixin):
    """A staff member (or, in future, any account): the email address is the login."""

    # Staff accounts, not data subjects of the site's public processing (privacy.checks).
    privacy_coverage_exempt = {
        "provider": "staff accounts: a staff member's data is handled by the association as employer",
        "retention": "kept while the person works for the association; staff deactivate and delete it by hand",
    }

    email = models.EmailField(_("email address"), unique=True, validators=[validate_email_address])
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    is_staff = models.BooleanField(
        _("staff status"),
        default=False,
        help_text=_("Whether the user can log into the admin."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    pd_training_completed_on = models.DateField(
        _("personal-data training completed on"),
        null=True,
        blank=True,
        help_text=_("Staff see personal data in the admin only while this training is current."),
    )

    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_(
            "The admin is shown in this language (empty: the browser's), and staff notices to this "
            "address are written in it (empty: Kazakh)."
        ),
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self):
        return self.email

    def clean(self):
        super().clean()
        completed = self.pd_training_completed_on
        if completed and completed > timezone.localdate():
            raise ValidationError(
                {"pd_training_completed_on": _("A training cannot be recorded for a future date.")}
            )

    def get_full_name(self):
        return self.full_name or self.email

    @property
    def pd_training_valid_until(self) -> datetime.date | None:
        """Last day the personal-data training counts (PD_TRAINING_VALID_DAYS days from completion)."""
        if self.pd_training_completed_on is None:
            return None
        valid_days = datetime.timedelta(days=settings.PD_TRAINING_VALID_DAYS)
        return self.pd_training_completed_on + valid_days - datetime.timedelta(days=1)

    def has_current_pd_training(self, today: datetime.date | None = None) -> bool:
        """Whether the user may see personal data in the admin today (privacy policy, section 6)."""
        today = today or timezone.localdate()
        completed = self.pd_training_completed_on
        return completed is not None and completed <= today <= self.pd_training_valid_until

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .common import AppendOnlyError, AppendOnlyQuerySet


class CookieConsentLogQuerySet(AppendOnlyQuerySet):
    def anonymise_technical_data(self, rows) -> int:
        """The one change allowed: after 90 days the address and browser go, the proof of the choice stays."""
        unchecked = models.QuerySet(self.model, using=self.db).filter(pk__in=rows.values("pk"))
        return unchecked.update(truncated_ip="", user_agent="")


class CookieChoice(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class CookieConsentLog(models.Model):
    """Proof of one cookie choice: what was chosen, for which group versions, under which banner wording.

    django-cookie-consent's own log keeps no proof (no wording, language, address or browser), so we keep
    ours. The IP address is truncated: the choice is proven without identifying the visitor. Append-only.
    """

    privacy_coverage_exempt = {
        "provider": "a cookie choice names no address: only a truncated IP, cleared after 90 days"
    }

    holds_personal_data = True  # only trained staff see it in the admin

    choice = models.CharField(_("choice"), max_length=10, choices=CookieChoice.choices)
    groups = models.JSONField(_("cookie groups and their versions"), default=dict)
    wording_version = models.CharField(_("banner wording version"), max_length=20)
    language = models.CharField(_("language"), max_length=8)
    source = models.CharField(_("where chosen"), max_length=20)
    chosen_at = models.DateTimeField(_("chosen at"), default=timezone.now, db_index=True)
    truncated_ip = models.CharField(_("truncated IP address"), max_length=45, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=500, blank=True)

    objects = CookieConsentLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("cookie choice")
        verbose_name_plural = _("cookie consent log")
        ordering = ["-chosen_at"]

    def __str__(self):
        return f"{self.get_choice_display()} · {self.chosen_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("The cookie consent log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("The cookie consent log is never deleted.")

from django.db import models
from django.utils.translation import gettext_lazy as _


class RetentionScheduleEntry(models.Model):
    """No table: gives the admin a page (and a view permission) listing the registered retention rules.

    The rules live in `privacy.registry`, registered by each app at start-up; see `privacy.admin`.
    """

    class Meta:
        managed = False
        verbose_name = _("retention rule")
        verbose_name_plural = _("retention schedule")
        default_permissions = ("view",)

    def __str__(self):
        return str(self._meta.verbose_name)

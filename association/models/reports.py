from django.db import models
from django.utils.translation import gettext_lazy as _


class StaffReport(models.Model):
    """No table: gives the admin its reports pages (and a view permission for them); see association.reports."""

    class Meta:
        managed = False
        verbose_name = _("staff report")
        verbose_name_plural = _("staff reports")
        default_permissions = ("view",)

    def __str__(self):
        return str(self._meta.verbose_name)

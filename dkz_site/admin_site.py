"""The one admin of the association's staff."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _


class AssociationAdminSite(admin.AdminSite):
    site_header = _("Digital Kazakhstan — staff")
    site_title = _("Digital Kazakhstan")
    index_title = _("Association administration")

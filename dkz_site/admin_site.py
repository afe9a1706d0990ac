"""The one admin of the association's staff."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _


class AssociationAdminSite(admin.AdminSite):
    site_header = _("Digital Kazakhstan — staff")
    site_title = _("Digital Kazakhstan")
    index_title = _("Association administration")


def holds_personal_data(model_admin) -> bool:
    """Whether an admin page shows personal data: declared by the ModelAdmin or by its model.

    Set `holds_personal_data = True` on either. Such pages are for staff with a current personal-data
    training record only (privacy policy, section 6).
    """
    return bool(
        getattr(model_admin, "holds_personal_data", False)
        or getattr(model_admin.model, "holds_personal_data", False)
    )

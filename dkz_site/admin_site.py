"""The one admin of the association's staff."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _


class AssociationAdminSite(admin.AdminSite):
    site_header = _("Digital Kazakhstan — staff")
    site_title = _("Digital Kazakhstan")
    index_title = _("Association administration")

    # Staff authentication (accounts.two_factor): with ADMIN_2FA_REQUIRED, a password alone does not open the admin.
    def has_permission(self, request):
        from accounts import two_factor

        if not super().has_permission(request):
            return False
        return not two_factor.second_factor_required() or two_factor.is_verified(request.user)

    def login(self, request, extra_context=None):
        """The password step; staff who still owe the second factor go on to enrol or verify."""
        from accounts import two_factor
        from accounts import views as staff_auth

        if request.method == "GET" and two_factor.awaiting_second_factor(request):
            return staff_auth.redirect_to_second_factor(request)
        response = super().login(request, extra_context)
        if request.method == "POST" and response.status_code == 302:
            return staff_auth.after_password_login(request, response)
        return response

    def get_urls(self):
        from accounts.admin_urls import two_factor_urls

        return two_factor_urls() + super().get_urls()


def holds_personal_data(model_admin) -> bool:
    """Whether an admin page shows personal data: declared by the ModelAdmin or by its model.

    Set `holds_personal_data = True` on either. Such pages are for staff with a current personal-data
    training record only (privacy policy, section 6).
    """
    return bool(
        getattr(model_admin, "holds_personal_data", False)
        or getattr(model_admin.model, "holds_personal_data", False)
    )

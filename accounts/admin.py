from axes import admin as axes_admin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_static import admin as static_admin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp import admin as totp_admin
from django_otp.plugins.otp_totp.models import TOTPDevice

from .forms import UserChangeForm, UserCreationForm
from .models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Staff accounts hold names and addresses; the training date is recorded by `record_pd_training` only,
    so no one can open the personal-data gate for themselves (P25)."""

    holds_personal_data = True
    form = UserChangeForm
    add_form = UserCreationForm
    ordering = ["email"]
    list_display = [
        "email",
        "full_name",
        "is_staff",
        "is_superuser",
        "pd_training_completed_on",
        "pd_training_current",
    ]
    list_filter = ["is_staff", "is_superuser", "is_active"]
    search_fields = ["email", "full_name"]
    readonly_fields = [
        "last_login",
        "date_joined",
        "pd_training_completed_on",
        "pd_training_valid_until",
    ]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Personal info"), {"fields": ["full_name", "language"]}),
        (
            _("Personal-data training"),
            {"fields": ["pd_training_completed_on", "pd_training_valid_until"]},
        ),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]

    @admin.display(boolean=True, description=_("may see personal data"))
    def pd_training_current(self, obj):
        return obj.has_current_pd_training()

    @admin.display(description=_("training counts until"))
    def pd_training_valid_until(self, obj):
        return obj.pd_training_valid_until

    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]}),
    ]


# --- Staff authentication: login lockouts (django-axes) and two-factor devices (django-otp) -------------------------
# Their own admins, re-registered as showing personal data: they hold staff email addresses and client IPs.


class AccessAttemptAdmin(axes_admin.AccessAttemptAdmin):
    holds_personal_data = True
    actions = ["unlock_selected", *axes_admin.AccessAttemptAdmin.actions]

    @admin.action(description=_("Unlock the selected accounts and addresses"))
    def unlock_selected(self, request, queryset):
        """Lift the lockout of each selected row's account and client IP (their failed attempts are deleted)."""
        usernames = {name for name in queryset.values_list("username", flat=True) if name}
        addresses = {ip for ip in queryset.values_list("ip_address", flat=True) if ip}
        deleted, _counts = AccessAttempt.objects.filter(
            Q(username__in=usernames) | Q(ip_address__in=addresses)
        ).delete()
        self.message_user(
            request,
            ngettext(
                "Unlocked: %(count)d failed attempt deleted.",
                "Unlocked: %(count)d failed attempts deleted.",
                deleted,
            )
            % {"count": deleted},
            messages.SUCCESS,
        )


class AccessLogAdmin(axes_admin.AccessLogAdmin):
    holds_personal_data = True


class AccessFailureLogAdmin(axes_admin.AccessFailureLogAdmin):
    holds_personal_data = True


class TOTPDeviceAdmin(totp_admin.TOTPDeviceAdmin):
    holds_personal_data = True


class StaticDeviceAdmin(static_admin.StaticDeviceAdmin):
    holds_personal_data = True


for _model, _model_admin in [
    (AccessAttempt, AccessAttemptAdmin),
    (AccessLog, AccessLogAdmin),
    (AccessFailureLog, AccessFailureLogAdmin),
    (TOTPDevice, TOTPDeviceAdmin),
    (StaticDevice, StaticDeviceAdmin),
]:
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
    admin.site.register(_model, _model_admin)

"""Staff see who represents each member company and the cabinet's sign-ins; only trained staff (the models hold
personal data, so the admin site gates them)."""

from django.contrib import admin

from .models import CabinetSession, Representative, SignInLink


@admin.register(Representative)
class RepresentativeAdmin(admin.ModelAdmin):
    list_display = ("name", "email", "membership", "added_by", "added_at")
    list_select_related = ("membership",)
    search_fields = ("email", "name", "membership__company_name", "membership__bin")
    autocomplete_fields = ("membership",)
    readonly_fields = ("added_by", "added_at")
    date_hierarchy = "added_at"


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records of what happened: staff read them, only the cabinet writes them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(SignInLink)
class SignInLinkAdmin(ReadOnlyAdmin):
    list_display = ("email", "membership", "created_at", "expires_at", "used_at", "client_ip")
    list_select_related = ("membership",)
    search_fields = ("email", "membership__company_name", "membership__bin")
    exclude = ("secret_digest", "membership_state")
    date_hierarchy = "created_at"


@admin.register(CabinetSession)
class CabinetSessionAdmin(ReadOnlyAdmin):
    """Deleting a session here signs that device out."""

    list_display = ("email", "membership", "created_at", "expires_at", "client_ip")
    list_select_related = ("membership",)
    search_fields = ("email", "membership__company_name", "membership__bin")
    exclude = ("key_digest",)
    date_hierarchy = "created_at"

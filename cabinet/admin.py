"""Staff see who represents each member company and the cabinet's sign-ins; only trained staff (the models hold
personal data, so the admin site gates them)."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from dkz_site.admin_site import ReadOnlyAdmin
from dkz_site.images import picture_response

from .models import CabinetSession, ProfileChange, Representative, SignInLink
from .moderation import ChangeRefused, approve_change, differences, return_change


@admin.register(Representative)
class RepresentativeAdmin(admin.ModelAdmin):
    list_display = ("name", "email", "membership", "added_by", "added_at")
    list_select_related = ("membership",)
    search_fields = ("email", "name", "membership__company_name", "membership__bin")
    autocomplete_fields = ("membership",)
    readonly_fields = ("added_by", "added_at")
    date_hierarchy = "added_at"


@admin.register(SignInLink)
class SignInLinkAdmin(ReadOnlyAdmin):
    deletable = True
    list_display = ("email", "membership", "created_at", "expires_at", "used_at", "client_ip")
    list_select_related = ("membership",)
    search_fields = ("email", "membership__company_name", "membership__bin")
    exclude = ("secret_digest", "membership_state")
    date_hierarchy = "created_at"


@admin.register(CabinetSession)
class CabinetSessionAdmin(ReadOnlyAdmin):
    """Deleting a session here signs that device out."""

    deletable = True

    list_display = ("email", "membership", "created_at", "expires_at", "client_ip")
    list_select_related = ("membership",)
    search_fields = ("email", "membership__company_name", "membership__bin")
    exclude = ("key_digest",)
    date_hierarchy = "created_at"


@admin.register(ProfileChange)
class ProfileChangeAdmin(admin.ModelAdmin):
    """The moderation queue of the profiles' and the equipment's changes: pending changes first, each shown as
    the difference from what is published; "Approve" publishes it, "Return" sends it back with the reason typed
    in the form."""

    change_form_template = "admin/cabinet/profilechange/change_form.html"
    list_display = ("membership", "about", "item", "submitted_at", "state", "submitted_by")
    list_filter = ("state", "about")
    list_select_related = ("membership", "decided_by", "equipment")
    search_fields = ("membership__company_name", "membership__bin", "submitted_by")
    date_hierarchy = "submitted_at"
    fields = (
        "membership",
        "about",
        "item",
        "state",
        "submitted_by",
        "submitted_at",
        "difference",
        "logo_preview",
        "picture_preview",
        "reason",
    )
    readonly_fields = (
        "membership",
        "about",
        "item",
        "state",
        "submitted_by",
        "submitted_at",
        "difference",
        "logo_preview",
        "picture_preview",
    )

    def get_queryset(self, request):
        # Annotated before the admin orders by the annotation (see get_ordering).
        return self.model._default_manager.pending_first()

    def get_ordering(self, request):
        return ["decided_rank", "submitted_at", "pk"]

    def has_add_permission(self, request):
        return False

    def get_fields(self, request, obj=None):
        # A profile change has no item and no item picture; an item's change has no logo.
        if obj is None:
            return self.fields
        if obj.about == ProfileChange.About.EQUIPMENT:
            return tuple(f for f in self.fields if f != "logo_preview")
        return tuple(f for f in self.fields if f not in ("item", "picture_preview"))

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.state != ProfileChange.State.PENDING:
            return (*self.readonly_fields, "reason")
        return self.readonly_fields

    @admin.display(description=_("equipment item"))
    def item(self, obj):
        if obj.about != ProfileChange.About.EQUIPMENT:
            return "—"
        if obj.item_withdrawn_at is not None:
            day = date_format(timezone.localtime(obj.item_withdrawn_at), "SHORT_DATE_FORMAT")
            return format_html(
                "{} ({})",
                obj.item_name,
                _("withdrawn from the catalogue on %(date)s") % {"date": day},
            )
        if obj.is_new_item:
            return format_html("{} ({})", obj.item_name, _("new item"))
        return obj.item_name

    @admin.display(description=_("difference from what is published"))
    def difference(self, obj):
        rows = format_html_join(
            "",
            "<tr><th scope='row'>{}</th><td class='diff-old'>{}</td><td class='diff-new'>{}</td></tr>",
            ((d.label, d.published or "—", d.proposed or "—") for d in differences(obj)),
        )
        return format_html(
            "<table><thead><tr><th scope='col'>{}</th><th scope='col'>{}</th><th scope='col'>{}</th>"
            "</tr></thead><tbody>{}</tbody></table>",
            _("field"),
            _("published"),
            _("proposed"),
            rows,
        )

    @admin.display(description=_("proposed logo"))
    def logo_preview(self, obj):
        return self._preview(obj, "logo")

    @admin.display(description=_("proposed picture of the item"))
    def picture_preview(self, obj):
        return self._preview(obj, "picture")

    def _preview(self, obj, field):
        if not getattr(obj, field):
            return "—"
        url = reverse(f"admin:cabinet_profilechange_{field}", args=[obj.pk])
        return format_html('<img src="{}" alt="" class="change-preview">', url)

    def get_urls(self):
        return [
            path(
                f"<int:pk>/{field}/",
                self.admin_site.admin_view(self.image_view),
                {"field": field},
                name=f"cabinet_profilechange_{field}",
            )
            for field in ("logo", "picture")
        ] + super().get_urls()

    def image_view(self, request, pk, field):
        """The proposed logo or picture, re-encoded on upload, for the moderator's eyes only."""
        change = get_object_or_404(ProfileChange, pk=pk)
        if not self.has_view_permission(request, change):
            raise Http404
        return picture_response(getattr(change, field))

    def response_change(self, request, obj):
        try:
            if "_approve" in request.POST:
                approve_change(change=obj, reviewer=request.user)
                self.message_user(request, _("Approved: the directory shows the change now."))
            elif "_return" in request.POST:
                return_change(
                    change=obj, reviewer=request.user, reason=request.POST.get("reason", "")
                )
                self.message_user(request, _("Returned: the member is emailed the reason."))
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), level=messages.ERROR)
            return redirect(request.path)
        except ChangeRefused:
            self.message_user(request, _("This change was already decided."), level=messages.ERROR)
        return redirect("admin:cabinet_profilechange_changelist")

    def save_model(self, request, obj, form, change):
        """The buttons decide (response_change); the form itself saves nothing."""

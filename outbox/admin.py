"""Staff see every email the site sends: undelivered first, why it failed, and a "send again" action.

The list never shows a text: status, attempts, the kind of the last failure, what the email is about.
"""

from django.contrib import admin, messages
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .models import Email


class DeliveryFilter(admin.SimpleListFilter):
    title = _("delivery")
    parameter_name = "delivery"

    def lookups(self, request, model_admin):
        return [
            ("undelivered", _("Not delivered yet")),
            ("at_risk", _("At risk of missing a legal deadline")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "undelivered":
            return queryset.undelivered()
        if self.value() == "at_risk":
            return queryset.at_risk()
        return queryset


@admin.register(Email)
class EmailAdmin(admin.ModelAdmin):
    holds_personal_data = True
    list_display = [
        "created_at",
        "to_column",
        "template",
        "status",
        "attempts",
        "error_column",
        "next_attempt_at",
        "sent_at",
        "regarding_column",
    ]
    list_filter = [DeliveryFilter, "status", "error_kind", "to_staff", "language"]
    search_fields = ["to", "message_id"]
    date_hierarchy = "created_at"
    list_per_page = 50
    actions = ["send_again_selected"]
    fields = [
        ("status", "attempts"),
        ("error_kind", "last_error"),
        ("created_at", "last_attempt_at", "next_attempt_at", "sent_at"),
        "deliver_by",
        ("to", "to_staff", "language"),
        "regarding_column",
        "template",
        "message_id",
        "subject",
        "body",
    ]
    readonly_fields = [name for row in fields for name in ((row,) if isinstance(row, str) else row)]

    def get_queryset(self, request):
        # Annotated before the admin orders by the annotation (see get_ordering).
        return self.model._default_manager.for_staff_list()

    def get_ordering(self, request):
        return ["undelivered_rank", "-created_at", "-pk"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # read-only; "send again" is an action with its own permission check

    def has_delete_permission(self, request, obj=None):
        return False  # retention deletes them

    def has_send_again_permission(self, request):
        return request.user.has_perm("outbox.view_email") and request.user.is_staff

    @admin.display(description=_("recipient"), ordering="to")
    def to_column(self, obj):
        return _("staff mailbox") if obj.to_staff else obj.to

    @admin.display(description=_("last error"))
    def error_column(self, obj):
        if not obj.last_error:
            return "—"
        return f"{obj.get_error_kind_display()}: {obj.last_error}"

    @admin.display(description=_("about"))
    def regarding_column(self, obj):
        if obj.content_type is None:
            return "—"
        model = obj.content_type.model_class()
        label = f"{model._meta.verbose_name} {obj.object_id}" if model else obj.object_id
        try:
            url = reverse(
                f"admin:{obj.content_type.app_label}_{obj.content_type.model}_change",
                args=[obj.object_id],
            )
        except NoReverseMatch:
            return label
        return format_html('<a href="{}">{}</a>', url, label)

    @admin.action(description=_("Send the selected emails again"), permissions=["send_again"])
    def send_again_selected(self, request, queryset):
        queued = sum(services.send_again(email=email) for email in queryset)
        refused = queryset.count() - queued
        self.message_user(
            request,
            ngettext(
                "%(count)d email queued to be sent again.",
                "%(count)d emails queued to be sent again.",
                queued,
            )
            % {"count": queued},
            messages.SUCCESS if queued else messages.WARNING,
        )
        if refused:
            self.message_user(
                request,
                ngettext(
                    "%(count)d email was left as it is: it was sent, is being sent, was "
                    "cancelled, or its address is blocked.",
                    "%(count)d emails were left as they are: they were sent, are being sent, were "
                    "cancelled, or their address is blocked.",
                    refused,
                )
                % {"count": refused},
                messages.WARNING,
            )

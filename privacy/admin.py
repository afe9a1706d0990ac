"""Staff tools for privacy: policy versions, the processors register, and read-only proof records.

Admins of personal data declare `holds_personal_data = True`: only staff with current training open them.
"""

from django import forms
from django.apps import apps
from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from dkz_site.admin_site import ReadOnlyAdmin
from dkz_site.collation import Alphabetical

from . import registry, services
from .models import (
    BlockedEmail,
    ConsentRecord,
    CookieConsentLog,
    PolicyVersion,
    Processor,
    RetentionScheduleEntry,
)


class PolicyVersionForm(forms.ModelForm):
    class Meta:
        model = PolicyVersion
        fields = [
            "label",
            "published_on",
            "effective_on",
            "is_material",
            "summary_kk",
            "summary_ru",
            "summary_en",
            "body_kk",
            "body_ru",
            "body_en",
        ]

    def clean_published_on(self):
        """Backdating a new version would fake the notice period the banner gives (P27)."""
        published_on = self.cleaned_data["published_on"]
        if published_on and published_on < timezone.localdate():
            raise forms.ValidationError(
                _("A new version is published today or later, never in the past.")
            )
        return published_on


@admin.register(PolicyVersion)
class PolicyVersionAdmin(admin.ModelAdmin):
    """A version can be edited until its publication date; after that it is history and stays as it was."""

    form = PolicyVersionForm

    list_display = ["label", "published_on", "effective_on", "is_material", "status_label"]
    list_filter = ["is_material"]
    date_hierarchy = "effective_on"
    search_fields = ["label"]
    fieldsets = [
        (None, {"fields": ["label", "published_on", "effective_on", "is_material"]}),
        (_("Summary of changes"), {"fields": ["summary_kk", "summary_ru", "summary_en"]}),
        (_("Text"), {"fields": ["body_kk", "body_ru", "body_en"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_status()

    @admin.display(description=_("status"))
    def status_label(self, obj):
        return {
            "upcoming": _("announced") if obj.is_published else _("not yet published"),
            "in_force": _("in force"),
            "superseded": _("superseded"),
        }[obj.status()]

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_published:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_published:
            return False
        return super().has_delete_permission(request, obj)


@admin.register(Processor)
class ProcessorAdmin(admin.ModelAdmin):
    list_display = [
        "processor_name",
        "country_code",
        "country_is_adequate",
        "cross_border_consent_needed",
        "contract_signed_on",
        "contract_ends_on",
    ]
    list_filter = ["country_code", "country_is_adequate"]
    search_fields = ["name", "purpose_en", "purpose_ru", "purpose_kk"]

    @admin.display(description=_("name"), ordering=Alphabetical("name", "name_sort_key"))
    def processor_name(self, obj):
        """The column sorts in Kazakh alphabetical order."""
        return obj.name

    fieldsets = [
        (None, {"fields": ["name", "contract_signed_on", "contract_ends_on"]}),
        (_("Purpose"), {"fields": ["purpose_kk", "purpose_ru", "purpose_en"]}),
        (
            _("Data categories"),
            {"fields": ["data_categories_kk", "data_categories_ru", "data_categories_en"]},
        ),
        (
            _("Country"),
            {
                "fields": [
                    "country_code",
                    "country_kk",
                    "country_ru",
                    "country_en",
                    "country_is_adequate",
                ]
            },
        ),
    ]

    @admin.display(boolean=True, description=_("needs cross-border consent"))
    def cross_border_consent_needed(self, obj):
        return obj.needs_cross_border_consent


@admin.register(ConsentRecord)
class ConsentRecordAdmin(ReadOnlyAdmin):
    holds_personal_data = True
    list_display = ["email", "purpose", "given_at", "withdrawn_at", "policy_version", "source"]
    list_filter = ["purpose", ("withdrawn_at", admin.EmptyFieldListFilter), "language"]
    list_select_related = ["policy_version"]
    search_fields = ["email", "source_object"]
    date_hierarchy = "given_at"


@admin.register(CookieConsentLog)
class CookieConsentLogAdmin(ReadOnlyAdmin):
    holds_personal_data = True
    list_display = ["chosen_at", "choice", "groups", "wording_version", "language", "source"]
    list_filter = ["choice", "wording_version", "language", "source"]
    date_hierarchy = "chosen_at"


@admin.register(BlockedEmail)
class BlockedEmailAdmin(admin.ModelAdmin):
    """Blocking goes through the services, so that the one active block per address rule holds."""

    holds_personal_data = True
    list_display = [
        "email",
        "blocked_at",
        "unblocked_at",
        "reason",
        "refused_submissions",
        "last_refused_at",
    ]
    list_filter = [
        ("unblocked_at", admin.EmptyFieldListFilter),
        ("last_refused_at", admin.EmptyFieldListFilter),
    ]
    search_fields = ["email"]
    date_hierarchy = "blocked_at"
    fields = [
        "email",
        "reason",
        "blocked_at",
        "unblocked_at",
        "refused_submissions",
        "last_refused_at",
    ]
    actions = ["unblock_selected"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ["blocked_at", "unblocked_at", "refused_submissions", "last_refused_at"]
        return self.fields

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        if not change:
            blocked = services.block_email(email=obj.email, reason=obj.reason)
            obj.pk, obj.email, obj.blocked_at = blocked.pk, blocked.email, blocked.blocked_at
            obj._state.adding = False

    @admin.action(description=_("Unblock the selected addresses"), permissions=["change"])
    def unblock_selected(self, request, queryset):
        count = sum(
            services.unblock_email(email=email)
            for email in queryset.active().values_list("email", flat=True)
        )
        self.message_user(
            request,
            ngettext("%(count)d address unblocked.", "%(count)d addresses unblocked.", count)
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(RetentionScheduleEntry)
class RetentionScheduleAdmin(ReadOnlyAdmin):
    """The retention rules every app registered (privacy.registry), with how many rows are due now."""

    def get_urls(self):
        """The schedule only: there is no row to change, delete or show the history of (those URLs are 404)."""
        name = f"{self.opts.app_label}_{self.opts.model_name}_changelist"
        return [path("", self.admin_site.admin_view(self.changelist_view), name=name)]

    def changelist_view(self, request, extra_context=None):
        now = timezone.now()
        rules = [
            {
                "rule": rule,
                "app": apps.get_app_config(
                    rule.app
                ).verbose_name,  # staff read the app's name, not its label
                "period": rule.describe_period(),
                "due": rule.expired_at(now).count(),
            }
            for rule in sorted(registry.retention_rules(), key=lambda rule: (rule.app, rule.name))
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": _("Retention schedule"),
            "opts": self.model._meta,
            "rules": rules,
        }
        return TemplateResponse(request, "admin/privacy/retention_schedule.html", context)


# Data-subject requests and retention runs register their admins in their own modules.
from .breaches.admin import BreachAdmin, BreachSubjectAdmin  # noqa: E402, F401
from .calendar_admin import WorkingDayCorrectionAdmin  # noqa: E402, F401
from .retention_admin import RetentionRunAdmin  # noqa: E402, F401
from .subject_requests.admin import DataSubjectRequestAdmin, ErasureLogEntryAdmin  # noqa: E402, F401

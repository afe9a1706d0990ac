"""The staff's tools for the association's own content: pages, people, documents, fees, news, events, working
groups; the attendee lists (trained staff only); and the staff reports with their CSV export.

Every change with side effects goes through association.services, whichever button asks for it.
"""

import csv

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from dkz_site.admin_site import ReadOnlyAdmin
from dkz_site.images import reencode_image

from . import reports, services
from .files import renamed_document
from .models import (
    CalculationIndex,
    Document,
    Event,
    FeeBand,
    FeeSchedule,
    NewsPost,
    Office,
    Page,
    Person,
    Registration,
    StaffReport,
    WorkingGroup,
    band_problems,
)

LANGUAGE_SECTIONS = [("kk", _("Kazakh")), ("ru", _("Russian")), ("en", _("English"))]


def by_language(*fields):
    """Fieldsets with one section per language, e.g. title_kk + body_kk under "Kazakh"."""
    return [
        (label, {"fields": [f"{field}_{code}" for field in fields]})
        for code, label in LANGUAGE_SECTIONS
    ]


def csv_response(filename: str, header: list, rows) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # Excel opens UTF-8 (Kazakh, Russian) correctly with a BOM
    writer = csv.writer(response)
    writer.writerow(header)
    writer.writerows(rows)
    return response


# --- pages, office, people, documents ----------------------------------------------------------


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ["kind", "title_kk", "updated_at"]
    fieldsets = [(None, {"fields": ["kind"]}), *by_language("title", "summary", "body")]
    readonly_fields = ["updated_at"]

    def get_readonly_fields(self, request, obj=None):
        return ["kind", "updated_at"] if obj else ["updated_at"]


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    list_display = ["__str__", "phone", "updated_at"]
    fields = ["phone", "hours_kk", "hours_ru", "hours_en"]


class PersonAdminForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = [
            "group",
            "order",
            "is_published",
            "photo",
            "name_kk",
            "name_ru",
            "name_en",
            "role_kk",
            "role_ru",
            "role_en",
        ]

    def clean_photo(self):
        """A new upload is checked by its content and stored re-encoded (no metadata such as a GPS position)."""
        photo = self.cleaned_data.get("photo")
        if isinstance(photo, UploadedFile):
            return reencode_image(photo)
        return photo


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    form = PersonAdminForm
    list_display = ["name_kk", "group", "role_kk", "order", "is_published"]
    list_filter = ["group", "is_published"]
    list_editable = ["order", "is_published"]
    search_fields = ["name_kk", "name_ru", "name_en"]
    fieldsets = [
        (None, {"fields": ["group", "order", "is_published", "photo"]}),
        *by_language("name", "role"),
    ]


class DocumentAdminForm(forms.ModelForm):
    class Meta:
        model = Document
        fields = [
            "section",
            "working_group",
            "file",
            "language",
            "published_on",
            "is_published",
            "order",
            "title_kk",
            "title_ru",
            "title_en",
        ]

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if isinstance(file, UploadedFile):
            return renamed_document(file)
        return file


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    form = DocumentAdminForm
    list_display = [
        "title_kk",
        "section",
        "working_group",
        "language",
        "published_on",
        "is_published",
    ]
    list_filter = ["section", "language", "is_published", "working_group"]
    list_select_related = ["working_group"]
    search_fields = ["title_kk", "title_ru", "title_en"]
    date_hierarchy = "published_on"
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "section",
                    "working_group",
                    "file",
                    "language",
                    "published_on",
                    "is_published",
                    "order",
                ]
            },
        ),
        (_("Title"), {"fields": ["title_kk", "title_ru", "title_en"]}),
    ]


# --- fees ---------------------------------------------------------------------------------------


@admin.register(CalculationIndex)
class CalculationIndexAdmin(admin.ModelAdmin):
    list_display = ["year", "value_kzt", "source"]


class FeeBandFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        if any(form.errors for form in self.forms):
            return
        bands = [
            form.instance
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        problems = band_problems(bands)
        if problems:
            raise ValidationError(problems)


class FeeBandInline(admin.TabularInline):
    model = FeeBand
    formset = FeeBandFormSet
    fields = ["min_headcount", "max_headcount", "annual_fee_mci"]
    extra = 0
    min_num = 1


@admin.register(FeeSchedule)
class FeeScheduleAdmin(admin.ModelAdmin):
    list_display = ["valid_from", "entrance_fee_mci", "band_count"]
    inlines = [FeeBandInline]
    fieldsets = [
        (None, {"fields": ["valid_from", "entrance_fee_mci"]}),
        (_("Decision"), {"fields": ["decision_kk", "decision_ru", "decision_en"]}),
    ]

    @admin.display(description=_("headcount bands"))
    def band_count(self, obj):
        return obj.bands.count()


# --- news, working groups -----------------------------------------------------------------------


class WrittenInFilter(admin.SimpleListFilter):
    title = _("written in")
    parameter_name = "written_in"

    def lookups(self, request, model_admin):
        return LANGUAGE_SECTIONS

    def queryset(self, request, queryset):
        if self.value() in {code for code, _label in LANGUAGE_SECTIONS}:
            return queryset.written_in(self.value())
        return queryset


@admin.register(NewsPost)
class NewsPostAdmin(admin.ModelAdmin):
    list_display = ["__str__", "published_at", "is_published", "languages_written"]
    list_filter = ["is_published", WrittenInFilter]
    search_fields = ["slug", "title_kk", "title_ru", "title_en"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title_en"]}
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["slug", "published_at", "is_published", "created_at", "updated_at"]}),
        *by_language("title", "summary", "body"),
    ]

    @admin.display(description=_("languages"))
    def languages_written(self, obj):
        return ", ".join(obj.languages) or "—"


@admin.register(WorkingGroup)
class WorkingGroupAdmin(admin.ModelAdmin):
    list_display = ["__str__", "is_active", "order", "member_count"]
    list_filter = ["is_active"]
    list_editable = ["order", "is_active"]
    search_fields = ["slug", "name_kk", "name_ru", "name_en"]
    prepopulated_fields = {"slug": ["name_en"]}
    autocomplete_fields = ["members"]
    fieldsets = [
        (None, {"fields": ["slug", "is_active", "order", "members"]}),
        *by_language("name", "summary", "description", "chair"),
    ]

    @admin.display(description=_("member companies"))
    def member_count(self, obj):
        return obj.members.count()


# --- events and registrations -------------------------------------------------------------------


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    """Events without their attendees: the registrations' own admin (trained staff only) lists the people."""

    list_display = [
        "__str__",
        "starts_at",
        "capacity",
        "confirmed_count",
        "waiting_count",
        "is_published",
        "attendee_list",
    ]
    list_filter = ["is_published", "language", "working_group"]
    search_fields = ["slug", "title_kk", "title_ru", "title_en"]
    date_hierarchy = "starts_at"
    prepopulated_fields = {"slug": ["title_en"]}
    readonly_fields = ["created_at", "updated_at"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "slug",
                    "is_published",
                    "starts_at",
                    "ends_at",
                    "language",
                    "online_url",
                    "capacity",
                    "registration_closes_at",
                    "working_group",
                ]
            },
        ),
        *[
            (
                label,
                {"fields": [f"title_{code}", f"summary_{code}", f"venue_{code}", f"body_{code}"]},
            )
            for code, label in LANGUAGE_SECTIONS
        ],
        (_("Record"), {"fields": ["created_at", "updated_at"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_counts()

    @admin.display(description=_("places taken"), ordering="confirmed_count")
    def confirmed_count(self, obj):
        return obj.confirmed_count

    @admin.display(description=_("waiting list"), ordering="waiting_count")
    def waiting_count(self, obj):
        return obj.waiting_count

    @admin.display(description=_("attendees"))
    def attendee_list(self, obj):
        url = reverse("admin:association_registration_changelist") + f"?event__id__exact={obj.pk}"
        return format_html('<a href="{}">{}</a>', url, _("attendee list"))

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "capacity" in form.changed_data:
            promoted = services.fill_from_waiting_list(event=obj)
            if promoted:
                self.message_user(
                    request,
                    ngettext(
                        "%(count)d person on the waiting list got a place.",
                        "%(count)d people on the waiting list got a place.",
                        len(promoted),
                    )
                    % {"count": len(promoted)},
                    messages.SUCCESS,
                )


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    """Attendee lists: names and addresses, so only staff with a current personal-data training see them."""

    holds_personal_data = True
    list_display = ["name", "email", "company", "event", "status", "registered_at", "attended"]
    list_filter = ["status", "attended", "event"]
    list_select_related = ["event"]
    search_fields = ["name", "email", "company"]
    date_hierarchy = "registered_at"
    actions = ["mark_attended", "mark_absent", "cancel_selected", "export_csv"]
    fields = [
        "event",
        "name",
        "email",
        "company",
        "language",
        "status",
        "registered_at",
        "confirmed_at",
        "cancelled_at",
        "cancelled_by",
        "attended",
        "reminder_sent_at",
        "consent",
        "client_ip",
        "user_agent",
        "referrer",
        "technical_recorded_at",
        "anonymised_at",
    ]
    readonly_fields = [field for field in fields if field != "attended"]

    def has_add_permission(self, request):
        return False  # people register through the event's page

    @admin.action(description=_("Record as attended"), permissions=["change"])
    def mark_attended(self, request, queryset):
        self._attendance(request, queryset, attended=True)

    @admin.action(description=_("Record as not attended"), permissions=["change"])
    def mark_absent(self, request, queryset):
        self._attendance(request, queryset, attended=False)

    def _attendance(self, request, queryset, *, attended):
        count = services.record_attendance(registrations=queryset, attended=attended)
        self.message_user(
            request,
            ngettext(
                "Attendance recorded for %(count)d person.",
                "Attendance recorded for %(count)d people.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
        if count < queryset.count():
            self.message_user(
                request,
                _("Attendance is recorded only for confirmed places of events that have started."),
                messages.WARNING,
            )

    @admin.action(description=_("Cancel the selected registrations"), permissions=["change"])
    def cancel_selected(self, request, queryset):
        cancelled, promoted = 0, 0
        for registration in queryset.active():
            promoted += len(
                services.cancel_registration(
                    registration=registration, by=Registration.CancelledBy.STAFF
                )
            )
            cancelled += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d registration cancelled.", "%(count)d registrations cancelled.", cancelled
            )
            % {"count": cancelled},
            messages.SUCCESS,
        )
        if promoted:
            self.message_user(
                request,
                ngettext(
                    "%(count)d person on the waiting list got a place.",
                    "%(count)d people on the waiting list got a place.",
                    promoted,
                )
                % {"count": promoted},
                messages.SUCCESS,
            )

    @admin.action(description=_("Export the selected registrations as CSV"))
    def export_csv(self, request, queryset):
        header = [
            Registration._meta.get_field(name).verbose_name.capitalize()
            for name in ("event", "name", "email", "company", "status", "registered_at", "attended")
        ]
        yes_no = {True: _("yes"), False: _("no"), None: ""}
        rows = (
            [
                str(r.event),
                r.name,
                r.email,
                r.company,
                r.get_status_display(),
                timezone.localtime(r.registered_at).isoformat(timespec="minutes"),
                str(yes_no[r.attended]),
            ]
            for r in queryset.select_related("event").order_by("event", "registered_at", "pk")
        )
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        return csv_response(f"registrations-{stamp}.csv", header, rows)


# --- staff reports ------------------------------------------------------------------------------


@admin.register(StaffReport)
class StaffReportAdmin(ReadOnlyAdmin):
    """The reports (association.reports): counts only, no personal data."""

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<slug:slug>/", view(self.report_view), name="association_staffreport_report"),
            path("<slug:slug>/csv/", view(self.csv_view), name="association_staffreport_csv"),
        ] + super().get_urls()

    def _report(self, request, slug):
        if not self.has_view_permission(request):
            raise PermissionDenied
        found = reports.report(slug)
        if found is None:
            raise Http404
        return found

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": _("Staff reports"),
            "opts": self.model._meta,
            "reports": reports.REPORTS,
        }
        return TemplateResponse(request, "admin/association/staffreport/index.html", context)

    def report_view(self, request, slug):
        report = self._report(request, slug)
        context = {
            **self.admin_site.each_context(request),
            "title": report.title,
            "opts": self.model._meta,
            "report": report,
            "table": report.build(),
            "today": timezone.localdate(),
        }
        return TemplateResponse(request, "admin/association/staffreport/report.html", context)

    def csv_view(self, request, slug):
        report = self._report(request, slug)
        table = report.build()
        rows = table.rows + ([table.totals] if table.totals else [])
        filename = f"{slug}-{timezone.localdate().isoformat()}.csv"
        return csv_response(filename, table.columns, rows)

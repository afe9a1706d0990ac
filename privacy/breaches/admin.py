"""The breach register for trained staff: record an incident, see the authority's deadline, draft its notice in
Kazakh and Russian, find the subjects through the registry and tell them. Each button calls a workflow in
`privacy.breaches.services`."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from privacy.models import Breach, BreachSubject
from privacy.subject_requests.admin import days_left_text

from . import services


class BreachForm(forms.ModelForm):
    affected_sources = forms.MultipleChoiceField(
        label=_("data sets affected"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "The parts of the site whose data was affected: their subjects are found through the registry."
        ),
    )

    class Meta:
        model = Breach
        fields = [
            "detected_at",
            "occurred_at",
            "description",
            "data_categories",
            "subjects_description",
            "affected_sources",
            "subjects_count",
            "consequences",
            "measures",
            "authority_notice_reference",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["affected_sources"].choices = services.source_choices()


class OpenFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "open"

    def lookups(self, request, model_admin):
        return [
            ("yes", pgettext_lazy("breaches filter", "Open")),
            ("no", pgettext_lazy("breaches filter", "Closed")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.open()
        if self.value() == "no":
            return queryset.exclude(closed_at=None)
        return queryset


class ExtraEmailsForm(forms.Form):
    extra_emails = forms.CharField(
        label=_("Other addresses affected"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "cols": 60}),
        help_text=_("One per line: addresses affected that the site's data sets do not hold."),
    )

    def clean_extra_emails(self):
        lines = [line.strip() for line in self.cleaned_data["extra_emails"].splitlines()]
        emails = [line for line in lines if line]
        validator = forms.EmailField()
        for email in emails:
            validator.clean(email)
        return emails


class AuthorityNoticeForm(forms.Form):
    reference = forms.CharField(
        label=_("How the authorised body was notified"),
        max_length=300,
        help_text=_("The channel and the outgoing number, e.g. letter No. 12 of 3 December 2026."),
    )


def deadline_text(breach: Breach) -> str:
    return days_left_text(breach) if breach.days_left() is not None else ""


# Each step: (title, form class or None, call returning a message, allowed when).
STEPS = {
    "notice": (
        _("Notice to the authorised body"),
        AuthorityNoticeForm,
        lambda obj, data: (
            services.record_authority_notice(breach=obj, reference=data["reference"]),
            gettext("The notice to the authorised body is recorded."),
        )[1],
        lambda obj: obj.is_open,
    ),
    "find_subjects": (
        _("Find the subjects affected"),
        ExtraEmailsForm,
        lambda obj, data: (
            ngettext(
                "%(count)d address added to the list of subjects affected.",
                "%(count)d addresses added to the list of subjects affected.",
                count := services.find_affected_subjects(
                    breach=obj, extra_emails=data["extra_emails"]
                ),
            )
            % {"count": count}
        ),
        lambda obj: obj.is_open,
    ),
    "notify_subjects": (
        _("Email the subjects affected"),
        None,
        lambda obj, data: (
            gettext("Emails queued: %(queued)d; blocked addresses not emailed: %(blocked)d.")
            % dict(zip(("queued", "blocked"), services.notify_subjects(breach=obj), strict=True))
        ),
        lambda obj: (
            obj.is_open and obj.subjects.filter(notified_at=None, not_emailed=False).exists()
        ),
    ),
    "close": (
        _("Close the breach"),
        None,
        lambda obj, data: (services.close_breach(breach=obj), gettext("The breach is closed."))[1],
        lambda obj: obj.is_open,
    ),
}


@admin.register(Breach)
class BreachAdmin(admin.ModelAdmin):
    form = BreachForm
    list_display = [
        "reference_display",
        "detected_at",
        "notify_authority_by",
        "deadline_display",
        "subjects_count",
        "authority_notified_at",
        "subjects_notified_at",
        "closed_at",
    ]
    list_filter = [OpenFilter]
    date_hierarchy = "detected_at"
    change_form_template = "admin/privacy/breach/change_form.html"
    fieldsets = [
        (None, {"fields": ["detected_at", "occurred_at", "description"]}),
        (
            _("Whose data"),
            {
                "fields": [
                    "data_categories",
                    "subjects_description",
                    "affected_sources",
                    "subjects_count",
                ]
            },
        ),
        (_("Consequences and measures"), {"fields": ["consequences", "measures"]}),
        (
            _("Notices"),
            {
                "fields": [
                    "notify_authority_by",
                    "deadline_display",
                    "authority_notified_at",
                    "authority_notice_reference",
                    "subjects_listed",
                    "subjects_notified_at",
                    "closed_at",
                    "recorded_by",
                ]
            },
        ),
    ]
    RECORD_FIELDS = [
        "notify_authority_by",
        "deadline_display",
        "authority_notified_at",
        "authority_notice_reference",
        "subjects_listed",
        "subjects_notified_at",
        "closed_at",
        "recorded_by",
    ]

    class Media:
        css = {"all": ["css/privacy-admin.css"]}

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("recorded_by")

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and not obj.is_open:
            return [f for fieldset in self.fieldsets for f in fieldset[1]["fields"]]
        return self.RECORD_FIELDS

    def get_fieldsets(self, request, obj=None):
        if obj is None:  # a new breach: what happened, whose data, what was done
            return self.fieldsets[:3]
        return self.fieldsets

    def has_delete_permission(self, request, obj=None):
        return False  # the register is the proof; retention deletes closed breaches

    def save_model(self, request, obj, form, change):
        if change:
            obj.save()
        else:
            services.record_breach(breach=obj, actor=request.user)

    @admin.display(description=_("reference"), ordering="id")
    def reference_display(self, obj):
        return obj.reference

    @admin.display(description=_("deadline"))
    def deadline_display(self, obj):
        text = deadline_text(obj)
        if not text:
            return "—"
        left = obj.days_left()
        css = "dsr-overdue" if left < 0 else "dsr-due-today" if left == 0 else "dsr-on-time"
        return format_html('<span class="{}">{}</span>', css, text)

    @admin.display(description=_("subjects listed"))
    def subjects_listed(self, obj):
        listed = obj.subjects.count()
        told = obj.subjects.exclude(notified_at=None).count()
        url = reverse("admin:privacy_breachsubject_changelist") + f"?breach__id__exact={obj.pk}"
        return format_html(
            '<a href="{}">{}</a>',
            url,
            gettext("%(listed)d listed, %(told)d told") % {"listed": listed, "told": told},
        )

    def get_urls(self):
        return [
            path(
                "<int:object_id>/step/<str:step>/",
                self.admin_site.admin_view(self.step_view),
                name="privacy_breach_step",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        extra_context = dict(extra_context or {})
        if obj is not None:
            extra_context["steps"] = [
                (name, step[0]) for name, step in STEPS.items() if step[3](obj)
            ]
        return super().change_view(request, object_id, form_url, extra_context)

    def step_view(self, request, object_id, step):
        obj = get_object_or_404(Breach, pk=object_id)
        if step not in STEPS or not self.has_change_permission(request, obj):
            raise PermissionDenied
        title, form_class, call, allowed = STEPS[step]
        change_url = reverse("admin:privacy_breach_change", args=[obj.pk])
        if not allowed(obj):
            self.message_user(
                request, gettext("That step is not open for this breach."), messages.ERROR
            )
            return redirect(change_url)
        form = form_class(request.POST or None) if form_class else None
        if request.method == "POST" and (form is None or form.is_valid()):
            try:
                message = call(obj, form.cleaned_data if form else {})
            except services.BreachClosed:
                self.message_user(
                    request, gettext("That step is not open for this breach."), messages.ERROR
                )
            else:
                self.message_user(request, message, messages.SUCCESS)
            return redirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "breach": obj,
            "opts": self.model._meta,
            "form": form,
            "change_url": change_url,
            "deadline": deadline_text(obj),
            "drafts": (
                [(code, services.authority_notice(obj, code)) for code in services.NOTICE_LANGUAGES]
                if step == "notice"
                else None
            ),
            "to_tell": obj.subjects.filter(notified_at=None, not_emailed=False).count(),
        }
        return TemplateResponse(request, "admin/privacy/breach/step.html", context)


@admin.register(BreachSubject)
class BreachSubjectAdmin(admin.ModelAdmin):
    list_display = ["email", "breach", "found_in", "notified_at", "not_emailed"]
    list_filter = ["breach", "not_emailed"]
    list_select_related = ["breach"]
    search_fields = ["email"]
    readonly_fields = ["breach", "email", "found_in", "notified_at", "not_emailed"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

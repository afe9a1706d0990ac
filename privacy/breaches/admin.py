"""The breach register for trained staff: record an incident, see the authority's deadline, draft its notice in
Kazakh and Russian, find the subjects through the registry and tell them. Each button calls a workflow in
`privacy.breaches.services`."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from dkz_site.admin_site import ReadOnlyAdmin
from dkz_site.admin_steps import Step, WorkflowStepsAdmin
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
        if (
            "affected_sources" in self.fields
        ):  # not on a closed breach, where every field is read-only
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


def _step(name: str, label, run, form=None, explains=None, allowed=lambda obj: obj.is_open) -> Step:
    """A step on an open breach; each asks for confirmation, and `run` returns the message for staff."""
    return Step(
        name=name,
        label=label,
        run=run,
        allowed=allowed,
        form=form,
        confirm=True,
        explains=explains,
    )


def _record_notice(breach, data, user) -> str:
    services.record_authority_notice(breach=breach, reference=data["reference"])
    return gettext("The notice to the authorised body is recorded.")


def _find_subjects(breach, data, user) -> str:
    count = services.find_affected_subjects(breach=breach, extra_emails=data["extra_emails"])
    return ngettext(
        "%(count)d address added to the list of subjects affected.",
        "%(count)d addresses added to the list of subjects affected.",
        count,
    ) % {"count": count}


def _notify_subjects(breach, data, user) -> str:
    queued, blocked = services.notify_subjects(breach=breach)
    return gettext("Emails queued: %(queued)d; blocked addresses not emailed: %(blocked)d.") % {
        "queued": queued,
        "blocked": blocked,
    }


def _close(breach, data, user) -> str:
    services.close_breach(breach=breach)
    return gettext("The breach is closed.")


def _who_is_told(breach) -> str:
    count = breach.subjects.to_tell().count()
    return ngettext(
        "%(count)s subject will be emailed what happened, what data, and what was done.",
        "%(count)s subjects will be emailed what happened, what data, and what was done.",
        count,
    ) % {"count": count}


STEPS = [
    _step("notice", _("Notice to the authorised body"), _record_notice, AuthorityNoticeForm),
    _step("find_subjects", _("Find the subjects affected"), _find_subjects, ExtraEmailsForm),
    _step(
        "notify_subjects",
        _("Email the subjects affected"),
        _notify_subjects,
        explains=_who_is_told,
        allowed=lambda obj: obj.is_open and obj.subjects.to_tell().exists(),
    ),
    _step("close", _("Close the breach"), _close),
]


@admin.register(Breach)
class BreachAdmin(WorkflowStepsAdmin, admin.ModelAdmin):
    form = BreachForm
    steps = STEPS
    refusals = (services.BreachClosed,)
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
    # What the workflow records (the steps, not the form): read-only on an open breach too.
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
        (_("Notices"), {"fields": RECORD_FIELDS}),
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

    def step_summary(self, obj) -> str:
        due = gettext("notify the authorised body by %(due)s") % {
            "due": date_format(obj.notify_authority_by, "DATE_FORMAT")
        }
        return " · ".join(part for part in (obj.reference, due, deadline_text(obj)) if part)

    def step_details(self, request, obj, step):
        drafts = None
        if step.name == "notice":
            drafts = [
                (code, services.authority_notice(obj, code)) for code in services.NOTICE_LANGUAGES
            ]
        return {
            "details_template": "admin/privacy/breach/step_details.html",
            "stylesheets": ["css/privacy-admin.css"],
            "drafts": drafts,
        }

    def step_done(self, request, obj, step, message):
        self.message_user(request, message, messages.SUCCESS)

    def step_refused(self, request, obj, step, error):
        self.message_user(
            request, gettext("That step is not open for this breach."), messages.ERROR
        )


@admin.register(BreachSubject)
class BreachSubjectAdmin(ReadOnlyAdmin):
    deletable = True
    list_display = ["email", "breach", "found_in", "notified_at", "not_emailed"]
    list_filter = ["breach", "not_emailed"]
    list_select_related = ["breach"]
    search_fields = ["email"]
    readonly_fields = ["breach", "email", "found_in", "notified_at", "not_emailed"]

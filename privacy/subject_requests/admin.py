"""Staff's working tool for data-subject requests: overdue first, days left, and one button per allowed step.

Every button opens a page that calls a workflow in `privacy.subject_requests.services` (the same functions the
public views use); nothing here changes a request directly.
"""

from __future__ import annotations

import datetime

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from dkz_site.admin_site import ReadOnlyAdmin
from dkz_site.admin_steps import Step, WorkflowStepsAdmin
from dkz_site.dates import date_and_time
from outbox.notices import not_emailed_context
from privacy.models import (
    ConsentPurpose,
    DataSubjectRequest,
    ErasureLogEntry,
    IllegalTransition,
    RequestChannel,
    RequestEvent,
    RequestType,
)
from privacy.registry import providers

from . import services
from .deadlines import add_working_days


class DeadlineFilter(admin.SimpleListFilter):
    title = _("deadline")
    parameter_name = "deadline"

    def lookups(self, request, model_admin):
        return [
            ("overdue", pgettext_lazy("data-subject requests filter", "Overdue")),
            ("soon", pgettext_lazy("data-subject requests filter", "Due soon")),
            ("open", pgettext_lazy("data-subject requests filter", "All open")),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "overdue":
            return queryset.overdue(today)
        if self.value() == "soon":
            horizon = add_working_days(today, settings.DATA_REQUEST_DUE_SOON_DAYS)
            return queryset.open().filter(due_on__gte=today, due_on__lte=horizon)
        if self.value() == "open":
            return queryset.open()
        return queryset


class RequestEventInline(admin.TabularInline):
    model = RequestEvent
    classes = ["whole-rows"]  # no caption repeating each row (static/css/admin.css)
    extra = 0
    can_delete = False
    fields = ["at", "action", "actor", "note"]
    readonly_fields = fields
    verbose_name_plural = _("history")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 80}),
        help_text=_("Emailed to the subject with the reply."),
    )


class RequiredNoteForm(NoteForm):
    note = forms.CharField(
        label=_("What was corrected"),
        widget=forms.Textarea(attrs={"rows": 4, "cols": 80}),
        help_text=_("Emailed to the subject with the reply."),
    )


class RefusalForm(forms.Form):
    reason = forms.CharField(
        label=_("Reasons for the refusal"),
        widget=forms.Textarea(attrs={"rows": 5, "cols": 80}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The authority is named as the subject will read it in the reply, from the one setting.
        self.fields["reason"].help_text = _(
            "Emailed to the subject, with an explanation of their right to appeal the refusal to the "
            "authorised body: %(authority)s."
        ) % {"authority": settings.PRIVACY_COMPLAINT_AUTHORITY}


class RegisterRequestForm(forms.Form):
    """A request that came by email, post or in person, entered by the staff member who verified the person."""

    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("Where the answer goes; the data is looked up by this address."),
    )
    request_type = forms.ChoiceField(label=_("Request"), choices=RequestType.choices)
    purposes = forms.MultipleChoiceField(
        label=_("Consents to withdraw"),
        required=False,
        choices=ConsentPurpose.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("For a withdrawal; none ticked means every consent."),
    )
    details = forms.CharField(
        label=_("What the person asked"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 80}),
    )
    channel = forms.ChoiceField(
        label=_("Received by"),
        choices=[c for c in RequestChannel.choices if c[0] != RequestChannel.SITE],
    )
    received_on = forms.DateField(
        label=_("Received on"),
        help_text=_(
            "The day the letter, email or visit reached the association: the deadline counts from it."
        ),
    )
    language = forms.ChoiceField(label=_("Language of the answer"), choices=settings.LANGUAGES)
    verification_method = forms.CharField(
        label=_("How the identity was verified"),
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
        help_text=_(
            "E.g. the email came from the address we hold; the ID card was shown in person; the letter was "
            "signed and its signature matched the one on file."
        ),
    )

    def clean_received_on(self):
        received_on = self.cleaned_data["received_on"]
        if received_on > timezone.localdate():
            raise forms.ValidationError(_("A request cannot be received in the future."))
        return received_on


def _step(name: str, label, run, form=None) -> Step:
    """A step of the request's workflow, open when the model's STAFF_STEPS say so; each asks for confirmation."""
    return Step(
        name=name,
        label=label,
        run=run,
        allowed=lambda obj: obj.step_open(name),
        form=form,
        confirm=True,
    )


STEPS = [
    _step(
        "send_copy",
        _("Prepare and email the copy"),
        lambda obj, data, user: services.send_copy(subject_request=obj, actor=user),
    ),
    _step(
        "rectify",
        _("Complete the rectification"),
        lambda obj, data, user: services.complete_rectification(
            subject_request=obj, note=data["note"], actor=user
        ),
        RequiredNoteForm,
    ),
    _step(
        "block",
        _("Block the address"),
        lambda obj, data, user: services.block_for_request(
            subject_request=obj, note=data["note"], actor=user
        ),
        NoteForm,
    ),
    _step(
        "unblock",
        _("Lift the block"),
        lambda obj, data, user: services.unblock_for_request(
            subject_request=obj, note=data["note"], actor=user
        ),
        NoteForm,
    ),
    _step(
        "erase",
        _("Erase the data"),
        lambda obj, data, user: services.execute_deletion(subject_request=obj, actor=user),
    ),
    _step(
        "withdraw",
        _("Withdraw the consents"),
        lambda obj, data, user: services.withdraw_for_request(subject_request=obj, actor=user),
    ),
    _step(
        "refuse",
        _("Refuse with reasons"),
        lambda obj, data, user: services.refuse_request(
            subject_request=obj, reason=data["reason"], actor=user
        ),
        RefusalForm,
    ),
]


def days_left_text(obj, today: datetime.date | None = None) -> str:
    left = obj.days_left(today)
    if left is None:
        return ""
    if left < 0:
        return ngettext("%(days)d working day overdue", "%(days)d working days overdue", -left) % {
            "days": -left
        }
    if left == 0:
        return gettext("due today")
    return ngettext("%(days)d working day left", "%(days)d working days left", left) % {
        "days": left
    }


@admin.register(DataSubjectRequest)
class DataSubjectRequestAdmin(WorkflowStepsAdmin, admin.ModelAdmin):
    holds_personal_data = True
    steps = STEPS
    refusals = (IllegalTransition, services.RefusalNeedsReason)
    list_display = [
        "reference_display",
        "request_type",
        "state",
        "received_on",
        "channel",
        "verified_at",
        "due_on",
        "days_left_display",
        "email",
    ]
    list_filter = [DeadlineFilter, "request_type", "state", "channel"]
    search_fields = ["email"]
    date_hierarchy = "created_at"
    inlines = [RequestEventInline]
    change_form_template = "admin/privacy/datasubjectrequest/change_form.html"
    fieldsets = [
        (None, {"fields": ["email", "request_type", "details", "purposes", "language_display"]}),
        (
            _("Deadline"),
            {
                "fields": [
                    "state",
                    "channel",
                    "received_on",
                    "created_display",
                    "verified_at",
                    "verification_method",
                    "registered_by",
                    "due_on",
                    "refusal_due_on",
                    "days_left_display",
                    "closed_at",
                ]
            },
        ),
        (
            _("Answer"),
            {"fields": ["outcome", "refusal_reason", "export_expires_at", "holdings"]},
        ),
        (_("Technical data"), {"fields": ["client_ip", "user_agent", "referrer"]}),
    ]

    class Media:
        css = {"all": ["css/privacy-admin.css"]}

    def get_queryset(self, request):
        return self.model._default_manager.get_queryset().work_order()

    def get_ordering(self, request):
        # Open first, most overdue first (the annotations of `work_order`).
        return ["closed_rank", F("due_on").asc(nulls_last=True), "-created_at"]

    def get_readonly_fields(self, request, obj=None):
        return [f for fieldset in self.fieldsets for f in fieldset[1]["fields"]]

    def has_add_permission(self, request):
        return False  # from the confirmed form, or registered by staff (`register_view`) with its receipt

    change_list_template = "admin/privacy/datasubjectrequest/change_list.html"

    def has_delete_permission(self, request, obj=None):
        return False  # the retention schedule deletes closed requests

    @admin.display(description=_("reference"), ordering="id")
    def reference_display(self, obj):
        return obj.reference

    @admin.display(description=_("language"))
    def language_display(self, obj):
        """The language's name ("Русский"), not its code."""
        return dict(settings.LANGUAGES).get(obj.language, obj.language)

    @admin.display(description=_("entered in the register"))
    def created_display(self, obj):
        """When the request was entered (submitted online or registered by staff), apart from the day it was
        received, which both would otherwise call "received"."""
        return date_and_time(obj.created_at)

    @admin.display(description=_("days left"), ordering="due_on")
    def days_left_display(self, obj):
        text = days_left_text(obj)
        if not text:
            return "—"
        left = obj.days_left()
        css = "dsr-overdue" if left < 0 else "dsr-due-today" if left == 0 else "dsr-on-time"
        return format_html('<span class="{}">{}</span>', css, text)

    @admin.display(description=_("what we hold"))
    def holdings(self, obj):
        rows = [(str(p.label), p.count(obj.email)) for p in providers()]
        return format_html_join(mark_safe("<br>"), "{}: {}", rows) or "—"

    def get_urls(self):
        register = path(
            "register/",
            self.admin_site.admin_view(self.register_view),
            name="privacy_datasubjectrequest_register",
        )
        return [register, *super().get_urls()]

    def register_view(self, request):
        """Register a request received by email, post or in person: it is open at once, with its deadline."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        form = RegisterRequestForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                registered = services.register_request(actor=request.user, **form.cleaned_data)
            except services.CopyNotPrepared as failure:
                registered = failure.request
                self.message_user(request, str(failure), messages.WARNING)
            self.message_user(
                request,
                gettext("%(reference)s is registered; due %(due)s")
                % {"reference": registered.reference, "due": date_format(registered.due_on)},
                messages.SUCCESS,
            )
            return redirect(
                reverse("admin:privacy_datasubjectrequest_change", args=[registered.pk])
            )
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Register a request received by email, post or in person"),
            "opts": self.model._meta,
            "form": form,
        }
        return TemplateResponse(request, "admin/privacy/datasubjectrequest/register.html", context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        # Nothing on the page is edited by hand: every change goes through a step (and its service).
        extra_context = {
            **(extra_context or {}),
            "show_save": False,
            "show_save_and_continue": False,
        }
        if obj is not None:
            extra_context.update(not_emailed_context(obj, "subject"))
        return super().change_view(request, object_id, form_url, extra_context)

    @staticmethod
    def _preview(obj):
        """Each provider's dry run, under the provider's label for staff."""
        labels = {p.name: str(p.label) for p in providers()}
        return [
            {"label": labels.get(report.provider, report.provider), "report": report}
            for report in services.preview_deletion(subject_request=obj)
        ]

    def step_summary(self, obj) -> str:
        parts = [obj.reference, obj.get_request_type_display(), obj.email, days_left_text(obj)]
        return " · ".join(str(part) for part in parts if part)

    def step_details(self, request, obj, step):
        return {
            "details_template": "admin/privacy/datasubjectrequest/step_details.html",
            "stylesheets": ["css/privacy-admin.css"],
            "subject_request": obj,
            "preview": self._preview(obj) if step.name == "erase" else None,
        }


@admin.register(ErasureLogEntry)
class ErasureLogEntryAdmin(ReadOnlyAdmin):
    holds_personal_data = True
    list_display = ["erased_at", "hash_prefix", "request", "reapplied_at"]
    list_select_related = ["request"]
    readonly_fields = ["erased_at", "email_hash", "request", "summary", "reapplied_at"]

    @admin.display(description=_("email hash"))
    def hash_prefix(self, obj):
        return obj.email_hash[:16] + "…"

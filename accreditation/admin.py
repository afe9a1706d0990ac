"""The reviewers' tools: applications with workflow buttons, memberships and invoices.

Every move goes through accreditation.services, whichever button or bulk action asks for it.
"""

import csv

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from dkz_site.admin_steps import Step, WorkflowStepsAdmin
from dkz_site.dates import date_and_time
from outbox.notices import not_emailed_context

from . import services
from .consequences import consequences
from .models import (
    AccountingHold,
    Application,
    ApplicationEvent,
    ApplicationState,
    IllegalMove,
    Invoice,
    Membership,
    ReasonRequired,
    alphabetical_name,
)

S = ApplicationState


BLOCKED_APPLICANT = _(
    "The applicant's email address is blocked at its owner's request, so the application cannot be "
    "processed further until the block is lifted."
)


def refusal_for_staff(refusal: services.ApplicationRefused):
    """The refusal as staff should read it: the applicant-facing text of a block would mislead them."""
    return BLOCKED_APPLICANT if refusal.code == "blocked" else refusal.message


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (sent to the applicant)"),
        widget=forms.Textarea(attrs={"rows": 5, "cols": 70}),
        max_length=4000,
    )


def _review_step(state: str, label, form=None) -> Step:
    """A reviewer's move (the model's TRANSITIONS say from where), through `services.move_by_reviewer`.

    Approve, reject and a request for information are confirmed on the step's page, which says what will happen
    and who will be emailed (accreditation.consequences)."""
    return Step(
        name=state,
        label=label,
        run=lambda application, data, user: services.move_by_reviewer(
            application=application, state=state, reviewer=user, reason=data.get("reason", "")
        ),
        allowed=lambda application: state in application.reviewer_moves(),
        form=form,
        confirm=state == S.APPROVED,
        explains=lambda application: " ".join(consequences(application, state)),
    )


REVIEW_STEPS = [
    _review_step(S.IN_REVIEW, _("Start review")),
    _review_step(S.INFORMATION_REQUESTED, _("Request information"), ReasonForm),
    _review_step(S.APPROVED, _("Approve")),
    _review_step(S.REJECTED, _("Reject"), ReasonForm),
]


class ApplicationEventInline(admin.TabularInline):
    model = ApplicationEvent
    classes = ["whole-rows"]  # no caption repeating each row (static/css/admin.css)
    extra = 0
    can_delete = False
    fields = ["at", "from_state", "to_state", "actor", "reason", "applicant_email"]
    readonly_fields = fields
    verbose_name_plural = _("History")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor", "email")

    @admin.display(description=_("email to the applicant"))
    def applicant_email(self, event):
        email = event.email
        if email is None:
            if event.applicant_notified:
                return _("sent (the copy has since been deleted)")
            return _("not emailed")
        if email.delivered:
            return format_html("{} {}", _("sent"), date_and_time(email.sent_at))
        return format_html(
            "<strong>{}</strong>{}",
            email.get_status_display(),
            f" ({email.last_error})" if email.last_error else "",
        )


class OpenStateFilter(admin.SimpleListFilter):
    title = _("open or closed")
    parameter_name = "open"

    def lookups(self, request, model_admin):
        return [
            ("yes", pgettext_lazy("applications filter", "Open")),
            ("no", pgettext_lazy("applications filter", "Closed")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.open()
        if self.value() == "no":
            return queryset.closed()
        return queryset


@admin.register(Application)
class ApplicationAdmin(WorkflowStepsAdmin, admin.ModelAdmin):
    holds_personal_data = True
    steps = REVIEW_STEPS
    refusals = (IllegalMove, ReasonRequired, services.ApplicationRefused)
    step_route = "<path:object_id>/move/<str:step>/"
    step_url_name = "accreditation_application_move"
    change_form_template = "admin/accreditation/application/change_form.html"
    list_display = [
        "reference",
        "company_name",
        "bin",
        "kind",
        "region",
        "state",
        "submitted_at",
        "reviewer",
    ]
    list_filter = [OpenStateFilter, "state", "region"]
    search_fields = ["bin", "company_name", "email", "reference"]
    list_select_related = ["reviewer"]
    date_hierarchy = "submitted_at"
    actions = ["approve_selected", "reject_selected", "export_csv"]
    inlines = [ApplicationEventInline]
    fieldsets = [
        (
            _("Application"),
            {
                "fields": [
                    "reference",
                    "bin",
                    "company_name",
                    "region",
                    "description",
                    "headcount",
                    "publication_consent",
                ]
            },
        ),
        (_("Contact"), {"fields": ["contact_person", "email", "phone", "language"]}),
        (
            _("Review"),
            {
                "fields": [
                    "state",
                    "reviewer",
                    "decision_reason",
                    "membership",
                    "submitted_at",
                    "review_started_at",
                    "information_requested_at",
                    "resubmitted_at",
                    "approved_at",
                    "rejected_at",
                    "withdrawn_at",
                ]
            },
        ),
        (
            _("Technical data (kept 90 days)"),
            {
                "classes": ["collapse"],
                "fields": ["client_ip", "user_agent", "referrer", "technical_recorded_at"],
            },
        ),
    ]
    readonly_fields = [
        "reference",
        "bin",
        "publication_consent",
        "language",
        "state",
        "reviewer",
        "decision_reason",
        "membership",
        "submitted_at",
        "review_started_at",
        "information_requested_at",
        "resubmitted_at",
        "approved_at",
        "rejected_at",
        "withdrawn_at",
        "client_ip",
        "user_agent",
        "referrer",
        "technical_recorded_at",
    ]

    def get_queryset(self, request):
        # Annotated before the admin orders by the annotation (see get_ordering).
        return self.model._default_manager.open_first().with_renewal()

    @admin.display(description=_("kind"), ordering="is_renewal")
    def kind(self, obj):
        if getattr(obj, "is_renewal", False):
            return pgettext_lazy("application kind", "Renewal")
        return pgettext_lazy("application kind", "New member")

    def get_ordering(self, request):
        return ["closed_rank", "submitted_at", "pk"]

    def has_add_permission(self, request):
        return False  # applications come from the public form

    def get_urls(self):
        urls = [
            path(
                "next-open/",
                self.admin_site.admin_view(self.next_open_view),
                name="accreditation_application_next_open",
            ),
        ]
        return urls + super().get_urls()

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["next_open"] = Application.objects.next_open(after=obj)
            context.update(not_emailed_context(obj, "applicant"))
        return super().render_change_form(request, context, add, change, form_url, obj)

    # --- one move from the change page (REVIEW_STEPS) --------------------------------------------

    def step_summary(self, obj) -> str:
        return f"{obj.company_name} · {gettext('BIN')} {obj.bin} · {obj.get_state_display()}"

    def step_refused(self, request, obj, step, error):
        if isinstance(error, services.ApplicationRefused):
            self.message_user(request, refusal_for_staff(error), messages.ERROR)
            return
        self.message_user(
            request,
            _("This move is not possible now: the application is %(state)s.")
            % {"state": obj.get_state_display()},
            messages.ERROR,
        )

    def step_done(self, request, obj, step, moved):
        self.message_user(
            request,
            _("%(reference)s is now %(state)s.")
            % {"reference": moved.reference, "state": moved.get_state_display()},
            messages.SUCCESS,
        )
        if not moved.events.last().applicant_notified:
            self.message_user(
                request,
                _("The applicant has not been emailed about this move: their address is blocked."),
                messages.WARNING,
            )
        if moved.state == S.APPROVED:
            self._report_invoice(request, moved.membership)
        self._offer_next(request, obj, step.name)

    def _report_invoice(self, request, membership):
        """After approval: the fee invoice issued with it, or why none was (staff issue it from the membership)."""
        invoice = membership.invoices.membership_fees().order_by("-issued_on", "-pk").first()
        if invoice is not None and invoice.issued_on == timezone.localdate():
            self.message_user(
                request,
                _("Invoice %(number)s issued for %(amount)s KZT.")
                % {"number": invoice.number, "amount": invoice.amount_kzt},
                messages.INFO,
            )
            return
        self.message_user(
            request,
            _("No fee invoice was issued: %(reason)s Issue it from the membership once it can be.")
            % {"reason": services.fee_problem(membership) or services.ALREADY_INVOICED},
            messages.WARNING,
        )

    def _offer_next(self, request, application, state):
        if state not in (S.APPROVED, S.REJECTED):
            return
        following = Application.objects.next_open(after=application)
        if following is None:
            self.message_user(request, _("No open applications are left."), messages.INFO)
            return
        url = reverse("admin:accreditation_application_change", args=[following.pk])
        self.message_user(
            request,
            format_html(
                '{} <a href="{}">{}</a>',
                _("Next open application:"),
                url,
                f"{following.reference} · {following.company_name}",
            ),
            messages.INFO,
        )

    def next_open_view(self, request):
        after = Application.objects.filter(pk=request.GET.get("after") or 0).first()
        following = Application.objects.next_open(after=after)
        if following is None:
            self.message_user(request, _("No open applications are left."), messages.INFO)
            return redirect("admin:accreditation_application_changelist")
        return redirect("admin:accreditation_application_change", following.pk)

    # --- bulk actions ---------------------------------------------------------------------------

    @admin.action(description=_("Approve the selected applications…"), permissions=["change"])
    def approve_selected(self, request, queryset):
        if "apply" in request.POST:
            self._bulk(request, queryset, S.APPROVED)
            return None
        return self._bulk_confirmation(
            request, queryset, S.APPROVED, None, _("Approve the selected applications")
        )

    @admin.action(description=_("Reject the selected applications…"), permissions=["change"])
    def reject_selected(self, request, queryset):
        form = ReasonForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            self._bulk(request, queryset, S.REJECTED, form.cleaned_data["reason"])
            return None
        return self._bulk_confirmation(
            request, queryset, S.REJECTED, form, _("Reject the selected applications")
        )

    def _bulk_confirmation(self, request, queryset, state, form, title):
        """The confirmation page of a bulk action: each application, what will happen to it and who will be
        emailed; the action runs only when it is sent again from here ("apply")."""
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "queryset": queryset,
            "items": [
                (application, consequences(application, state))
                for application in queryset.order_by("submitted_at")
            ],
            "form": form,
            "title": title,
            "action": "approve_selected" if state == S.APPROVED else "reject_selected",
            "button": _("Approve and email the applicants")
            if state == S.APPROVED
            else _("Reject and email the reasons"),
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(
            request, "admin/accreditation/application/reject_selected.html", context
        )

    def _bulk(self, request, queryset, state, reason=""):
        done, skipped, blocked = 0, [], []
        for application in queryset.order_by("submitted_at"):
            try:
                services.move_by_reviewer(
                    application=application, state=state, reviewer=request.user, reason=reason
                )
            except services.ApplicationRefused as refusal:
                (blocked if refusal.code == "blocked" else skipped).append(application.reference)
            except (IllegalMove, ReasonRequired):
                skipped.append(application.reference)
            else:
                done += 1
        if done:
            self.message_user(
                request,
                ngettext(
                    "%(count)d application is now %(state)s.",
                    "%(count)d applications are now %(state)s.",
                    done,
                )
                % {"count": done, "state": S(state).label},
                messages.SUCCESS,
            )
        if skipped:
            self.message_user(
                request,
                _("Skipped, as this move is not possible for them now: %(references)s")
                % {"references": ", ".join(skipped)},
                messages.WARNING,
            )
        if blocked:
            self.message_user(
                request,
                _(
                    "Not moved, as the applicant's email address is blocked at its owner's request: "
                    "%(references)s"
                )
                % {"references": ", ".join(blocked)},
                messages.ERROR,
            )

    @admin.action(description=_("Export the selected applications as CSV"))
    def export_csv(self, request, queryset):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="applications-{stamp}.csv"'
        response.write("\ufeff")  # Excel opens UTF-8 (Kazakh, Russian) correctly with a BOM
        writer = csv.writer(response)
        writer.writerow(csv_header())
        for a in queryset.select_related("reviewer").order_by("submitted_at"):
            writer.writerow(
                [
                    a.reference,
                    a.get_state_display(),
                    timezone.localtime(a.submitted_at).isoformat(timespec="minutes"),
                    timezone.localtime(a.decided_at).isoformat(timespec="minutes")
                    if a.decided_at
                    else "",
                    a.bin,
                    a.company_name,
                    a.get_region_display(),
                    a.contact_person,
                    a.email,
                    a.phone,
                    str(YES_NO[a.publication_consent]),
                    a.reviewer.email if a.reviewer else "",
                ]
            )
        return response


CSV_COLUMNS = [
    "reference",
    "state",
    "submitted_at",
    "decided_at",
    "bin",
    "company_name",
    "region",
    "contact_person",
    "email",
    "phone",
    "publication_consent",
    "reviewer",
]
CSV_LABELS = {"decided_at": _("decided")}  # not a field: approved, rejected or withdrawn
YES_NO = {True: _("yes"), False: _("no")}


def csv_header() -> list[str]:
    """The columns as the admin names the fields, in the staff member's language."""
    return [
        capfirst(CSV_LABELS.get(name) or Application._meta.get_field(name).verbose_name)
        for name in CSV_COLUMNS
    ]


class InvoiceInline(admin.TabularInline):
    model = Invoice
    extra = 0
    fields = ["number", "amount_kzt", "issued_on", "due_on", "paid_on"]
    show_change_link = True


class MembershipStatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [("active", _("Active")), ("ended", _("Ended"))]

    def queryset(self, request, queryset):
        if self.value() == "active":
            return queryset.active()
        if self.value() == "ended":
            return queryset.ended()
        return queryset


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    holds_personal_data = True
    list_display = [
        "name",
        "bin",
        "region",
        "starts_on",
        "ends_on",
        "status",
    ]
    list_filter = [MembershipStatusFilter, "region"]
    search_fields = ["company_name", "bin", "email", "contact_person"]

    @admin.display(description=_("company name"), ordering=alphabetical_name())
    def name(self, obj):
        """The column sorts in Kazakh alphabetical order, like the directory."""
        return obj.company_name

    date_hierarchy = "ends_on"
    readonly_fields = ["renewal_reminder_sent_on", "created_at", "updated_at"]
    actions = ["end_today", "issue_fee_invoices"]
    inlines = [InvoiceInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (None, {"fields": ["company_name", "bin", "region"]}),
        (_("Contact"), {"fields": ["contact_person", "email", "phone", "language"]}),
        (_("Fees"), {"fields": ["headcount"]}),
        (
            _("Term"),
            {
                "fields": [
                    "starts_on",
                    "ends_on",
                    "ended_on",
                    "renewal_reminder_sent_on",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]

    @admin.display(description=_("status"))
    def status(self, obj):
        return obj.status

    @admin.action(description=_("End the selected memberships today"), permissions=["change"])
    def end_today(self, request, queryset):
        ended = 0
        for membership in queryset.filter(ended_on__isnull=True):
            services.end_membership(membership=membership)
            ended += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d membership ended; it has left the directory.",
                "%(count)d memberships ended; they have left the directory.",
                ended,
            )
            % {"count": ended},
            messages.SUCCESS,
        )

    @admin.action(
        description=_("Issue the membership-fee invoice for the current term"),
        permissions=["change"],
    )
    def issue_fee_invoices(self, request, queryset):
        issued, refused = [], []
        for membership in queryset.order_by("company_name"):
            try:
                invoice = services.issue_fee_invoice(
                    membership=membership, renewal=membership.invoices.membership_fees().exists()
                )
            except services.InvoiceRefused as refusal:
                refused.append(f"{membership.company_name}: {refusal.message}")
            else:
                issued.append(invoice.number)
        if issued:
            self.message_user(
                request,
                ngettext(
                    "%(count)d invoice issued: %(numbers)s",
                    "%(count)d invoices issued: %(numbers)s",
                    len(issued),
                )
                % {"count": len(issued), "numbers": ", ".join(issued)},
                messages.SUCCESS,
            )
        for line in refused:
            self.message_user(request, line, messages.WARNING)


class PaymentFilter(admin.SimpleListFilter):
    title = _("payment")
    parameter_name = "payment"

    def lookups(self, request, model_admin):
        return [
            ("unpaid", pgettext_lazy("invoices filter", "Unpaid")),
            ("overdue", pgettext_lazy("invoices filter", "Overdue")),
            ("paid", pgettext_lazy("invoices filter", "Paid")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "unpaid":
            return queryset.unpaid()
        if self.value() == "overdue":
            return queryset.overdue()
        if self.value() == "paid":
            return queryset.filter(~Q(paid_on=None))
        return queryset


@admin.register(Invoice)
class InvoiceAdmin(admin.ModelAdmin):
    holds_personal_data = True
    list_display = [
        "number",
        "payer_company_name",
        "payer_bin",
        "amount_kzt",
        "issued_on",
        "due_on",
        "paid_on",
    ]
    list_filter = [PaymentFilter]
    search_fields = [
        "number",
        "payer_bin",
        "payer_company_name",
        "payer_email",
        "membership__email",
    ]
    list_select_related = ["membership"]
    date_hierarchy = "issued_on"
    autocomplete_fields = ["membership"]
    fields = [
        "number",
        "membership",
        "amount_kzt",
        "issued_on",
        "due_on",
        "paid_on",
        "payer_company_name",
        "payer_bin",
        "payer_contact_person",
        "payer_email",
        "headcount",
        "annual_fee_mci",
        "entrance_fee_mci",
        "mci_value_kzt",
        "kept_until_display",
    ]
    # How a fee invoice's amount was worked out: written by the tariff when it is issued, never by hand.
    FEE_BASIS = ["headcount", "annual_fee_mci", "entrance_fee_mci", "mci_value_kzt"]

    def get_readonly_fields(self, request, obj=None):
        # An issued invoice is an accounting record: who pays and how much are not rewritten.
        if obj is not None:
            return [
                "number",
                "membership",
                "amount_kzt",
                "issued_on",
                "payer_company_name",
                "payer_bin",
                "payer_contact_person",
                "payer_email",
                *self.FEE_BASIS,
                "kept_until_display",
            ]
        return [*self.FEE_BASIS, "kept_until_display"]

    @admin.display(description=_("kept until"))
    def kept_until_display(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        held = AccountingHold.objects.in_force().filter(
            year__in=[obj.issued_on.year, obj.accounting_year]
        )
        if held.exists():
            return _("%(date)s, and longer: the year is held (audit or complaint)") % {
                "date": date_format(obj.kept_until())
            }
        return date_format(obj.kept_until())


@admin.register(AccountingHold)
class AccountingHoldAdmin(admin.ModelAdmin):
    """Years whose invoices the retention run keeps while an audit or a complaint about them is under way."""

    list_display = ["year", "reason", "note", "held_since", "released_on", "invoices_held"]
    list_filter = ["reason", ("released_on", admin.EmptyFieldListFilter)]
    fields = ["year", "reason", "note", "held_since", "released_on"]

    @admin.display(description=_("invoices of the year"))
    def invoices_held(self, obj):
        return Invoice.objects.filter(
            Q(issued_on__year=obj.year) | Q(paid_on__year=obj.year)
        ).count()

    def has_delete_permission(self, request, obj=None):
        return False  # a hold is released (with its date), never erased

"""The staff's enquiry desk: unanswered first, the whole thread on one page, a reply box under it.

Everything the visitor sent is read-only here; staff act through the services (reply, close, retry mail),
the same ones the public pages use.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join, linebreaks
from django.utils.safestring import mark_safe
from django.utils.timesince import timesince
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from dkz_site.dates import date_and_time
from outbox.models import Email
from outbox.notices import not_emailed_context
from outbox.services import send_again

from . import mail, services
from .models import MESSAGE_MAX_LENGTH, Enquiry


def _local(moment) -> str:
    """Staff read times in the association's time zone (Astana), unambiguously."""
    return date_and_time(moment)


def _paragraphs(text: str):
    """What someone wrote, escaped, with its paragraphs and line breaks kept."""
    return mark_safe(linebreaks(text, autoescape=True))  # linebreaks escapes the text itself


class EnquiryReplyForm(forms.ModelForm):
    """No field of the enquiry is editable; the form is the reply box under the thread."""

    reply = forms.CharField(
        label=_("Reply to the visitor"),
        required=False,
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 10, "cols": 80}),
        help_text=_("Emailed in the visitor's language with a link to answer in this thread."),
    )
    expects_answer = forms.BooleanField(
        label=_("We are waiting for the visitor's answer"),
        required=False,
        help_text=_("Leave unticked if this reply answers the enquiry."),
    )
    # The latest message of the thread when the page was opened: a reply written meanwhile by a colleague
    # is not answered twice (services.reply_to_enquiry refuses it, and the staff member is told).
    seen_message = forms.IntegerField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Enquiry
        fields = []

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reply", "").strip():
            refusal = services.reply_refusal(self.instance)
            if refusal:
                self.add_error("reply", refusal)
        return cleaned


class MailProblemFilter(admin.SimpleListFilter):
    title = _("email delivery")
    parameter_name = "mail"

    def lookups(self, request, model_admin):
        return [("failed", _("An email failed"))]

    def queryset(self, request, queryset):
        if self.value() == "failed":
            return queryset.with_mail_problem()
        return queryset


@admin.register(Enquiry)
class EnquiryAdmin(admin.ModelAdmin):
    holds_personal_data = True
    form = EnquiryReplyForm
    list_display = [
        "reference_column",
        "name",
        "email",
        "company",
        "language",
        "status",
        "waiting_column",
        "last_contact_at",
        "message_count_column",
        "mail_problem_column",
    ]
    list_display_links = ["reference_column", "name"]
    list_filter = ["status", "language", MailProblemFilter]
    search_fields = ["email", "name", "company"]
    date_hierarchy = "created_at"
    list_per_page = 50
    actions = ["close_selected", "retry_unsent_mail"]
    readonly_fields = [
        "reference_column",
        "status",
        "name",
        "email",
        "company",
        "language",
        "created_at",
        "last_contact_at",
        "waiting_column",
        "closed_at",
        "processing_stopped_at",
        "consent_column",
        "thread",
        "mail_log",
        "reply_unavailable",
    ]

    class Media:
        css = {"all": ["enquiries/admin.css"]}

    def get_queryset(self, request):
        return super().get_queryset(request).for_staff_list()

    def get_ordering(self, request):
        # Unanswered first, the longest-waiting on top; then the most recent contact.
        return [
            F("awaits_us").asc(),
            F("waiting_since").asc(nulls_last=True),
            "-last_contact_at",
        ]

    def get_fieldsets(self, request, obj=None):
        reply_fields = ["reply_unavailable"]
        if obj is not None and services.reply_refusal(obj) is None:
            reply_fields = ["reply", "expects_answer", "seen_message"]
        return [
            (
                None,
                {
                    "fields": [
                        ("reference_column", "status", "waiting_column"),
                        ("name", "email"),
                        ("company", "language"),
                        ("created_at", "last_contact_at"),
                        ("closed_at", "processing_stopped_at"),
                    ]
                },
            ),
            (_("Consent"), {"fields": ["consent_column"]}),
            (_("Correspondence"), {"fields": ["thread"]}),
            (_("Reply"), {"fields": reply_fields}),
            (_("Email delivery"), {"fields": ["mail_log"], "classes": ["collapse"]}),
        ]

    def has_add_permission(self, request):
        return False  # enquiries arrive through the contact form

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is not None:
            latest = obj.messages.order_by("-sent_at", "-pk").values_list("pk", flat=True).first()
            form.base_fields["seen_message"].initial = latest
        return form

    @admin.display(description=_("number"), ordering="pk")
    def reference_column(self, obj):
        return obj.reference

    @admin.display(description=_("waiting for us"), ordering="waiting_since")
    def waiting_column(self, obj):
        if obj.waiting_time() is None:
            return "—"
        return timesince(obj.waiting_since)

    @admin.display(description=_("messages"))
    def message_count_column(self, obj):
        return getattr(obj, "message_count", None) or obj.messages.count()

    @admin.display(description=_("email failed"), boolean=True)
    def mail_problem_column(self, obj):
        if hasattr(obj, "has_mail_problem"):
            return obj.has_mail_problem
        return Enquiry.objects.filter(pk=obj.pk).with_mail_problem().exists()

    @admin.display(description=_("consent"))
    def consent_column(self, obj):
        consent = obj.consent
        if consent is None:
            return "—"
        withdrawn = (
            format_html(
                "<br><strong>{}</strong> {}",
                _("Withdrawn:"),
                _local(consent.withdrawn_at),
            )
            if consent.withdrawn_at
            else ""
        )
        return format_html(
            "<q>{}</q><br>{} {} · {} {}{}",
            consent.wording,
            _("Policy version"),
            consent.policy_version,
            _("given"),
            _local(consent.given_at),
            withdrawn,
        )

    @admin.display(description=_("thread"))
    def thread(self, obj):
        items = obj.messages.select_related("author")
        return format_html(
            '<ol class="enquiry-thread">{}</ol>',
            format_html_join("", "{}", ((self._message_html(obj, item),) for item in items)),
        )

    def _message_html(self, enquiry, item):
        if item.is_inbound:
            who = format_html("{} · {}", _("Visitor"), enquiry.name or _("(erased)"))
            technical = " · ".join(
                value for value in (item.client_ip, item.user_agent, item.referrer) if value
            )
        else:
            who = format_html(
                "{} · {}", _("Staff"), item.author.get_full_name() if item.author else "—"
            )
            technical = ""
        return format_html(
            '<li class="enquiry-message enquiry-message-{}"><p class="enquiry-message-meta">'
            '<strong>{}</strong> · <time datetime="{}">{}</time></p>'
            '<div class="enquiry-message-body">{}</div>{}</li>',
            item.direction,
            who,
            item.sent_at.isoformat(),
            _local(item.sent_at),
            _paragraphs(item.body) if item.body else _("(erased)"),
            format_html('<p class="enquiry-message-technical">{}</p>', technical)
            if technical
            else "",
        )

    @admin.display(description=_("emails"))
    def mail_log(self, obj):
        rows = format_html_join(
            "",
            '<tr class="enquiry-mail-{}"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>',
            (
                (
                    email.status,
                    _local(email.created_at),
                    _("staff mailbox") if email.to_staff else _("visitor"),
                    email.get_status_display(),
                    email.attempts,
                    email.last_error or "",
                )
                for email in Email.objects.regarding(obj).order_by("created_at", "pk")
            ),
        )
        return format_html(
            '<table class="enquiry-mail-log"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th>'
            "<th>{}</th></tr></thead><tbody>{}</tbody></table>",
            _("written"),
            _("recipient"),
            _("status"),
            _("attempts"),
            _("last error"),
            rows,
        )

    @admin.display(description=_("reply"))
    def reply_unavailable(self, obj):
        return services.reply_refusal(obj) or "—"

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context.update(not_emailed_context(obj, "visitor"))
            # Nothing of an enquiry is edited here: the one action is the reply, sent only after its preview.
            context.update(
                show_save=False, show_save_and_continue=False, show_save_and_add_another=False
            )
            if services.reply_refusal(obj) is None:
                context["reply_url"] = reverse("admin:enquiries_enquiry_reply", args=[obj.pk])
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_urls(self):
        return [
            path(
                "<path:object_id>/reply/",
                self.admin_site.admin_view(self.reply_view),
                name="enquiries_enquiry_reply",
            ),
            *super().get_urls(),
        ]

    def reply_view(self, request, object_id):
        """The reply as the visitor will receive it (recipient, subject, text in their language), editable, with
        "Send reply"; only that button sends it, through the one reply workflow."""
        enquiry = self.get_object(request, object_id)
        change_url = reverse("admin:enquiries_enquiry_change", args=[object_id])
        if enquiry is None or not self.has_change_permission(request, enquiry):
            raise PermissionDenied
        if request.method != "POST":
            return HttpResponseRedirect(change_url)
        form = EnquiryReplyForm(request.POST, instance=enquiry)
        if not form.is_valid() or not form.cleaned_data["reply"].strip():
            if form.is_valid():
                form.add_error("reply", _("Write the reply first."))
            return self._reply_page(request, enquiry, form, preview=None)
        body = form.cleaned_data["reply"].strip()
        if "_send" not in request.POST:
            return self._reply_page(
                request, enquiry, form, preview=mail.reply_preview(enquiry, body)
            )
        try:
            reply = services.reply_to_enquiry(
                enquiry=enquiry,
                author=request.user,
                body=body,
                expects_answer=form.cleaned_data.get("expects_answer", False),
                seen_message=form.cleaned_data.get("seen_message"),
            )
        except (services.ReplyConflict, services.ReplyRefused) as refused:
            self.message_user(request, str(refused), messages.ERROR)
            return HttpResponseRedirect(change_url)
        self.log_change(
            request, enquiry, [{"changed": {"fields": [str(_("Reply to the visitor"))]}}]
        )
        if reply.email is None:
            self.message_user(
                request,
                _(
                    "Your reply is saved in the thread, but no email may be sent to the visitor: "
                    "their address is blocked. The visitor has not been emailed."
                ),
                messages.WARNING,
            )
        else:
            self.message_user(
                request,
                _(
                    "Your reply is saved in the thread and queued to be emailed to the visitor. "
                    "Its delivery is shown under “Email delivery”."
                ),
                messages.SUCCESS,
            )
        return HttpResponseRedirect(change_url)

    def _reply_page(self, request, enquiry, form, preview):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": enquiry,
            "title": _("Reply to enquiry %(number)s") % {"number": enquiry.reference},
            "form": form,
            "preview": preview,
            "change_url": reverse("admin:enquiries_enquiry_change", args=[enquiry.pk]),
        }
        return TemplateResponse(request, "admin/enquiries/enquiry/reply_preview.html", context)

    def save_model(self, request, obj, form, change):
        """Nothing of an enquiry is saved from its page: replies go through the preview (reply_view)."""

    @admin.action(description=_("Close selected enquiries"))
    def close_selected(self, request, queryset):
        closed = sum(services.close_enquiry(enquiry=enquiry) for enquiry in queryset)
        self.message_user(
            request,
            ngettext("%(count)d enquiry closed.", "%(count)d enquiries closed.", closed)
            % {"count": closed},
            messages.SUCCESS,
        )

    @admin.action(description=_("Send again the undelivered emails of the selected enquiries"))
    def retry_unsent_mail(self, request, queryset):
        failing = [
            email
            for enquiry in queryset
            for email in Email.objects.regarding(enquiry).filter(status__in=Email.MAY_SEND_AGAIN)
        ]
        queued = sum(send_again(email=email) for email in failing)
        self.message_user(
            request,
            _("%(queued)d of %(total)d undelivered emails queued to be sent again.")
            % {"queued": queued, "total": len(failing)},
            messages.SUCCESS if queued == len(failing) else messages.WARNING,
        )

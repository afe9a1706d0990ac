"""Public pages: the contact form, its thank-you page, and the visitor's answer through a signed link."""

import contextlib
import logging

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView

from dkz_site.client_ip import technical_data
from dkz_site.ratelimit import CountsAcceptedSubmissions, limit_per_ip
from dkz_site.signed_links import LinkExpired, LinkInvalid

from . import services
from .forms import AnswerForm, ContactForm, consent_wording
from .links import check_token
from .models import Enquiry

logger = logging.getLogger(__name__)


class ContactView(CountsAcceptedSubmissions, FormView):
    """RATE_LIMITS["contact"] counts enquiries sent; one with errors costs nothing."""

    template_name = "enquiries/contact.html"
    form_class = ContactForm
    rate_limit = "contact"

    def get_context_data(self, **kwargs):
        from association.models import (
            Office,
        )  # the office's phone and hours, as the About page shows them

        return {**super().get_context_data(**kwargs), "office": Office.current()}

    def post(self, request, *args, **kwargs):
        if ContactForm.is_bot(request.POST):
            logger.info("contact form honeypot filled: nothing stored")
            return redirect("enquiries:contact_thanks")
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        # A blocked address is answered like any other: the page must not tell who had their data blocked.
        with contextlib.suppress(services.AddressBlocked):
            services.submit_enquiry(
                name=data["name"],
                email=data["email"],
                company=data["company"],
                message=data["message"],
                language=get_language(),
                consent_wording=consent_wording(),
                technical=technical_data(self.request),
            )
        return redirect("enquiries:contact_thanks")


contact = limit_per_ip("form_attempts")(ContactView.as_view())


class ContactThanksView(TemplateView):
    template_name = "enquiries/contact_thanks.html"


contact_thanks = ContactThanksView.as_view()


LINK_PROBLEM_STATUS = {"expired": 410, "invalid": 400, "other_thread": 400}


def _link_problem(request, problem: str):
    return render(
        request,
        "enquiries/link_problem.html",
        {"problem": problem},
        status=LINK_PROBLEM_STATUS[problem],
    )


class AnswerView(FormView):
    """The visitor answers staff's reply in the same thread; the signed link is their only key."""

    template_name = "enquiries/answer.html"
    form_class = AnswerForm

    def dispatch(self, request, *args, **kwargs):
        self.enquiry = Enquiry.objects.filter(pk=kwargs["number"]).first()
        if self.enquiry is None:
            return _link_problem(request, "invalid")
        try:
            check_token(kwargs["token"], self.enquiry)
        except LinkExpired:
            return _link_problem(request, "expired")
        except LinkInvalid as bad:
            return _link_problem(request, "other_thread" if bad.other_object else "invalid")
        if not self.enquiry.accepts_mail:
            return render(request, "enquiries/answer_closed.html", status=410)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        thread = self.enquiry.messages.select_related("author")
        return super().get_context_data(enquiry=self.enquiry, thread=thread, **kwargs)

    def form_valid(self, form):
        try:
            services.answer_from_visitor(
                enquiry=self.enquiry,
                body=form.cleaned_data["message"],
                technical=technical_data(self.request),
            )
        except services.AnswerRefused:
            return render(self.request, "enquiries/answer_closed.html", status=410)
        return redirect(reverse("enquiries:answer_sent"))


answer = never_cache(limit_per_ip("enquiry_answer")(AnswerView.as_view()))


class AnswerSentView(TemplateView):
    template_name = "enquiries/answer_sent.html"


answer_sent = AnswerSentView.as_view()

"""Public accreditation pages: apply, the reference number, and the applicant's signed-link page."""

from django.core import signing
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.views.generic import FormView, TemplateView

from dkz_site.client_ip import technical_data
from dkz_site.ratelimit import CountsAcceptedSubmissions, limit_per_ip
from dkz_site.signed_links import LinkExpired, LinkInvalid

from . import services
from .forms import (
    CONSENT_PROCESSING,
    CONSENT_PUBLICATION,
    ApplicationForm,
    CorrectionForm,
    WithdrawForm,
)
from .links import application_for_token
from .models import ApplicationState, new_reference

SUBMITTED_SALT = "accreditation.submitted"


@method_decorator(limit_per_ip("form_attempts"), name="post")
class ApplyView(CountsAcceptedSubmissions, FormView):
    """RATE_LIMITS["apply"] counts applications received; a refused or invalid one costs nothing."""

    template_name = "accreditation/apply.html"
    form_class = ApplicationForm
    rate_limit = "apply"

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            application = services.submit_application(
                bin=data["bin"],
                company_name=data["company_name"],
                region=data["region"],
                contact_person=data["contact_person"],
                email=data["email"],
                phone=data["phone"],
                description=data["description"],
                language=get_language(),
                processing_wording=str(CONSENT_PROCESSING),
                publication_wording=(
                    str(CONSENT_PUBLICATION) if data["consent_publication"] else None
                ),
                technical=technical_data(self.request),
            )
        except services.ApplicationRefused as refusal:
            if refusal.code != "blocked":
                form.add_error("bin", refusal.message)
                return self.form_invalid(form)
            # Answered like any other address, with a reference number that leads nowhere: the page must not
            # tell who had their data blocked. Staff see the refusal on the block.
            return _submitted_redirect(new_reference())
        return _submitted_redirect(application.reference)


apply = ApplyView.as_view()


def _submitted_redirect(reference: str):
    token = signing.dumps(reference, salt=SUBMITTED_SALT)
    return redirect("accreditation:submitted", token=token)


class SubmittedView(TemplateView):
    """Shows the reference number after POST/redirect/GET; the signed token carries it, no cookie."""

    template_name = "accreditation/submitted.html"

    def get_context_data(self, **kwargs):
        try:
            reference = signing.loads(kwargs["token"], salt=SUBMITTED_SALT, max_age=86400)
        except signing.BadSignature:
            raise Http404 from None
        return {**super().get_context_data(**kwargs), "reference": reference}


submitted = SubmittedView.as_view()


@limit_per_ip("application_link")
def application_page(request, reference, token):
    """The applicant's own page behind the signed link: status, correction form, withdrawal.

    The page itself says what happened (no flash message: that would need a cookie)."""
    try:
        application = application_for_token(reference, token)
    except (LinkExpired, LinkInvalid) as error:
        reason = "expired" if isinstance(error, LinkExpired) else "invalid"
        return render(request, "accreditation/link_invalid.html", {"reason": reason}, status=404)
    correction = withdraw = None
    if application.state == ApplicationState.INFORMATION_REQUESTED:
        correction = CorrectionForm(
            request.POST if request.POST.get("action") == "correct" else None,
            initial={field: getattr(application, field) for field in services.APPLICANT_FIELDS},
        )
    if application.is_open:
        withdraw = WithdrawForm(request.POST if request.POST.get("action") == "withdraw" else None)
    if request.method == "POST":
        if correction is not None and correction.is_bound and correction.is_valid():
            try:
                services.resubmit_application(
                    application=application,
                    changes=correction.cleaned_data,
                    technical=technical_data(request),
                )
            except services.ApplicationRefused as refusal:
                correction.add_error(None, refusal.message)
            else:
                return redirect(request.path)
        if withdraw is not None and withdraw.is_bound and withdraw.is_valid():
            services.withdraw_application(application=application)
            return redirect(request.path)
    context = {"application": application, "correction": correction, "withdraw": withdraw}
    return render(request, "accreditation/application.html", context)

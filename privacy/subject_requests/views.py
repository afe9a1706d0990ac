"""Public pages of data-subject requests: the form, the emailed confirmation link, the copy's download."""

from django.conf import settings
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods, require_safe

from dkz_site.client_ip import technical_data
from dkz_site.ratelimit import limit_per_address, limit_per_ip
from dkz_site.signed_links import LinkExpired, LinkInvalid, LinkUsed
from privacy.models import DataSubjectRequest

from . import links, services
from .forms import SubjectRequestForm
from .storage import private_storage


@require_http_methods(["GET", "HEAD", "POST"])
@limit_per_ip("privacy_request")
def request_new(request):
    form = SubjectRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        refused = limit_per_address(request, "privacy_request_email")
        if refused is not None:
            return refused
        services.submit_request(
            email=form.cleaned_data["email"],
            request_type=form.cleaned_data["request_type"],
            details=form.cleaned_data["details"],
            purposes=form.cleaned_data["purposes"],
            language=get_language(),
            technical=technical_data(request),
        )
        return redirect("privacy:request_sent")
    return render(request, "privacy/requests/new.html", {"form": form})


@require_safe
def request_sent(request):
    """The same answer for every address, whether or not we hold anything for it."""
    return render(
        request, "privacy/requests/sent.html", {"hours": settings.DATA_REQUEST_VERIFY_HOURS}
    )


def _link_problem(request, problem: str, status: int):
    return render(
        request, "privacy/requests/link_problem.html", {"problem": problem}, status=status
    )


@require_http_methods(["GET", "HEAD", "POST"])
@limit_per_ip("request_confirm")
def request_verify(request, token):
    """GET asks for a click (mail scanners that open links must not use them up); POST confirms, once."""
    try:
        if request.method in ("GET", "HEAD"):
            pending = services.request_to_verify(token=token)
            return render(request, "privacy/requests/verify.html", {"subject_request": pending})
        subject_request = services.verify_request(token=token)
    except LinkUsed:  # before LinkExpired, which it is
        return _link_problem(request, "used", 410)
    except LinkExpired:
        return _link_problem(request, "expired", 410)
    except LinkInvalid:
        return _link_problem(request, "invalid", 400)
    subject_request.refresh_from_db()
    download = None
    if subject_request.export_file:
        download = reverse(
            "privacy:request_download", kwargs={"token": links.DOWNLOAD_LINK.make(subject_request)}
        )
    return render(
        request,
        "privacy/requests/verified.html",
        {"subject_request": subject_request, "download_url": download},
    )


@require_safe
def request_download(request, token):
    """The copy, for whoever holds this request's link, until it expires; never another request's file."""
    try:
        claim = links.DOWNLOAD_LINK.read(token)
    except LinkExpired:
        return _link_problem(request, "copy_expired", 410)
    except LinkInvalid:
        return _link_problem(request, "invalid", 400)
    subject_request = DataSubjectRequest.objects.filter(pk=claim.pk).first()
    try:
        links.DOWNLOAD_LINK.check(claim, subject_request)
    except LinkInvalid:  # another copy replaced it, or it was deleted
        return _link_problem(request, "copy_expired", 410)
    storage = private_storage()
    expired = (
        subject_request.export_expires_at is None
        or subject_request.export_expires_at <= timezone.now()
    )
    if expired or not storage.exists(subject_request.export_file):
        services.expire_copy(subject_request)
        return _link_problem(request, "copy_expired", 410)
    response = FileResponse(
        storage.open(subject_request.export_file, "rb"),
        as_attachment=True,
        filename=f"digital-kazakhstan-{subject_request.reference}.zip",
        content_type="application/zip",
    )
    response["Cache-Control"] = "no-store, private"
    response["X-Robots-Tag"] = "noindex"
    return response

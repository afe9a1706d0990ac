"""The second step of the staff sign-in, beside the admin's own pages under /admin/two-factor/.

The admin's password step is Django's; `AssociationAdminSite.login` sends staff who still owe the second factor here:
to enrol an authenticator app the first time, to enter its code every later time.
"""

from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_otp.plugins.otp_static.models import StaticDevice

from dkz_site.redirects import local_path

from . import enrolment, two_factor
from .forms import SecondFactorForm
from .two_factor import awaiting_second_factor, has_authenticator, is_verified

NEW_BACKUP_CODES_SESSION_KEY = "staff_auth_new_backup_codes"


def staff_signed_in(view):
    """Only for staff who passed the password step; the admin's own permission check would refuse them here."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not (user.is_authenticated and user.is_active and user.is_staff):
            return redirect_to_login(request.get_full_path(), reverse("admin:login"))
        return view(request, *args, **kwargs)

    return never_cache(csrf_protect(sensitive_post_parameters("code")(wrapper)))


def next_url(request, default: str | None = None) -> str:
    """Where to go once signed in: the admin page asked for, if it is on this site."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    return local_path(request, candidate, default or reverse("admin:index"))


def _redirect(name: str, next_to: str) -> HttpResponseRedirect:
    return HttpResponseRedirect(f"{reverse(name)}?{urlencode({'next': next_to})}")


def redirect_to_second_factor(request, next_to: str | None = None) -> HttpResponseRedirect:
    next_to = next_to or next_url(request)
    if has_authenticator(request.user):
        return _redirect("admin:two_factor_verify", next_to)
    return _redirect("admin:two_factor_enrol", next_to)


def after_password_login(request, response):
    """Right after a correct password: a fresh sign-in always owes the second factor again."""
    two_factor.forget_verification(request)
    if awaiting_second_factor(request):
        return redirect_to_second_factor(request, next_to=response["Location"])
    return response


def _page(request, template: str, title: str, **context):
    context = {
        **admin.site.each_context(request),
        "title": title,
        "next": next_url(request),
        **context,
    }
    return render(request, f"accounts/two_factor/{template}", context)


def _mailbox_step(request):
    """The link is emailed once per session; a button sends a fresh one, at most once a minute (the old one still
    works until it expires)."""
    resend = request.method == "POST" and "send_link" in request.POST
    if not enrolment.link_sent(request):
        enrolment.send_link(request, next_to=next_url(request))
    elif resend and enrolment.may_resend(request):
        enrolment.send_link(request, next_to=next_url(request))
        messages.info(
            request, _("A new link is on its way to %(email)s.") % {"email": request.user.email}
        )
    elif resend:
        messages.warning(
            request,
            _(
                "A link was sent less than a minute ago: look for it in your mailbox, spam folder included."
            ),
        )
    return _page(
        request,
        "enrol_mailbox.html",
        _("Set up two-factor sign-in"),
        email=request.user.email,
        minutes=settings.STAFF_ENROLMENT_LINK_MINUTES,
    )


@staff_signed_in
@require_safe
def enrol_link(request, token):
    """The emailed link: opened in the signed-in session of the account it was sent to, it opens enrolment."""
    if enrolment.confirm_mailbox(request, token):
        return _redirect("admin:two_factor_enrol", next_url(request))
    response = _page(
        request,
        "enrol_link_invalid.html",
        _("This link does not work"),
        minutes=settings.STAFF_ENROLMENT_LINK_MINUTES,
    )
    response.status_code = 400
    return response


@staff_signed_in
@require_http_methods(["GET", "HEAD", "POST"])
def enrol(request):
    """First sign-in: prove the mailbox (see accounts.enrolment), then scan the QR code (or type the key) and
    confirm with the app's first code."""
    user = request.user
    if has_authenticator(user):
        if is_verified(user):
            return HttpResponseRedirect(next_url(request))
        return _redirect("admin:two_factor_verify", next_url(request))
    if not enrolment.mailbox_confirmed(request):
        return _mailbox_step(request)
    device = two_factor.pending_authenticator(user)
    form = SecondFactorForm(request.POST or None, numeric=True)
    if request.method == "POST" and form.is_valid():
        if not device.verify_is_allowed()[0]:
            form.add_error("code", SecondFactorForm.throttled_message)
        else:
            codes = two_factor.confirm_authenticator(
                request=request, device=device, code=form.cleaned_data["code"]
            )
            if codes is not None:
                request.session.cycle_key()
                request.session[NEW_BACKUP_CODES_SESSION_KEY] = codes
                return _redirect("admin:two_factor_backup_codes", next_url(request))
            form.add_error("code", SecondFactorForm.wrong_enrolment_code_message)
    return _page(
        request,
        "enrol.html",
        _("Set up two-factor sign-in"),
        form=form,
        qr_code=two_factor.qr_code_svg(device, _("QR code for your authenticator app")),
        secret=two_factor.secret_text(device),
    )


@staff_signed_in
@require_http_methods(["GET", "HEAD", "POST"])
def verify(request):
    """Every sign-in: the code from the authenticator app, or one backup code."""
    user = request.user
    if not has_authenticator(user):
        return _redirect("admin:two_factor_enrol", next_url(request))
    if is_verified(user):
        return HttpResponseRedirect(next_url(request))
    form = SecondFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor.verify_throttled(user):
            form.add_error("code", SecondFactorForm.throttled_message)
        elif device := two_factor.verify_second_factor(
            request=request, code=form.cleaned_data["code"]
        ):
            request.session.cycle_key()
            if isinstance(device, StaticDevice):
                _warn_backup_codes_left(request)
            return HttpResponseRedirect(next_url(request))
        else:
            form.add_error("code", SecondFactorForm.wrong_code_message)
    return _page(request, "verify.html", _("Two-factor sign-in"), form=form)


def _warn_backup_codes_left(request):
    left = two_factor.backup_codes_left(request.user)
    messages.warning(
        request,
        format_html(
            '{} <a href="{}">{}</a>',
            ngettext(
                "You signed in with a backup code; %(count)d is left.",
                "You signed in with a backup code; %(count)d are left.",
                left,
            )
            % {"count": left},
            reverse("admin:two_factor_backup_codes"),
            _("Make new backup codes"),
        ),
    )


@staff_signed_in
@require_http_methods(["GET", "HEAD", "POST"])
def backup_codes(request):
    """New backup codes, shown once; asking for new ones makes the old ones stop working."""
    user = request.user
    if not has_authenticator(user):
        return _redirect("admin:two_factor_enrol", next_url(request))
    if not is_verified(user):
        return _redirect("admin:two_factor_verify", request.get_full_path())
    if request.method == "POST":
        request.session[NEW_BACKUP_CODES_SESSION_KEY] = two_factor.issue_backup_codes(user=user)
        return _redirect("admin:two_factor_backup_codes", next_url(request))
    return _page(
        request,
        "backup_codes.html",
        _("Backup codes"),
        codes=request.session.pop(NEW_BACKUP_CODES_SESSION_KEY, None),
        codes_left=two_factor.backup_codes_left(user),
    )


@never_cache
@require_POST
@csrf_protect
def sign_out(request):
    """Leave half-way through the sign-in (the admin's own log-out needs the full sign-in)."""
    logout(request)
    return HttpResponseRedirect(reverse("admin:login"))

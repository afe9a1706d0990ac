"""The policy pages and the cookie choice: short views over querysets and services."""

from urllib.parse import urlsplit

from django.contrib import messages
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from dkz_site.ratelimit import limit_per_ip
from dkz_site.redirects import local_path

from . import policy_text
from .cookies import NECESSARY, group_state, group_texts, listed_cookies
from .models import PolicyVersion, Processor
from .services import record_cookie_choice

CHOICE_SOURCES = {"banner", "cookies_page"}
CHOICE_SAVED = {
    True: gettext_lazy("Functional cookies accepted. You can change this at any time."),
    False: gettext_lazy("Functional cookies declined. You can change this at any time."),
}


@require_safe
def policy(request):
    """The version in force, its last-update date, the processors, the authority, and other versions."""
    versions = _published_versions()
    if versions["current"] is None:
        raise Http404("No privacy policy is in force.")
    return _render_version(request, versions["current"], versions, is_current_page=True)


@require_safe
def policy_version(request, pk):
    versions = _published_versions()
    version = next((v for v in versions["all"] if v.pk == pk), None)
    if version is None:
        raise Http404("No such published version.")
    return _render_version(request, version, versions, is_current_page=False)


def _published_versions() -> dict:
    """Every published version in one query, sorted into the one in force, earlier and announced ones."""
    today = timezone.localdate()
    published = list(PolicyVersion.objects.published(today).order_by("-effective_on", "-id"))
    taken_effect = [v for v in published if v.effective_on <= today]
    return {
        "all": published,
        "current": taken_effect[0] if taken_effect else None,
        "superseded": taken_effect[1:],
        "upcoming": sorted(
            (v for v in published if v.effective_on > today), key=lambda v: v.effective_on
        ),
    }


def _render_version(request, version, versions, *, is_current_page):
    current = versions["current"]
    if version.effective_on > timezone.localdate():
        status = "upcoming"
    else:
        status = "in_force" if current and version.pk == current.pk else "superseded"
    context = {
        "version": version,
        "document": policy_text.parse(version.body()),
        "summary": version.summary(),
        "status": status,
        "is_current_page": is_current_page,
        "superseded": versions["superseded"],
        "upcoming": versions["upcoming"],
        "processors": Processor.objects.under_contract(),
    }
    return render(request, "privacy/policy.html", context)


@require_safe
def cookies(request):
    """Every cookie the site may set, by group, with the visitor's current choice and a way to change it."""
    groups = [
        {
            "varname": varname,
            "texts": group_texts(varname),
            "cookies": listed_cookies(varname),
            "state": state.state,
        }
        for varname, state in group_state(request).items()
    ]
    context = {"groups": groups, "necessary": group_texts(NECESSARY)}
    return render(request, "privacy/cookies.html", context)


@csrf_exempt
@require_POST
@limit_per_ip("cookie_choice")
def accept_cookies(request):
    return _choose(request, accept=True)


@csrf_exempt
@require_POST
@limit_per_ip("cookie_choice")
def decline_cookies(request):
    return _choose(request, accept=False)


def _choose(request, *, accept):
    """Apply the choice and go back where the visitor was (without JavaScript, by POST/redirect/GET).

    No CSRF cookie: the banner must not set a cookie before any choice. The browser's Origin (or, lacking
    it, Referer) header must name this site instead, which is what a forged cross-site form cannot do.
    """
    _require_same_origin(request)
    groups = [state.group for state in group_state(request).values()]
    varname = request.POST.get("group", "")
    if varname:
        groups = [group for group in groups if group.varname == varname]
    if not groups:
        raise BadRequest("No such cookie group.")
    source = request.POST.get("source", "")
    response = HttpResponseRedirect(_next_url(request))
    record_cookie_choice(
        request=request,
        response=response,
        accept=accept,
        groups=groups,
        source=source if source in CHOICE_SOURCES else "cookies_page",
    )
    messages.success(request, CHOICE_SAVED[accept])
    return response


def _require_same_origin(request):
    origin = request.headers.get("Origin") or request.headers.get("Referer") or ""
    parts = urlsplit(origin)
    if (
        not origin
        or f"{parts.scheme}://{parts.netloc}" != f"{request.scheme}://{request.get_host()}"
    ):
        raise PermissionDenied(_("Your cookie choice must be sent from this site's own pages."))


def _next_url(request) -> str:
    return local_path(request, request.POST.get("next", ""), reverse("privacy:cookies"))

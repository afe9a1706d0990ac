from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from . import health
from .page_cache import cache_for_visitors
from .ratelimit import UNKNOWN_WAIT_SECONDS, Wait


class HomeView(TemplateView):
    template_name = "home.html"


home = cache_for_visitors()(HomeView.as_view())


@require_safe
@never_cache
def healthz(request):
    """Each dependency by name (dkz_site.health): 200 while visitors can be served, 503 when not."""
    status, body = health.report()
    return JsonResponse(body, status=status)


@require_safe
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    sitemap = request.build_absolute_uri("/sitemap.xml")
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /*/privacy/requests/",
        "Disallow: /*/registrations/",
        f"Sitemap: {sitemap}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def too_many_requests(request, exception=None, retry_after=None):
    """The translated 429 page, with Retry-After (also django-ratelimit's RATELIMIT_VIEW)."""
    wait = retry_after or UNKNOWN_WAIT_SECONDS
    response = render(request, "429.html", {"wait": Wait(wait)}, status=429)
    response["Retry-After"] = str(wait)
    return response


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: the site's own translated page (Django's stock page is unstyled under our CSP)."""
    return render(request, "403_csrf.html", status=403)


def permission_denied(request, exception=None):
    return render(request, "403.html", {"reason": _reason(exception)}, status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def _reason(exception) -> str:
    """A PermissionDenied raised with a translated message explains itself on the page."""
    message = str(exception) if exception else ""
    return message if message and message != "None" else ""

from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from jobs.health import queue_health

from .page_cache import cache_for_visitors


class HomeView(TemplateView):
    template_name = "home.html"


home = cache_for_visitors()(HomeView.as_view())


@require_GET
def healthz(request):
    """200 only when the database answers; load balancers poll it. The task queue is reported, not judged:
    a stalled worker delays email but does not stop the site serving visitors."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database failure means unhealthy
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "task_queue": queue_health()})


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    sitemap = request.build_absolute_uri("/sitemap.xml")
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /*/privacy/requests/",
        f"Sitemap: {sitemap}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def too_many_requests(request, exception=None):
    """django-ratelimit's RATELIMIT_VIEW: the translated 429 page."""
    return render(request, "429.html", status=429)


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "403.html", {"reason": _reason(exception)}, status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def _reason(exception) -> str:
    """A PermissionDenied raised with a translated message explains itself on the page."""
    message = str(exception) if exception else ""
    return message if message and message != "None" else ""

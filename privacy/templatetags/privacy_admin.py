"""The admin index dashboard: the registered counters, requests due soon or overdue, the last retention run."""

from django import template
from django.conf import settings
from django.utils import timezone

from privacy.models import DataSubjectRequest, RetentionRun
from privacy.registry import dashboard_counters
from privacy.subject_requests.admin import days_left_text
from privacy.subject_requests.deadlines import add_working_days

register = template.Library()


@register.simple_tag
def privacy_dashboard():
    today = timezone.localdate()
    horizon = add_working_days(today, settings.DATA_REQUEST_DUE_SOON_DAYS)
    counters = []
    for counter in dashboard_counters():
        count = counter.count()
        counters.append(
            {
                "label": counter.label,
                "count": count,
                "url": counter.url() if counter.url else "",
                "warn": counter.warn_if_positive and count > 0,
            }
        )
    upcoming = []
    for request in DataSubjectRequest.objects.due_by(horizon).order_by("due_on", "id")[:20]:
        left = request.days_left(today)
        css = "dsr-overdue" if left < 0 else "dsr-due-today" if left == 0 else "dsr-on-time"
        upcoming.append(
            {"request": request, "days_left": days_left_text(request, today), "css": css}
        )
    return {
        "counters": counters,
        "upcoming": upcoming,
        "last_run": RetentionRun.objects.latest_real(),
    }

"""The admin index dashboard: the registered counters, requests due soon or overdue, the last retention run."""

from django import template
from django.conf import settings
from django.utils import timezone

from privacy.breaches.admin import deadline_text
from privacy.models import Breach, DataSubjectRequest, RetentionRun
from privacy.registry import dashboard_counters
from privacy.subject_requests.admin import days_left_text
from privacy.subject_requests.deadlines import add_working_days

register = template.Library()


@register.simple_tag(takes_context=True)
def privacy_dashboard(context):
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
    for subject_request in DataSubjectRequest.objects.due_by(horizon).order_by("due_on", "id")[:20]:
        left = subject_request.days_left(today)
        css = "dsr-overdue" if left < 0 else "dsr-due-today" if left == 0 else "dsr-on-time"
        upcoming.append(
            {
                "subject_request": subject_request,
                "days_left": days_left_text(subject_request, today),
                "css": css,
            }
        )
    return {
        # Breaches describe what happened to whose data: only staff trained in personal data see them.
        "breaches": _open_breaches(today) if context.get("may_see_personal_data") else None,
        "counters": counters,
        "upcoming": upcoming,
        "last_run": RetentionRun.objects.latest_real(),
    }


def _open_breaches(today):
    rows = []
    for breach in Breach.objects.open().order_by("notify_authority_by", "id")[:20]:
        left = breach.days_left(today)
        css = (
            ""
            if left is None
            else "dsr-overdue"
            if left < 0
            else "dsr-due-today"
            if left == 0
            else ""
        )
        rows.append({"breach": breach, "deadline": deadline_text(breach), "css": css})
    return rows

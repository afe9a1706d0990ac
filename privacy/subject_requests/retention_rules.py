"""Privacy's own lines of the retention schedule, and its dashboard counters; registered in PrivacyConfig.ready()."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from privacy.models import BlockedEmail, DataSubjectRequest
from privacy.registry import (
    DashboardCounter,
    RetentionRule,
    register_dashboard_counter,
    register_retention_rule,
)

from .deadlines import add_working_days


def _verify_period():
    return timedelta(hours=settings.DATA_REQUEST_VERIFY_HOURS)


def _technical_period():
    return timedelta(days=settings.RETENTION_TECHNICAL_DATA_DAYS)


def _closed_period():
    return timedelta(days=settings.RETENTION_CLOSED_REQUEST_DAYS)


def _export_period():
    return timedelta(days=settings.DATA_REQUEST_EXPORT_DAYS)


def _deleted(queryset) -> int:
    return queryset.delete()[1].get(queryset.model._meta.label, 0)


def _expire_copies(queryset) -> int:
    from .services import expire_copy

    count = 0
    for request in queryset:
        expire_copy(request)
        count += 1
    return count


RULES = [
    RetentionRule(
        name="privacy.unconfirmed_requests",
        app="privacy",
        description=_("Requests whose address was never confirmed, with their links"),
        period=_verify_period,
        measured_from=pgettext_lazy("retention starting point", "received"),
        action="delete",
        expired=lambda now: DataSubjectRequest.objects.unverified_before(now - _verify_period()),
        apply=_deleted,
        legal_basis=_("Legitimate interest: only confirmed requests are handled"),
    ),
    RetentionRule(
        name="privacy.request_copies",
        app="privacy",
        description=_("Copies of data prepared for access requests, and their download links"),
        period=_export_period,
        measured_from=pgettext_lazy("retention starting point", "prepared"),
        action="delete",
        expired=lambda now: DataSubjectRequest.objects.exports_expired(now),
        apply=_expire_copies,
        legal_basis=_("Consent of the subject (their access request)"),
    ),
    RetentionRule(
        name="privacy.request_technical_data",
        app="privacy",
        description=_("Technical data (IP, user agent, referrer) sent with requests"),
        period=_technical_period,
        measured_from=pgettext_lazy("retention starting point", "received"),
        action="anonymise",
        expired=lambda now: DataSubjectRequest.objects.technical_data_before(
            now - _technical_period()
        ),
        apply=lambda qs: qs.update(client_ip=None, user_agent="", referrer=""),
        legal_basis=_("Legitimate interest: abuse protection"),
    ),
    RetentionRule(
        name="privacy.closed_requests",
        app="privacy",
        description=_("Closed data-subject requests and their history"),
        period=_closed_period,
        measured_from=pgettext_lazy("retention starting point", "closed"),
        action="delete",
        expired=lambda now: DataSubjectRequest.objects.closed_before(now - _closed_period()),
        apply=_deleted,
        legal_basis=_("Legal obligation: proof that the subject's rights were honoured"),
    ),
    RetentionRule(
        name="privacy.lifted_blocks",
        app="privacy",
        description=_("Blocks lifted at the subject's request"),
        period=_closed_period,
        measured_from=pgettext_lazy("retention starting point", "lifted"),
        action="delete",
        expired=lambda now: BlockedEmail.objects.filter(unblocked_at__lt=now - _closed_period()),
        apply=_deleted,
        legal_basis=_("Legal obligation: proof that the subject's rights were honoured"),
    ),
]


def _requests_url(query: str):
    return lambda: reverse("admin:privacy_datasubjectrequest_changelist") + query


def _due_soon_count() -> int:
    today = timezone.localdate()
    horizon = add_working_days(today, settings.DATA_REQUEST_DUE_SOON_DAYS)
    return DataSubjectRequest.objects.open().filter(due_on__gte=today, due_on__lte=horizon).count()


def _recently_refused_count() -> int:
    since = timezone.now() - timedelta(days=REFUSED_RECENTLY_DAYS)
    return BlockedEmail.objects.active().filter(last_refused_at__gte=since).count()


REFUSED_RECENTLY_DAYS = 30

COUNTERS = [
    DashboardCounter(
        name="privacy.blocked_addresses_refused",
        label=_("Blocked addresses whose form submissions were refused in the last 30 days"),
        count=_recently_refused_count,
        # No link: the index is open to every staff member, the blocked addresses only to trained ones
        # (Privacy › Blocked emails, filter "last refused at").
        warn_if_positive=True,
    ),
    DashboardCounter(
        name="privacy.requests_overdue",
        label=_("Data-subject requests overdue"),
        count=lambda: DataSubjectRequest.objects.overdue().count(),
        url=_requests_url("?deadline=overdue"),
        warn_if_positive=True,
    ),
    DashboardCounter(
        name="privacy.requests_due_soon",
        label=_("Data-subject requests due soon"),
        count=_due_soon_count,
        url=_requests_url("?deadline=soon"),
    ),
]


def register() -> None:
    from privacy.registry import register_provider

    from .provider import PrivacyProvider

    register_provider(PrivacyProvider())
    for rule in RULES:
        register_retention_rule(rule)
    for counter in COUNTERS:
        register_dashboard_counter(counter)

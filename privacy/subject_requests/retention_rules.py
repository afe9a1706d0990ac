"""Privacy's own lines of the retention schedule, and its dashboard counters; registered in PrivacyConfig.ready()."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dkz_site.client_ip import TECHNICAL_DATA_CLEARED
from privacy.models import BlockedEmail, DataSubjectRequest
from privacy.registry import (
    DashboardCounter,
    RetentionRule,
    days_setting,
    decided_records_rule,
    delete_batch,
    register_dashboard_counter,
    register_retention_rule,
    technical_data_rule,
)

from .deadlines import add_working_days


def _verify_period():
    return timedelta(hours=settings.DATA_REQUEST_VERIFY_HOURS)


def _expire_copies(queryset) -> int:
    from .services import expire_copy

    count = 0
    for subject_request in queryset:
        expire_copy(subject_request)
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
        expired=lambda cutoff: DataSubjectRequest.objects.unverified_before(cutoff),
        apply=delete_batch,
        legal_basis=_("Legitimate interest: only confirmed requests are handled"),
    ),
    RetentionRule(
        name="privacy.request_copies",
        app="privacy",
        description=_("Copies of data prepared for access requests, and their download links"),
        period=days_setting("DATA_REQUEST_EXPORT_DAYS"),
        own_end=True,  # each copy carries its expiry
        measured_from=pgettext_lazy("retention starting point", "prepared"),
        action="delete",
        expired=lambda now: DataSubjectRequest.objects.exports_expired(now),
        apply=_expire_copies,
        legal_basis=_("Consent of the subject (their access request)"),
    ),
    technical_data_rule(
        name="privacy.request_technical_data",
        app="privacy",
        model=DataSubjectRequest,
        recorded_at="created_at",
        cleared=TECHNICAL_DATA_CLEARED,
        description=_("Technical data (IP, user agent, referrer) sent with requests"),
        measured_from=pgettext_lazy("retention starting point", "received"),
        legal_basis=_("Legitimate interest: abuse protection"),
    ),
    decided_records_rule(
        name="privacy.closed_requests",
        app="privacy",
        description=_("Closed data-subject requests and their history"),
        decided_before=DataSubjectRequest.objects.closed_before,
        period_setting="RETENTION_CLOSED_REQUEST_DAYS",
        measured_from=pgettext_lazy("retention starting point", "closed"),
        legal_basis=_("Legal obligation: proof that the subject's rights were honoured"),
    ),
    RetentionRule(
        name="privacy.lifted_blocks",
        app="privacy",
        description=_("Blocks lifted at the subject's request"),
        period=days_setting("RETENTION_CLOSED_REQUEST_DAYS"),
        measured_from=pgettext_lazy("retention starting point", "lifted"),
        action="delete",
        expired=lambda cutoff: BlockedEmail.objects.filter(unblocked_at__lt=cutoff),
        apply=delete_batch,
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

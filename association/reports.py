"""Staff reports: the association's figures as tables, on admin pages and as CSV (association.admin).

Every report counts; none names a person, so they are open to any staff member allowed to view staff reports.
The people behind the figures (attendee lists) are in the registrations' admin, for trained staff only.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from accreditation.models import Application, ApplicationState, Invoice, Membership
from accreditation.regions import Region
from directory.models import listed_memberships

from .models import Event


@dataclass
class Table:
    columns: list[str]
    rows: list[list] = field(default_factory=list)
    totals: list | None = None


@dataclass(frozen=True)
class Report:
    slug: str
    title: str
    description: str
    build: Callable[[], Table]


def _by_region(queryset) -> dict[str, int]:
    return dict(queryset.order_by().values_list("region").annotate(n=Count("pk")))


def members_by_region() -> Table:
    today = timezone.localdate()
    listed = listed_memberships(today)
    groups = [
        _by_region(listed),
        _by_region(Membership.objects.active(today).exclude(pk__in=listed.values("pk"))),
        _by_region(Membership.objects.filter(starts_on__gt=today).exclude(ended_on__lte=today)),
        _by_region(Membership.objects.ended(today)),
    ]
    table = Table(
        columns=[
            pgettext("report column", "Region"),
            pgettext("report column", "Active, listed"),
            pgettext("report column", "Active, not listed"),
            pgettext("report column", "Not started yet"),
            pgettext("report column", "Ended (kept one year)"),
            pgettext("report column", "Total"),
        ]
    )
    for region in Region:
        counts = [group.get(region.value, 0) for group in groups]
        table.rows.append([str(region.label), *counts, sum(counts)])
    table.totals = [pgettext("report column", "All regions")] + [
        sum(row[i] for row in table.rows) for i in range(1, len(table.columns))
    ]
    return table


def _days(start, end) -> float:
    return (end - start).total_seconds() / 86400


def applications_by_year() -> Table:
    S = ApplicationState
    per_year = defaultdict(lambda: {"states": defaultdict(int), "days": []})
    rows = Application.objects.values_list("state", "submitted_at", "approved_at", "rejected_at")
    for state, submitted, approved, rejected in rows.iterator():
        year = timezone.localtime(submitted).year
        per_year[year]["states"][state] += 1
        decided = approved or rejected
        if decided and state in (S.APPROVED, S.REJECTED):
            per_year[year]["days"].append(_days(submitted, decided))
    table = Table(
        columns=[
            pgettext("report column", "Year submitted"),
            pgettext("report column", "Submitted"),
            pgettext("report column", "Approved"),
            pgettext("report column", "Rejected"),
            pgettext("report column", "Withdrawn"),
            pgettext("report column", "Still open"),
            pgettext("report column", "Median days to decision"),
            pgettext("report column", "Average days to decision"),
            pgettext("report column", "Longest, days"),
        ]
    )
    for year in sorted(per_year, reverse=True):
        states, days = per_year[year]["states"], per_year[year]["days"]
        still_open = sum(
            n for state, n in states.items() if state not in (S.APPROVED, S.REJECTED, S.WITHDRAWN)
        )
        table.rows.append(
            [
                year,
                sum(states.values()),
                states[S.APPROVED],
                states[S.REJECTED],
                states[S.WITHDRAWN],
                still_open,
                round(statistics.median(days), 1) if days else "—",
                round(statistics.fmean(days), 1) if days else "—",
                round(max(days), 1) if days else "—",
            ]
        )
    return table


def invoices_by_year() -> Table:
    today = timezone.localdate()
    paid = Q(paid_on__isnull=False)
    overdue = Q(paid_on__isnull=True, due_on__lt=today)
    not_due = Q(paid_on__isnull=True, due_on__gte=today)
    years = (
        Invoice.objects.order_by()
        .annotate(year=ExtractYear("issued_on"))
        .values("year")
        .annotate(
            issued=Count("pk"),
            issued_kzt=Sum("amount_kzt"),
            paid=Count("pk", filter=paid),
            paid_kzt=Sum("amount_kzt", filter=paid),
            not_due=Count("pk", filter=not_due),
            not_due_kzt=Sum("amount_kzt", filter=not_due),
            overdue=Count("pk", filter=overdue),
            overdue_kzt=Sum("amount_kzt", filter=overdue),
        )
        .order_by("-year")
    )
    table = Table(
        columns=[
            pgettext("report column", "Year issued"),
            pgettext("report column", "Issued"),
            pgettext("report column", "Issued, KZT"),
            pgettext("report column", "Paid"),
            pgettext("report column", "Paid, KZT"),
            pgettext("report column", "Unpaid, not yet due"),
            pgettext("report column", "Unpaid, not yet due, KZT"),
            pgettext("report column", "Overdue"),
            pgettext("report column", "Overdue, KZT"),
        ]
    )
    for year in years:
        table.rows.append(
            [
                year["year"],
                year["issued"],
                _money(year["issued_kzt"]),
                year["paid"],
                _money(year["paid_kzt"]),
                year["not_due"],
                _money(year["not_due_kzt"]),
                year["overdue"],
                _money(year["overdue_kzt"]),
            ]
        )
    return table


def _money(value) -> Decimal:
    return (value or Decimal("0")).quantize(Decimal("0.01"))


def events_attendance() -> Table:
    table = Table(
        columns=[
            pgettext("report column", "Event"),
            pgettext("report column", "Date"),
            pgettext("report column", "Places"),
            pgettext("report column", "Places taken"),
            pgettext("report column", "Waiting list"),
            pgettext("report column", "Cancelled"),
            pgettext("report column", "Attended"),
            pgettext("report column", "Attendance, per cent of places taken"),
        ]
    )
    for event in Event.objects.with_counts().order_by("-starts_at", "-pk"):
        rate = (
            round(100 * event.attended_count / event.confirmed_count)
            if event.confirmed_count and event.has_started()
            else "—"
        )
        table.rows.append(
            [
                str(event),
                timezone.localtime(event.starts_at).date().isoformat(),
                event.capacity if event.capacity is not None else "—",
                event.confirmed_count,
                event.waiting_count,
                event.cancelled_count,
                event.attended_count,
                rate,
            ]
        )
    return table


REPORTS = [
    Report(
        slug="members-by-region",
        title=_("Members by status and region"),
        description=_(
            "Memberships today, by region: active (listed in the directory or not), not started, ended."
        ),
        build=members_by_region,
    ),
    Report(
        slug="applications",
        title=_("Applications and time to decision"),
        description=_(
            "Applications by the year they were submitted, how they ended, and the days from submission to "
            "approval or rejection."
        ),
        build=applications_by_year,
    ),
    Report(
        slug="invoices",
        title=_("Invoices issued, paid and overdue"),
        description=_(
            "Invoices by the year of issue: how many and how much, paid, not yet due and overdue today."
        ),
        build=invoices_by_year,
    ),
    Report(
        slug="events-attendance",
        title=_("Events attendance"),
        description=_(
            "Every event: places, places taken, the waiting list, cancellations and who came."
        ),
        build=events_attendance,
    ),
]


def report(slug: str) -> Report | None:
    return next((r for r in REPORTS if r.slug == slug), None)

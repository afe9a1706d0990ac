"""What other apps plug into privacy, from their AppConfig.ready(): privacy never imports their models.

- A subject-data provider finds, exports and erases (or anonymises) everything an app holds for an email address.
- A retention rule says which rows expire, measured from which date, after which period, and what happens then.
- A withdrawal handler stops the processing a consent purpose covered, from the moment it is withdrawn.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy


@dataclass(frozen=True)
class KeptRecords:
    """Records a provider keeps on erasure, and why (a legal hold)."""

    category: str
    count: int
    reason: str
    until: str = ""


@dataclass
class ErasureReport:
    provider: str
    erased: dict[str, int] = field(default_factory=dict)
    kept: list[KeptRecords] = field(default_factory=list)

    @property
    def erased_total(self) -> int:
        return sum(self.erased.values())


class SubjectDataProvider(Protocol):
    """Everything one app holds about a data subject, keyed by email address (case-insensitive)."""

    name: str  # a stable identifier, e.g. "enquiries"
    label: str  # translatable, shown to staff and in the subject's copy
    # Export key -> translatable label for the readable copy (e.g. {"company_name": _("company name")}), besides
    # the common ones of `subject_requests.package`; a key without one is shown as a tidied form of the key.
    field_labels: dict[str, Any]
    models: tuple[str, ...]  # the models ("app.Model") whose rows it finds, exports and erases

    def count(self, email: str) -> int: ...

    def emails(self) -> Iterable[str]:
        """Every address the provider holds data under: `reapply_erasures` finds the erased ones after a backup
        is restored. Empty when its data is found through another provider's addresses."""

    def export(self, email: str) -> dict[str, list[dict[str, Any]]]:
        """Category label -> records, for the subject's copy: plain values, with dates and datetimes as they are
        (`date`, aware `datetime`), never formatted here: the copy writes them once, in the subject's language
        for the readable page and as ISO 8601 in the JSON."""

    def erase(self, email: str, *, dry_run: bool = False) -> ErasureReport:
        """Erase or anonymise; with dry_run, only report what would happen."""


@dataclass(frozen=True)
class RetentionRule:
    """One line of the retention schedule.

    A rule states its period once, `period()`; the runner computes the cutoff, `now - period()`, and
    `expired(cutoff)` returns a queryset of the rows whose starting point (`measured_from`) is before it
    (`expired_at(now)` does both). Rows that carry their own end (an expiry stamped on the row, or a period
    in words such as an invoice's years after the end of its year) set `own_end`: their `expired` gets `now`.
    `apply(queryset)` deletes or anonymises them and returns how many rows it changed. The runner batches:
    `apply` receives the expired rows narrowed to one batch's primary keys, an unsliced queryset it may update or
    delete directly. A rule's queryset must no longer match a row once it is applied, so that a second run
    changes nothing.
    """

    name: str
    app: str
    description: str
    period: Callable[[], timedelta]
    measured_from: str
    action: str  # "delete" or "anonymise"
    expired: Callable[[datetime], Any]
    apply: Callable[[Any], int]
    legal_basis: str = ""
    # The model it expires ("app.Model"), for the coverage check (privacy.checks); needed only when `expired`
    # reads the database before returning its queryset (else the queryset's model is taken).
    model: str = ""
    # The period in words, where whole days do not say it (e.g. years after the end of a calendar year).
    period_text: Callable[[], str] | None = None
    own_end: bool = False

    def expired_at(self, now: datetime):
        """The rows whose period has run out at `now`."""
        return self.expired(now if self.own_end else now - self.period())

    def describe_period(self) -> str:
        if self.period_text is not None:
            return self.period_text()
        days = self.period().days
        return ngettext("%(days)d day", "%(days)d days", days) % {"days": days}


def days_setting(name: str) -> Callable[[], timedelta]:
    """A rule's `period`: the number of days in the setting `name`, read at each use."""
    return lambda: timedelta(days=getattr(settings, name))


TECHNICAL_DATA_BASIS = _("Legitimate interest: logs and abuse protection")


def technical_data_rule(
    *,
    name: str,
    app: str,
    model,
    recorded_at: str,
    description,
    measured_from,
    cleared: dict[str, Any] | None = None,
    apply: Callable[[Any], int] | None = None,
    legal_basis=TECHNICAL_DATA_BASIS,
) -> RetentionRule:
    """The line "technical data (IP address, user agent, referrer) goes RETENTION_TECHNICAL_DATA_DAYS after
    `recorded_at`", for every app that keeps some.

    `cleared` names the fields and the values they are cleared to: the rows stay ("anonymise"), and only rows
    still holding one of them expire. Without it the rows are nothing but technical data and are deleted.
    `apply` replaces the plain update where the model's queryset guards its rows (append-only proofs).
    """
    held = None
    for field_name, value in (cleared or {}).items():
        still = ~Q(**{field_name: value})
        held = still if held is None else held | still

    def expired(cutoff):
        rows = model._default_manager.filter(**{f"{recorded_at}__lt": cutoff})
        return (rows if held is None else rows.filter(held)).order_by(recorded_at)

    if apply is None:
        apply = delete_batch if cleared is None else (lambda batch: batch.update(**cleared))
    return RetentionRule(
        name=name,
        app=app,
        description=description,
        period=days_setting("RETENTION_TECHNICAL_DATA_DAYS"),
        measured_from=measured_from,
        action="delete" if cleared is None else "anonymise",
        expired=expired,
        apply=apply,
        legal_basis=legal_basis,
        model=model._meta.label,
    )


DECIDED_RECORDS_BASIS = _("Consent; kept a year to answer questions about the decision")
DECISION = pgettext_lazy("retention starting point", "decision")


def decided_records_rule(
    *,
    name: str,
    app: str,
    decided_before: Callable[[datetime], Any],
    description,
    measured_from=DECISION,
    period_setting: str = "RETENTION_CLOSED_APPLICATION_DAYS",
    apply: Callable[[Any], int] | None = None,
    legal_basis=DECIDED_RECORDS_BASIS,
) -> RetentionRule:
    """The line "decided records are kept RETENTION_CLOSED_APPLICATION_DAYS after the decision, then deleted",
    for every app whose records are decided or closed (applications, proposed changes, data-subject requests).

    `decided_before(cutoff)` is the app's own read of its records decided before the cutoff; records still
    waiting for a decision must not match. A record kept longer for another reason names its own
    `period_setting`, `measured_from` and `legal_basis`. `apply` replaces the plain delete where the rows take
    files with them.
    """

    def expired(cutoff):
        return decided_before(cutoff).order_by("pk")

    return RetentionRule(
        name=name,
        app=app,
        description=description,
        period=days_setting(period_setting),
        measured_from=measured_from,
        action="delete",
        expired=expired,
        apply=delete_batch if apply is None else apply,
        legal_basis=legal_basis,
    )


_providers: dict[str, SubjectDataProvider] = {}


def delete_batch(batch) -> int:
    """A delete rule's `apply`: delete a batch of expired rows; how many rows of the batch's own model went (rows
    deleted with them by cascade are not counted)."""
    _total, per_model = batch.delete()
    return per_model.get(batch.model._meta.label, 0)


_rules: dict[str, RetentionRule] = {}
_withdrawal_handlers: dict[str, list[Callable[[str], None]]] = {}


# What every provider must have: `register_provider` refuses one without, naming what is missing.
PROVIDER_MEMBERS = ("name", "label", "field_labels", "models", "count", "emails", "export", "erase")


def register_provider(provider: SubjectDataProvider) -> None:
    missing = [member for member in PROVIDER_MEMBERS if not hasattr(provider, member)]
    if missing:
        raise TypeError(
            f"{type(provider).__name__} is not a subject-data provider: no {', '.join(missing)}"
        )
    _providers[provider.name] = provider


def providers() -> list[SubjectDataProvider]:
    return list(_providers.values())


def register_retention_rule(rule: RetentionRule) -> None:
    _rules[rule.name] = rule


def retention_rules() -> list[RetentionRule]:
    return list(_rules.values())


def register_withdrawal_handler(purpose: str, handler: Callable[[str], None]) -> None:
    """`handler(email)` stops, from now on, the processing that `purpose` covered for that email."""
    handlers = _withdrawal_handlers.setdefault(purpose, [])
    if handler not in handlers:
        handlers.append(handler)


def withdrawal_handlers(purpose: str) -> list[Callable[[str], None]]:
    return list(_withdrawal_handlers.get(purpose, []))


# Dashboard counters: each app registers the numbers staff should see on the admin index, e.g.
#   register_dashboard_counter(DashboardCounter(
#       name="enquiries.open", label=_("Open enquiries"), count=lambda: Enquiry.objects.open().count(),
#       url=lambda: reverse("admin:enquiries_enquiry_changelist") + "?state__exact=open"))
# Only counts are shown (no personal data), so the index stays open to every staff member.


@dataclass(frozen=True)
class DashboardCounter:
    name: str
    label: str
    count: Callable[[], int]
    url: Callable[[], str] | None = None
    warn_if_positive: bool = False


_dashboard_counters: dict[str, DashboardCounter] = {}


def register_dashboard_counter(counter: DashboardCounter) -> None:
    _dashboard_counters[counter.name] = counter


def dashboard_counters() -> list[DashboardCounter]:
    return list(_dashboard_counters.values())

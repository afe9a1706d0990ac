"""What the breach register tells the privacy registry: the addresses it holds, and how long it keeps them."""

from __future__ import annotations

from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from privacy.models import Breach, BreachSubject
from privacy.registry import (
    ErasureReport,
    RetentionRule,
    days_setting,
    delete_batch,
    register_provider,
    register_retention_rule,
)


class BreachProvider:
    """The breaches an address was affected by, and whether it was told."""

    name = "breaches"
    models = (
        "privacy.Breach",
        "privacy.BreachSubject",
    )  # what it finds, exports and erases (privacy.checks)
    label = _("Personal-data breaches that concerned you")
    field_labels = {
        "breach": _("breach"),
        "detected_at": _("detected at"),
        "data_categories": _("what data"),
        "measures": _("measures taken"),
        "told_at": _("told at"),
    }

    def count(self, email: str) -> int:
        return BreachSubject.objects.for_email(email).count()

    def emails(self):
        return BreachSubject.objects.values_list("email", flat=True).distinct()

    def export(self, email: str) -> dict[str, list[dict]]:
        subjects = BreachSubject.objects.for_email(email).select_related("breach")
        return {
            gettext("Personal-data breaches"): [
                {
                    "breach": s.breach.reference,
                    "detected_at": s.breach.detected_at,
                    "data_categories": s.breach.data_categories,
                    "measures": s.breach.measures,
                    "told_at": s.notified_at,
                }
                for s in subjects
            ]
        }

    def erase(self, email: str, *, dry_run: bool = False) -> ErasureReport:
        """The address goes from every breach's list; the breach and how many were told stay as the record."""
        subjects = BreachSubject.objects.for_email(email)
        report = ErasureReport(provider=self.name)
        report.erased = {gettext("Addresses listed as affected by a breach"): subjects.count()}
        if not dry_run:
            subjects.delete()
        return report


RULE = RetentionRule(
    name="privacy.breaches",
    app="privacy",
    description=_("Personal-data breaches and the addresses they affected"),
    period=days_setting("RETENTION_BREACH_DAYS"),
    measured_from=pgettext_lazy("retention starting point", "closing of the breach"),
    action="delete",
    expired=lambda cutoff: Breach.objects.closed_before(cutoff).order_by("pk"),
    apply=delete_batch,
    legal_basis=_(
        "Legal obligation: proof that breaches were handled and notified (Law No. 94-V, art. 27-1)"
    ),
)


def register() -> None:
    register_provider(BreachProvider())
    register_retention_rule(RULE)

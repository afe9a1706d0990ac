"""What accreditation tells the privacy registry: the data it holds per email, its retention rules,
and what withdrawing each consent stops. Registered from AccreditationConfig.ready()."""

from __future__ import annotations

import datetime
from itertools import chain
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from dkz_site.client_ip import TECHNICAL_DATA_CLEARED_WITH_DATE
from privacy.models import ConsentPurpose, normalise_email
from privacy.registry import (
    DashboardCounter,
    ErasureReport,
    KeptRecords,
    RetentionRule,
    days_setting,
    decided_records_rule,
    delete_batch,
    register_dashboard_counter,
    register_provider,
    register_retention_rule,
    register_withdrawal_handler,
    technical_data_rule,
)

from . import services
from .models import (
    OPEN_STATES,
    AccountingHold,
    Application,
    ApplicationEvent,
    ApplicationState,
    Invoice,
    Membership,
)
from .signals import membership_anonymised


def accounting_reason() -> str:
    """Why invoices outlive an erasure request, as the subject reads it (in the active language)."""
    years = settings.RETENTION_ACCOUNTING_YEARS
    return ngettext(
        "Accounting records: accounting and archival legislation and the Tax Code of the Republic of "
        "Kazakhstan require the association to keep invoices for %(years)d year after the end of the year "
        "they relate to (legal obligation).",
        "Accounting records: accounting and archival legislation and the Tax Code of the Republic of "
        "Kazakhstan require the association to keep invoices for %(years)d years after the end of the year "
        "they relate to (legal obligation).",
        years,
    ) % {"years": years}


def invoices_kept_until(invoices) -> str:
    """The last day the subject's invoices are kept, or the held year that keeps them longer."""
    invoices = list(invoices)
    held = set(AccountingHold.objects.in_force().values_list("year", flat=True))
    held_years = sorted(
        {i.issued_on.year for i in invoices} | {i.paid_on.year for i in invoices if i.paid_on}
    )
    held_years = [year for year in held_years if year in held]
    if held_years:
        return gettext(
            "the end of the audit or complaint concerning the year %(year)s, and at least %(date)s"
        ) % {
            "year": held_years[-1],
            "date": date_format(max(i.kept_until() for i in invoices), "SHORT_DATE_FORMAT"),
        }
    # The short form (31.12.2031): the reply puts a full stop after it, which "г." would double.
    return date_format(max(i.kept_until() for i in invoices), "SHORT_DATE_FORMAT")


class AccreditationData:
    """Applications, memberships and invoices of one contact email."""

    name = "accreditation"
    models = (
        "accreditation.Application",
        "accreditation.Membership",
        "accreditation.Invoice",
    )  # what it finds, exports and erases (privacy.checks)
    label = _("Accreditation: applications, memberships and invoices")
    field_labels = {
        "bin": _("BIN"),
        "company_name": _("company name"),
        "region": _("region"),
        "contact_person": _("contact person"),
        "description": _("business description"),
        "consents_to_publication": _("consents to publication"),
        "submitted_at": _("submitted"),
        "decided_at": _("decided"),
        "decision_reason": _("reason given"),
        "application": _("application"),
        "from": _("from"),
        "to": _("to"),
        "at": _("when"),
        "starts_on": _("membership starts"),
        "ends_on": _("membership ends"),
        "ended_on": _("ended early on"),
        "number": _("invoice number"),
        "amount_kzt": _("amount (KZT)"),
        "issued_on": _("issued on"),
        "due_on": _("due on"),
        "paid_on": _("paid on"),
        "payer_company_name": _("payer: company name"),
        "payer_bin": _("payer: BIN"),
        "payer_contact_person": _("payer: contact person"),
        "payer_email": _("payer: email"),
    }

    def count(self, email: str) -> int:
        return (
            Application.objects.for_email(email).count()
            + Membership.objects.for_email(email).count()
            + Invoice.objects.for_email(email).count()
        )

    def emails(self):
        """Every contact address held here: `reapply_erasures` finds the erased ones after a restore."""
        return chain(
            Application.objects.values_list("email", flat=True).distinct(),
            Membership.objects.values_list("email", flat=True).distinct(),
        )

    def export(self, email: str) -> dict[str, list[dict[str, Any]]]:
        applications = list(Application.objects.for_email(email).order_by("submitted_at"))
        events = ApplicationEvent.objects.filter(application__in=applications).select_related(
            "application"
        )
        return {
            gettext("Accreditation applications"): [_application(a) for a in applications],
            gettext("Application history"): [_event(e) for e in events],
            gettext("Memberships"): [_membership(m) for m in Membership.objects.for_email(email)],
            gettext("Invoices"): [_invoice(i) for i in Invoice.objects.for_email(email)],
        }

    def erase(self, email: str, *, dry_run: bool = False) -> ErasureReport:
        """Anonymise applications and the members' contact data; keep invoices (legal obligation)."""
        email = normalise_email(email)
        applications = Application.objects.for_email(email)
        memberships = Membership.objects.for_email(email)
        invoices = Invoice.objects.for_email(email)
        report = ErasureReport(provider=self.name)
        kept = invoices.count()
        if kept:
            report.kept.append(
                KeptRecords(
                    category=gettext("Invoices"),
                    count=kept,
                    reason=accounting_reason(),
                    until=invoices_kept_until(invoices),
                )
            )
        if dry_run:
            report.erased = {
                "applications": applications.count(),
                "memberships": memberships.count(),
            }
            return report
        with transaction.atomic():
            report.erased = {
                "applications": anonymise_applications(applications),
                "memberships": anonymise_memberships(memberships, email),
            }
        return report


def anonymise_applications(applications) -> int:
    """Remove the person from applications; the company's BIN, name, region and the history stay."""
    for application in applications.filter(state__in=OPEN_STATES):
        # An open application cannot be reviewed without a contact: it is closed as withdrawn.
        application.move_to(ApplicationState.WITHDRAWN, reason=gettext("Personal data erased."))
    # What the applicant wrote in answer to a question is theirs; reviewers' reasons stay as the record.
    ApplicationEvent.objects.filter(
        application__in=applications, to_state=ApplicationState.RESUBMITTED
    ).exclude(reason="").update(reason="")
    return applications.update(
        contact_person="",
        email="",
        phone="",
        description="",
        **TECHNICAL_DATA_CLEARED_WITH_DATE,
        anonymised_at=timezone.now(),
    )


def anonymise_memberships(memberships, email: str) -> int:
    """Remove the contact person from memberships; first the directory unlists their profiles
    (`membership_anonymised`): the listing rested on their consent."""
    count = 0
    for membership in memberships:
        membership_anonymised.send(sender=Membership, membership=membership, email=email)
        membership.contact_person = ""
        membership.email = ""
        membership.phone = ""
        membership.save()
        count += 1
    return count


def _application(a: Application) -> dict:
    return {
        "reference": a.reference,
        "bin": a.bin,
        "company_name": a.company_name,
        "region": a.get_region_display(),
        "contact_person": a.contact_person,
        "email": a.email,
        "phone": a.phone,
        "description": a.description,
        "language": a.language,
        "consents_to_publication": a.publication_consent,
        "state": a.get_state_display(),
        "submitted_at": a.submitted_at,
        "decided_at": a.decided_at,
        "decision_reason": a.decision_reason,
        "client_ip": a.client_ip,
        "user_agent": a.user_agent,
        "referrer": a.referrer,
    }


def _event(e: ApplicationEvent) -> dict:
    return {
        "application": e.application.reference,
        "from": e.get_from_state_display(),
        "to": e.get_to_state_display(),
        "at": e.at,
        "reason": e.reason,
    }


def _membership(m: Membership) -> dict:
    return {
        "company_name": m.company_name,
        "bin": m.bin,
        "region": m.get_region_display(),
        "contact_person": m.contact_person,
        "email": m.email,
        "phone": m.phone,
        "starts_on": m.starts_on,
        "ends_on": m.ends_on,
        "ended_on": m.ended_on,
    }


def _invoice(i: Invoice) -> dict:
    return {
        "number": i.number,
        "amount_kzt": str(i.amount_kzt),
        "issued_on": i.issued_on,
        "due_on": i.due_on,
        "paid_on": i.paid_on,
        "payer_company_name": i.payer_company_name,
        "payer_bin": i.payer_bin,
        "payer_contact_person": i.payer_contact_person,
        "payer_email": i.payer_email,
    }


# --- retention ----------------------------------------------------------------------------------


def expired_member_data(cutoff):
    """Memberships that ended (by term or early) before the cutoff's day."""
    day = timezone.localdate(cutoff)
    return Membership.objects.filter(Q(ends_on__lt=day) | Q(ended_on__lt=day)).order_by("pk")


def delete_member_data(batch) -> int:
    """Delete the membership and the application that led to it; invoices keep their payer snapshot."""
    pks = list(batch.values_list("pk", flat=True))
    with transaction.atomic():
        Application.objects.filter(membership__in=pks).delete()
        _total, per_model = Membership.objects.filter(pk__in=pks).delete()
    return per_model.get(Membership._meta.label, 0)


def expired_invoices(now):
    return Invoice.objects.past_retention(timezone.localdate(now)).order_by("pk")


def _accounting_years():
    # At least this long; the schedule shows the period in words (accounting_period_text).
    return datetime.timedelta(days=365 * settings.RETENTION_ACCOUNTING_YEARS)


def accounting_period_text() -> str:
    years = settings.RETENTION_ACCOUNTING_YEARS
    return ngettext(
        "%(years)d full year after the end of the year, longer while an audit or complaint holds it",
        "%(years)d full years after the end of the year, longer while an audit or complaint holds it",
        years,
    ) % {"years": years}


def closed_applications_decided_before(cutoff):
    """Rejected or withdrawn applications, decided before the cutoff (approved ones follow the membership)."""
    return Application.objects.filter(
        Q(state=ApplicationState.REJECTED, rejected_at__lt=cutoff)
        | Q(state=ApplicationState.WITHDRAWN, withdrawn_at__lt=cutoff)
    )


RULES = [
    technical_data_rule(
        name="accreditation.technical_data",
        app="accreditation",
        model=Application,
        recorded_at="technical_recorded_at",
        cleared=TECHNICAL_DATA_CLEARED_WITH_DATE,
        description=_("Technical data of accreditation submissions (IP, user agent, referrer)"),
        measured_from=pgettext_lazy("retention starting point", "submission"),
    ),
    RetentionRule(
        name="accreditation.member_data",
        app="accreditation",
        description=_("Member profiles and the applications that led to them"),
        period=days_setting("RETENTION_MEMBER_AFTER_END_DAYS"),
        measured_from=pgettext_lazy("retention starting point", "end of membership"),
        action="delete",
        expired=expired_member_data,
        apply=delete_member_data,
        legal_basis=_("Consent; the association's statutory mission"),
    ),
    RetentionRule(
        name="accreditation.invoices",
        app="accreditation",
        description=_("Membership-fee invoices (accounting records)"),
        period=_accounting_years,
        period_text=accounting_period_text,
        own_end=True,  # years after the end of the year, and only outside the years an audit holds
        measured_from=pgettext_lazy(
            "retention starting point", "end of the year the record relates to"
        ),
        action="delete",
        expired=expired_invoices,
        apply=delete_batch,
        model="accreditation.Invoice",  # expired_invoices reads the accounting holds first
        legal_basis=_(
            "Legal obligation: accounting and archival legislation and the Tax Code of the Republic of "
            "Kazakhstan (Code No. 214-VIII)"
        ),
    ),
    decided_records_rule(
        name="accreditation.closed_applications",
        app="accreditation",
        description=_("Rejected and withdrawn accreditation applications"),
        decided_before=closed_applications_decided_before,
    ),
]


def _applications_url() -> str:
    from django.urls import reverse

    return reverse("admin:accreditation_application_changelist")


def register() -> None:
    register_provider(AccreditationData())
    register_dashboard_counter(
        DashboardCounter(
            name="accreditation.awaiting_review",
            label=_("Applications awaiting review"),
            count=lambda: Application.objects.awaiting_review().count(),
            url=_applications_url,
        )
    )
    for rule in RULES:
        register_retention_rule(rule)
    register_withdrawal_handler(
        ConsentPurpose.DIRECTORY_PUBLICATION, services.unlist_on_publication_withdrawal
    )
    register_withdrawal_handler(
        ConsentPurpose.ACCREDITATION_PROCESSING,
        services.stop_accreditation_on_processing_withdrawal,
    )

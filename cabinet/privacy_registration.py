"""What the cabinet tells the privacy registry: representatives, their sign-in links and sessions are
personal data of the address they name. Registered from CabinetConfig.ready()."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from dkz_site.images import delete_after_commit
from privacy.models import normalise_email
from privacy.registry import (
    ErasureReport,
    RetentionRule,
    days_setting,
    decided_records_rule,
    delete_batch,
    register_provider,
    register_retention_rule,
    technical_data_rule,
)

from .models import CabinetSession, ProfileChange, Representative, SignInLink, SignInRequest


class CabinetData:
    """A representative's place in a company's cabinet, and the technical data of their sign-ins."""

    name = "cabinet"
    models = (
        "cabinet.Representative",
        "cabinet.SignInLink",
        "cabinet.CabinetSession",
        "cabinet.ProfileChange",
        "cabinet.SignInRequest",
    )  # what it finds, exports and erases (privacy.checks)
    label = _("Member cabinet: representatives, sign-ins and sessions")
    field_labels = {
        "company_name": _("company name"),
        "name": _("full name"),
        "added_by": _("added by"),
        "added_at": _("added"),
        "requested_at": _("requested"),
        "used_at": _("used"),
        "signed_in_at": _("signed in"),
        "expires_at": _("expires"),
        "submitted_at": _("submitted"),
        "proposed": _("proposed values"),
        "change_to": _("change to"),
        "item": _("equipment item"),
        "reason": _("reason for returning"),
    }

    def count(self, email: str) -> int:
        return (
            Representative.objects.for_email(email).count()
            + SignInLink.objects.for_email(email).count()
            + CabinetSession.objects.for_email(email).count()
            + _changes_by(email).count()
            + SignInRequest.objects.for_email(email).count()
        )

    def emails(self):
        return Representative.objects.values_list("email", flat=True).distinct()

    def export(self, email: str) -> dict[str, list[dict[str, Any]]]:
        representatives = Representative.objects.for_email(email).select_related("membership")
        links = SignInLink.objects.for_email(email).select_related("membership")
        sessions = CabinetSession.objects.for_email(email).select_related("membership")
        return {
            gettext("Company representatives"): [
                {
                    "company_name": r.membership.company_name,
                    "name": r.name,
                    "email": r.email,
                    "added_by": r.added_by,
                    "added_at": r.added_at,
                }
                for r in representatives
            ],
            gettext("Cabinet sign-in links"): [
                {
                    "company_name": link.membership.company_name,
                    "requested_at": link.created_at,
                    "used_at": link.used_at,
                    "client_ip": link.client_ip,
                    "user_agent": link.user_agent,
                }
                for link in links
            ],
            gettext("Requests for a cabinet sign-in link not answered yet"): [
                {
                    "requested_at": r.created_at,
                    "client_ip": r.client_ip,
                    "user_agent": r.user_agent,
                }
                for r in SignInRequest.objects.for_email(email)
            ],
            gettext("Cabinet sessions"): [
                {
                    "company_name": s.membership.company_name,
                    "signed_in_at": s.created_at,
                    "expires_at": s.expires_at,
                    "client_ip": s.client_ip,
                    "user_agent": s.user_agent,
                }
                for s in sessions
            ],
            gettext("Proposed changes to the profile and equipment"): [
                {
                    "company_name": c.membership.company_name,
                    "change_to": c.get_about_display(),
                    "item": c.item_name,
                    "submitted_at": c.submitted_at,
                    "state": c.get_state_display(),
                    "proposed": c.proposed,
                    "reason": c.reason,
                }
                for c in _changes_by(email).select_related("membership", "equipment")
            ],
        }

    def erase(self, email: str, *, dry_run: bool = False) -> ErasureReport:
        """Delete everything: none of it is an accounting record or other legal hold."""
        querysets = {
            "representatives": Representative.objects.for_email(email),
            "sign_in_links": SignInLink.objects.for_email(email),
            "sessions": CabinetSession.objects.for_email(email),
            "sign_in_requests": SignInRequest.objects.for_email(email),
        }
        report = ErasureReport(provider=self.name)
        changes = _changes_by(email)
        if dry_run:
            report.erased = {key: qs.count() for key, qs in querysets.items()}
            report.erased["profile_changes"] = changes.count()
            return report
        with transaction.atomic():
            report.erased = {key: qs.delete()[0] for key, qs in querysets.items()}
            # The company's proposal stays for the moderators; who sent it does not.
            report.erased["profile_changes"] = changes.update(submitted_by="")
        return report


def _changes_by(email: str):
    email = normalise_email(email)
    if not email:
        return ProfileChange.objects.none()
    return ProfileChange.objects.filter(submitted_by=email)


# --- retention ----------------------------------------------------------------------------------


def expired_sign_in_requests(cutoff):
    """Requests the queue never answered (it answers in seconds)."""
    return SignInRequest.objects.filter(created_at__lt=cutoff).order_by("pk")


def expired_sessions(now):
    return CabinetSession.objects.filter(expires_at__lte=now).order_by("pk")


def expired_representatives(cutoff):
    """Colleagues of memberships that ended before the cutoff's day."""
    day = timezone.localdate(cutoff)
    return Representative.objects.filter(
        Q(membership__ends_on__lt=day) | Q(membership__ended_on__lt=day)
    ).order_by("pk")


def profile_changes_decided_before(cutoff):
    """Approved or returned changes decided before the cutoff (the published profile is the record)."""
    return ProfileChange.objects.exclude(state=ProfileChange.State.PENDING).filter(
        decided_at__lt=cutoff
    )


def delete_profile_changes(batch) -> int:
    """The rows and their pending logo and picture files."""
    for change in batch.exclude(logo="", picture=""):
        delete_after_commit(change.logo.storage, change.logo.name)
        delete_after_commit(change.picture.storage, change.picture.name)
    return delete_batch(batch)


RULES = [
    decided_records_rule(
        name="cabinet.profile_changes",
        app="cabinet",
        description=_("Decided profile changes proposed in the cabinet, with who sent them"),
        decided_before=profile_changes_decided_before,
        apply=delete_profile_changes,
    ),
    technical_data_rule(
        name="cabinet.sign_in_links",
        app="cabinet",
        model=SignInLink,
        recorded_at="created_at",
        description=_("Cabinet sign-in links and their technical data (IP, user agent)"),
        measured_from=pgettext_lazy("retention starting point", "request for the link"),
    ),
    RetentionRule(
        name="cabinet.sign_in_requests",
        app="cabinet",
        description=_("Requests for a cabinet sign-in link the task queue has not answered"),
        period=lambda: datetime.timedelta(days=1),
        measured_from=pgettext_lazy("retention starting point", "request for the link"),
        action="delete",
        expired=expired_sign_in_requests,
        apply=delete_batch,
        legal_basis=_("Legitimate interest: security of the member cabinet"),
    ),
    RetentionRule(
        name="cabinet.sessions",
        app="cabinet",
        description=_("Cabinet sessions and their technical data, once expired"),
        period=lambda: datetime.timedelta(hours=settings.CABINET_SESSION_HOURS),
        own_end=True,  # each session carries its expiry
        measured_from=pgettext_lazy("retention starting point", "sign-in"),
        action="delete",
        expired=expired_sessions,
        apply=delete_batch,
        legal_basis=_("Legitimate interest: security of the member cabinet"),
    ),
    RetentionRule(
        name="cabinet.representatives",
        app="cabinet",
        description=_("Company representatives added in the cabinet"),
        period=days_setting("RETENTION_MEMBER_AFTER_END_DAYS"),
        measured_from=pgettext_lazy("retention starting point", "end of membership"),
        action="delete",
        expired=expired_representatives,
        apply=delete_batch,
        legal_basis=_("Consent; the association's statutory mission"),
    ),
]


def register() -> None:
    register_provider(CabinetData())
    for rule in RULES:
        register_retention_rule(rule)

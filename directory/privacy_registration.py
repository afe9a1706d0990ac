"""What the directory tells the privacy registry: the members' public profiles it holds per contact email, and
what withdrawing consent to publication stops. Registered from DirectoryConfig.ready()."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accreditation.models import Membership
from privacy.models import ConsentPurpose
from privacy.registry import ErasureReport, register_provider, register_withdrawal_handler

from . import profiles
from .models import MemberProfile


def _profiles_of(email: str):
    return MemberProfile.objects.filter(membership__in=Membership.objects.for_email(email))


class MemberProfiles:
    """The public profiles of the memberships whose contact address is the subject's."""

    name = "directory"
    models = ("directory.MemberProfile",)  # what it finds, exports and erases (privacy.checks)
    label = _("Members directory: public profiles")
    field_labels = {
        "company_name": _("company name"),
        "address": _("profile address"),
        "website": _("website"),
        "public_email": _("public contact email"),
        "public_phone": _("public contact phone"),
        "description_kk": _("description (Kazakh)"),
        "description_ru": _("description (Russian)"),
        "description_en": _("description (English)"),
        "listed_in_directory": _("listed in the directory"),
    }

    def count(self, email: str) -> int:
        return _profiles_of(email).count()

    def emails(self):
        """Profiles are found through their membership's address, which accreditation lists."""
        return iter(())

    def export(self, email: str) -> dict[str, list[dict[str, Any]]]:
        found = _profiles_of(email).select_related("membership").order_by("pk")
        return {gettext("Public profiles"): [_profile(p) for p in found]}

    def erase(self, email: str, *, dry_run: bool = False) -> ErasureReport:
        """Unlist the profiles (their listing rested on the contact's consent) and remove a public email that
        is the subject's own address."""
        report = ErasureReport(provider=self.name)
        found = _profiles_of(email)
        if dry_run:
            report.erased = {"profiles": found.count()}
            return report
        with transaction.atomic():
            report.erased = {"profiles": profiles.anonymise_profiles(found, email)}
        return report


def _profile(p: MemberProfile) -> dict:
    return {
        "company_name": p.membership.company_name,
        "address": p.slug,
        "website": p.website,
        "public_email": p.public_email,
        "public_phone": p.public_phone,
        "description_kk": p.description_kk,
        "description_ru": p.description_ru,
        "description_en": p.description_en,
        "listed_in_directory": p.is_published,
    }


def register() -> None:
    register_provider(MemberProfiles())
    register_withdrawal_handler(ConsentPurpose.DIRECTORY_PUBLICATION, profiles.unpublish_for_email)

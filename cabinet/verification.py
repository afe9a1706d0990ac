"""Membership certificates and their verification: the live status behind a certificate's code.

A certificate verifies exactly while the directory lists the member (`directory.models.listed_memberships`: active,
consented to publication, contact not blocked), so an ended, unlisted or blocked membership stops verifying at
once. An ended membership's page says when it ended; any other refusal says only that it cannot be confirmed.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from accreditation.models import Membership

from .models import VerificationCode
from .profile import is_listed


def code_for(membership: Membership) -> VerificationCode:
    """The membership's code, made on first use."""
    existing = VerificationCode.objects.filter(membership=membership).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return VerificationCode.objects.create(membership=membership)
    except IntegrityError:  # made at the same moment by another request
        return VerificationCode.objects.get(membership=membership)


@dataclass(frozen=True)
class Status:
    """What the verification page, its JSON and the badge say."""

    code: str
    verified: bool
    state: str  # "active", "ended" or "unconfirmed"
    company_name: str = ""
    bin: str = ""
    active_until: datetime.date | None = None
    ended_on: datetime.date | None = None
    profile_path: str = ""

    def as_json(self, language: str) -> dict:
        return {
            "code": self.code,
            "verified": self.verified,
            "status": self.state,
            "company_name": self.company_name or None,
            "bin": self.bin or None,
            "active_until": self.active_until.isoformat() if self.active_until else None,
            "ended_on": self.ended_on.isoformat() if self.ended_on else None,
            "profile_url": settings.SITE_URL + self.profile_path if self.profile_path else None,
            "checked_at": timezone.now().isoformat(),
            "language": language,
        }


def status_for(code: VerificationCode) -> Status:
    membership = code.membership
    if is_listed(membership):
        return Status(
            code=code.code,
            verified=True,
            state="active",
            company_name=membership.company_name,
            bin=membership.bin,
            active_until=membership.end_date,
            profile_path=reverse("directory:member", args=[membership.profile.slug]),
        )
    if Membership.objects.ended().filter(pk=membership.pk).exists():
        return Status(
            code=code.code,
            verified=False,
            state="ended",
            company_name=membership.company_name,
            bin=membership.bin,
            ended_on=membership.end_date,
        )
    return Status(code=code.code, verified=False, state="unconfirmed")


def verify_url(code: VerificationCode, language: str) -> str:
    from django.utils import translation

    with translation.override(language):
        return settings.SITE_URL + reverse("cabinet:verify", args=[code.code])

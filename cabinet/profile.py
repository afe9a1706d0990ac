"""The public profile as the directory shows it to visitors, read for the member's own cabinet."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from accreditation.models import Membership
from directory.models import listed_memberships


@dataclass(frozen=True)
class PublicProfile:
    listed: bool
    url: str
    description: str


def public_profile(membership: Membership) -> PublicProfile:
    """Whether visitors see the member now (the directory's own `listed` rule) and where."""
    listed = listed_memberships().filter(pk=membership.pk).exists()
    return PublicProfile(
        listed=listed,
        url=reverse("directory:member", args=[membership.profile.slug]) if listed else "",
        description=membership.profile.description(),
    )

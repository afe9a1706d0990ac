"""The public profile as the directory shows it to visitors, read for the member's own cabinet."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from accreditation.models import Membership


@dataclass(frozen=True)
class PublicProfile:
    listed: bool
    url: str
    description: str


def public_profile(membership: Membership) -> PublicProfile:
    """Whether visitors see the member now (the directory's own `listed` rule) and where."""
    listed = Membership.objects.listed().filter(pk=membership.pk).exists()
    return PublicProfile(
        listed=listed,
        url=reverse("directory:member", args=[membership.slug]) if listed else "",
        description=membership.description(),
    )

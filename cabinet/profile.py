"""The public profile as the directory shows it to visitors, read for the member's own cabinet."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from accreditation.models import Membership


def is_listed(membership: Membership) -> bool:
    """The directory's own rule (active, consented to publication, not blocked), for one membership."""
    from directory.models import listed_memberships

    return listed_memberships().filter(pk=membership.pk).exists()


@dataclass(frozen=True)
class PublicProfile:
    listed: bool
    url: str
    description: str
    website: str
    public_email: str
    public_phone: str
    address: str = ""
    oked_labels: tuple = ()
    logo_url: str = ""


def public_profile(membership: Membership) -> PublicProfile:
    """What visitors see of the member now, and where."""
    profile = membership.profile
    listed = is_listed(membership)
    return PublicProfile(
        listed=listed,
        url=reverse("directory:member", args=[profile.slug]) if listed else "",
        description=profile.description(),
        website=profile.website,
        public_email=profile.public_email,
        public_phone=profile.public_phone,
        address=profile.address,
        oked_labels=tuple(profile.oked_labels),
        logo_url=reverse("directory:member_logo", args=[profile.slug])
        if listed and profile.logo
        else "",
    )

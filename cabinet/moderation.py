"""Moderated edits of a member's public profile: the member proposes, staff approve or return with a reason.

The directory changes only on approval (and the cached pages with it). Where the published values live is known
to `published_values` and `_publish` alone.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accreditation.models import Membership
from directory.oked import section_labels
from dkz_site import page_cache
from dkz_site.images import reencode_image
from outbox.services import MailBlocked, queue_email

from .models import CabinetSession, ProfileChange

# The public fields a member edits, with the labels the moderators and the member read.
EDITABLE = {
    "description_kk": _("description (Kazakh)"),
    "description_ru": _("description (Russian)"),
    "description_en": _("description (English)"),
    "website": _("website"),
    "public_email": _("public contact email"),
    "public_phone": _("public contact phone"),
    "address": _("address"),
    "oked_sections": _("line of business (OKED sections)"),
}


def shown(field: str, value: str) -> str:
    """A value as the moderators read it: OKED sections by their names, the rest as written."""
    if field == "oked_sections":
        return "; ".join(section_labels(value))
    return value


class ChangeRefused(Exception):
    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class Difference:
    field: str
    label: str
    published: str
    proposed: str


def published_values(membership: Membership) -> dict:
    profile = membership.profile
    return {field: getattr(profile, field) or "" for field in EDITABLE}


def differences(change: ProfileChange) -> list[Difference]:
    """What approval would change, field by field, against what the directory shows now."""
    current = published_values(change.membership)
    found = [
        Difference(field, str(EDITABLE[field]), shown(field, current[field]), shown(field, value))
        for field, value in change.proposed.items()
        if field in EDITABLE and value != current[field]
    ]
    if change.logo:
        found.append(Difference("logo", str(_("logo")), "", change.logo.name.rsplit("/", 1)[-1]))
    if change.publish:
        found.append(Difference("publish", str(_("listed in the directory")), "—", "✓"))
    return found


def submit_change(
    *, session: CabinetSession, values: dict, logo=None, publish: bool = False
) -> ProfileChange:
    """Store the member's proposal (replacing one still pending) and tell the moderators.

    Refused (ChangeRefused) for an ended membership ("read_only") and a proposal identical to the profile
    ("nothing"). A logo is checked by its content and re-encoded before anything is stored.
    """
    membership = session.membership
    if not membership.is_active:
        raise ChangeRefused("read_only")
    current = published_values(membership)
    proposed = {f: v for f, v in values.items() if f in EDITABLE and v != current[f]}
    encoded = reencode_image(logo) if logo else None  # ValidationError for a hostile upload
    if not proposed and encoded is None and not publish:
        raise ChangeRefused("nothing")
    with transaction.atomic():
        locked = Membership.objects.select_for_update().get(pk=membership.pk)
        change = locked.profile_changes.pending().first() or ProfileChange(membership=locked)
        change.proposed = proposed
        change.publish = publish or (change.pk is not None and change.publish)
        change.submitted_by = session.email
        change.submitted_at = timezone.now()
        if encoded is not None:
            change.logo.save(encoded.name, encoded, save=False)
        change.save()
        queue_email(
            to_staff=True,
            template="cabinet/email/staff_profile_change",
            context={"change": change, "admin_url": _admin_url(change)},
            regarding=change,
        )
    return change


def approve_change(*, change: ProfileChange, reviewer) -> ProfileChange:
    """Publish the proposal: the profile takes the values, the cached pages go, the member is told."""
    with transaction.atomic():
        locked = ProfileChange.objects.select_for_update().get(pk=change.pk)
        if locked.state != ProfileChange.State.PENDING:
            raise ChangeRefused("decided")
        _publish(locked)
        locked.state = ProfileChange.State.APPROVED
        locked.decided_at, locked.decided_by = timezone.now(), reviewer
        locked.save()
        page_cache.invalidate()
        _tell_member(locked, "profile_approved")
    return locked


def return_change(*, change: ProfileChange, reviewer, reason: str) -> ProfileChange:
    """Send the proposal back with the moderator's reason; nothing is published."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Returning a change needs a reason for the member."))
    with transaction.atomic():
        locked = ProfileChange.objects.select_for_update().get(pk=change.pk)
        if locked.state != ProfileChange.State.PENDING:
            raise ChangeRefused("decided")
        locked.state = ProfileChange.State.RETURNED
        locked.reason = reason
        locked.decided_at, locked.decided_by = timezone.now(), reviewer
        locked.save()
        _tell_member(locked, "profile_returned")
    return locked


def _publish(change: ProfileChange) -> None:
    """The directory's profile takes the approved values (its own save keeps the search column)."""
    profile = Membership.objects.select_for_update().get(pk=change.membership_id).profile
    for field, value in change.proposed.items():
        if field in EDITABLE:
            setattr(profile, field, value)
    if change.publish:
        profile.is_published = True
    if change.logo:
        old = profile.logo.name if profile.logo else ""
        with change.logo.open("rb") as pending:
            name = change.logo.name.rsplit("/", 1)[-1]
            profile.logo.save(name, ContentFile(pending.read()), save=False)
        if old:
            profile.logo.storage.delete(old)
    profile.save()


def _tell_member(change: ProfileChange, template: str) -> None:
    membership = change.membership
    # A blocked contact is written to no more (P19); the cabinet shows the decision all the same.
    with contextlib.suppress(MailBlocked):
        queue_email(
            to=membership.email,
            template=f"cabinet/email/{template}",
            context={
                "change": change,
                "membership": membership,
                "cabinet_url": _cabinet_url(membership),
            },
            language=membership.language,
            regarding=change,
        )


def _cabinet_url(membership: Membership) -> str:
    from django.utils import translation

    with translation.override(membership.language):
        return settings.SITE_URL + reverse("cabinet:home") + "#profile"


def _admin_url(change: ProfileChange) -> str:
    return settings.SITE_URL + reverse("admin:cabinet_profilechange_change", args=[change.pk])


def consent_again(*, session: CabinetSession, technical: dict | None = None) -> ProfileChange:
    """The company gives its consent to publication again: the consent is recorded now (the contact's, with the
    wording shown), and staff approve the listing like any other change."""
    from accreditation.forms import CONSENT_PUBLICATION
    from privacy.models import ConsentPurpose
    from privacy.services import record_consent

    membership = session.membership
    if not membership.is_active or membership.profile.is_published:
        raise ChangeRefused("read_only" if not membership.is_active else "nothing")
    with transaction.atomic():
        record_consent(
            email=membership.email,
            purpose=ConsentPurpose.DIRECTORY_PUBLICATION,
            wording=str(CONSENT_PUBLICATION),
            source="member cabinet",
            source_object=f"membership {membership.pk}, given by {session.email}",
            technical=technical,
        )
        return submit_change(session=session, values={}, publish=True)

"""Moderated edits of what the directory shows of a member, its profile and its equipment: the member proposes,
staff approve or return with a reason.

One pattern for both: a `ProfileChange` row (`about` the profile or an equipment item) holds the proposed values,
the moderators see `differences` from what is published, `approve_change` publishes (and the cached pages go),
`return_change` emails the reason. Where the published values live is known to `published_values`,
`item_values` and `_publish` alone. Withdrawing an item needs no moderation: it leaves the catalogue at once.
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
from django.utils.translation import pgettext_lazy

from accreditation.models import Membership
from directory.models import (
    CATEGORY_LABELS,
    Category,
    Equipment,
    Specification,
    SpecificationField,
)
from directory.oked import section_labels
from dkz_site import page_cache
from dkz_site.images import delete_after_commit, reencode_image
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


# An equipment item's texts a member edits, with their labels; its specifications come from its category's
# vocabulary and are proposed under "specifications" ({field key: value}, "" to remove a value).
ITEM_FIELDS = {
    "name_kk": pgettext_lazy("equipment item", "name (Kazakh)"),
    "name_ru": pgettext_lazy("equipment item", "name (Russian)"),
    "name_en": pgettext_lazy("equipment item", "name (English)"),
    "model": _("model"),
    "description_kk": _("description (Kazakh)"),
    "description_ru": _("description (Russian)"),
    "description_en": _("description (English)"),
}


def published_values(membership: Membership) -> dict:
    profile = membership.profile
    return {field: getattr(profile, field) or "" for field in EDITABLE}


def differences(change: ProfileChange) -> list[Difference]:
    """What approval would change, field by field, against what the directory shows now."""
    if change.about == ProfileChange.About.EQUIPMENT:
        return _item_differences(change)
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
        change = locked.profile_changes.to_profile().pending().first() or ProfileChange(
            membership=locked
        )
        change.proposed = proposed
        change.publish = publish or (change.pk is not None and change.publish)
        change.submitted_by = session.email
        change.submitted_at = timezone.now()
        if encoded is not None:
            change.logo.save(encoded.name, encoded, save=False)
        change.save()
        _tell_moderators(change)
    return change


def _tell_moderators(change: ProfileChange) -> None:
    queue_email(
        to_staff=True,
        template="cabinet/email/staff_profile_change",
        context={"change": change, "admin_url": _admin_url(change)},
        regarding=change,
    )


# --- equipment ------------------------------------------------------------------------------------


def canonical_value(spec_field, raw) -> str:
    """A specification's value as proposals keep it ("64", "yes", a choice's key, the text); "" for none.
    ValidationError when the field cannot take it."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return ""
    columns = spec_field.parse(raw)
    return _canonical(columns)


def _canonical(columns: dict) -> str:
    if columns.get("number") is not None:
        return format(columns["number"].normalize(), "f")
    if columns.get("flag") is not None:
        return "yes" if columns["flag"] else "no"
    if columns.get("choice") is not None:
        return columns["choice"].key
    return columns.get("text") or ""


def item_values(equipment: Equipment | None) -> dict:
    """The item's published texts and specifications ({key: canonical value}); blank for a new item."""
    if equipment is None:
        return {**dict.fromkeys(ITEM_FIELDS, ""), "specifications": {}}
    values = {field: getattr(equipment, field) or "" for field in ITEM_FIELDS}
    specifications = equipment.specifications.select_related("field", "choice")
    values["specifications"] = {
        spec.field.key: _canonical(
            {"number": spec.number, "flag": spec.flag, "choice": spec.choice, "text": spec.text}
        )
        for spec in specifications
    }
    return values


def submit_item_change(
    *,
    session: CabinetSession,
    equipment: Equipment | None = None,
    category: str = "",
    values: dict,
    specifications: dict,
    picture=None,
) -> ProfileChange:
    """Store the member's new item or its change to one of its items (replacing a change still pending for
    that item) and tell the moderators. The catalogue shows it only once approved.

    Refused (ChangeRefused) for an ended membership ("read_only"), another member's item ("not_found") and a
    change identical to the item ("nothing"). A picture is checked by its content and re-encoded first."""
    membership = session.membership
    if not membership.is_active:
        raise ChangeRefused("read_only")
    if equipment is not None and equipment.member_id != membership.pk:
        raise ChangeRefused("not_found")
    current = item_values(equipment)
    proposed = {f: v for f, v in values.items() if f in ITEM_FIELDS and v != current[f]}
    changed_specs = {
        key: value
        for key, value in specifications.items()
        if value != current["specifications"].get(key, "")
    }
    if changed_specs:
        proposed["specifications"] = changed_specs
    encoded = reencode_image(picture) if picture else None  # ValidationError for a hostile upload
    if not proposed and encoded is None:
        raise ChangeRefused("nothing")
    if equipment is None:
        if category not in Category.values:
            raise ChangeRefused("nothing")
        proposed["category"] = category
    with transaction.atomic():
        locked = Membership.objects.select_for_update().get(pk=membership.pk)
        pending = locked.profile_changes.pending().filter(equipment=equipment)
        change = (equipment is not None and pending.first()) or ProfileChange(
            membership=locked, about=ProfileChange.About.EQUIPMENT, equipment=equipment
        )
        if change.pk and change.picture and encoded is not None:
            delete_after_commit(change.picture.storage, change.picture.name)
        change.proposed = proposed
        change.submitted_by = session.email
        change.submitted_at = timezone.now()
        if encoded is not None:
            change.picture.save(encoded.name, encoded, save=False)
        change.save()
        _tell_moderators(change)
    return change


def cancel_item_change(*, session: CabinetSession, change: ProfileChange) -> ProfileChange:
    """The member takes back a new item or a change to an item before staff decide: it leaves the queue
    (kept as cancelled, for the moderators who were told of it) and its proposed picture is deleted.

    Refused (ChangeRefused) for an ended membership ("read_only"), another member's change or one about the
    profile ("not_found") and a change already decided ("decided")."""
    membership = session.membership
    if not membership.is_active:
        raise ChangeRefused("read_only")
    if change.membership_id != membership.pk or change.about != ProfileChange.About.EQUIPMENT:
        raise ChangeRefused("not_found")
    with transaction.atomic():
        locked = ProfileChange.objects.select_for_update().get(pk=change.pk)
        if locked.state != ProfileChange.State.PENDING:
            raise ChangeRefused("decided")
        _cancel(locked)
    return locked


def _cancel(change: ProfileChange) -> None:
    if change.picture:
        delete_after_commit(change.picture.storage, change.picture.name)
        change.picture = ""
    change.state = ProfileChange.State.CANCELLED
    change.decided_at, change.decided_by = timezone.now(), None
    change.save()


def withdraw_item(*, session: CabinetSession, equipment: Equipment) -> None:
    """The member withdraws one of its items: it leaves the catalogue at once (the cached pages go with it).
    A change still pending for it is cancelled; the decided ones stay as the moderators' history, detached
    from the item and marked withdrawn (with its name), until their retention period ends."""
    membership = session.membership
    if not membership.is_active:
        raise ChangeRefused("read_only")
    if equipment.member_id != membership.pk:
        raise ChangeRefused("not_found")
    with transaction.atomic():
        changes = ProfileChange.objects.select_for_update().filter(equipment=equipment)
        for change in changes.filter(state=ProfileChange.State.PENDING):
            _cancel(change)
        changes.update(
            equipment=None,
            item_withdrawn_at=timezone.now(),
            withdrawn_item=str(equipment)[:200],
        )
        if equipment.image:
            delete_after_commit(equipment.image.storage, equipment.image.name)
        equipment.delete()
        page_cache.invalidate()


def replace_item(
    *,
    session: CabinetSession,
    equipment: Equipment,
    category: str,
    values: dict,
    specifications: dict,
    picture=None,
) -> ProfileChange:
    """An item under another category. An item's category cannot be changed (its specifications are that
    category's), so the item is added anew under `category`, moderated like any new item, and the old one is
    withdrawn from the catalogue at once (`withdraw_item`), in one step. Without a new picture the new item
    proposes the old one's.

    Refused (ChangeRefused) like `submit_item_change` and `withdraw_item`, and "same_category" when `category`
    is the item's own (that is a change)."""
    if equipment.member_id != session.membership_id:
        raise ChangeRefused("not_found")
    if category == equipment.category:
        raise ChangeRefused("same_category")
    if picture is None and equipment.image:
        with equipment.image.open("rb") as current:
            picture = ContentFile(current.read(), name=equipment.image.name.rsplit("/", 1)[-1])
    with transaction.atomic():
        change = submit_item_change(
            session=session,
            category=category,
            values=values,
            specifications=specifications,
            picture=picture,
        )
        withdraw_item(session=session, equipment=equipment)
    return change


def _spec_label(spec_field) -> str:
    unit = spec_field.unit()
    return f"{spec_field.label()}, {unit}" if unit else str(spec_field.label())


def _spec_shown(spec_field, value: str) -> str:
    if not value:
        return ""
    try:
        return str(Specification(field=spec_field, **spec_field.parse(value)).display())
    except ValidationError:
        return value


def _item_differences(change: ProfileChange) -> list[Difference]:
    equipment = change.equipment
    current = item_values(equipment)
    proposed = change.proposed or {}
    found = []
    if change.item_withdrawn_at is not None:
        category = ""  # the item is gone: its texts as proposed, no specification to read
    elif equipment is None:
        category = proposed.get("category", "")
        found.append(
            Difference("category", str(_("category")), "", str(CATEGORY_LABELS.get(category, "")))
        )
    else:
        category = equipment.category
    for field, label in ITEM_FIELDS.items():
        if field in proposed and proposed[field] != current[field]:
            found.append(Difference(field, str(label), current[field], proposed[field]))
    vocabulary = {f.key: f for f in SpecificationField.objects.filter(category=category)}
    for key, value in (proposed.get("specifications") or {}).items():
        spec_field = vocabulary.get(key)
        if spec_field is None or value == current["specifications"].get(key, ""):
            continue
        old = current["specifications"].get(key, "")
        found.append(
            Difference(
                f"spec:{key}",
                _spec_label(spec_field),
                _spec_shown(spec_field, old),
                _spec_shown(spec_field, value),
            )
        )
    if change.picture:
        found.append(
            Difference("picture", str(_("picture")), "", change.picture.name.rsplit("/", 1)[-1])
        )
    return found


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
    if change.about == ProfileChange.About.EQUIPMENT:
        _publish_item(change)
    else:
        _publish_profile(change)


def _publish_item(change: ProfileChange) -> None:
    """The catalogue's item takes the approved values (a new item is created for the member); a value the
    vocabulary no longer has is left out."""
    proposed = change.proposed or {}
    equipment = change.equipment or Equipment(
        member_id=change.membership_id, category=proposed.get("category", "")
    )
    for field in ITEM_FIELDS:
        if field in proposed:
            setattr(equipment, field, proposed[field])
    if change.picture:
        old = equipment.image.name if equipment.image else ""
        with change.picture.open("rb") as pending:
            name = change.picture.name.rsplit("/", 1)[-1]
            equipment.image.save(name, ContentFile(pending.read()), save=False)
        delete_after_commit(equipment.image.storage, old)
    equipment.save()
    for key, value in (proposed.get("specifications") or {}).items():
        if not value:
            equipment.specifications.filter(field__key=key).delete()
            continue
        with contextlib.suppress(SpecificationField.DoesNotExist, ValidationError):
            equipment.specify(key, value)
    if change.equipment_id is None:
        change.equipment = equipment


def _publish_profile(change: ProfileChange) -> None:
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
        delete_after_commit(profile.logo.storage, old)
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
                "cabinet_url": _cabinet_url(
                    membership, change.about == ProfileChange.About.EQUIPMENT
                ),
            },
            language=membership.language,
            regarding=change,
        )


def _cabinet_url(membership: Membership, change_about_equipment: bool = False) -> str:
    from django.utils import translation

    with translation.override(membership.language):
        anchor = "#equipment" if change_about_equipment else "#profile"
        return settings.SITE_URL + reverse("cabinet:home") + anchor


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

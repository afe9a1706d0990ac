"""The member's public profile follows its membership: made with it, refreshed by each approval (the
application's description and publication consent), renamed with it, and unlisted when publication consent is
withdrawn; its categories follow the member's items. Connected in `DirectoryConfig.ready()`."""

from django.utils import timezone

from accreditation.models import Membership
from privacy.models import normalise_email

from .models import Equipment, MemberProfile, categories_value


def keep_profile_with_membership(
    sender, instance: Membership, created=False, update_fields=None, **kw
):
    """Every membership has a profile (unlisted until an approval publishes it); its search column follows the
    company's name and region."""
    if created:
        MemberProfile.objects.create(membership=instance)
        return
    if update_fields is not None and not {"company_name", "region"} & set(update_fields):
        return
    profile = MemberProfile.objects.filter(membership=instance).first()
    if profile is None:
        MemberProfile.objects.create(membership=instance)
        refresh_categories([instance.pk])
    elif profile.searched_text() != profile.search_text:
        profile.save()


def take_profile_from_application(sender, membership, application, published: bool, **kw):
    """An approval (new member or renewal): the application's description, in its language, and whether the
    company consented to publication."""
    try:
        profile = membership.profile
    except MemberProfile.DoesNotExist:
        profile = MemberProfile(membership=membership)
    setattr(profile, f"description_{application.language[:2]}", application.description)
    profile.is_published = published
    profile.save()


def unpublish(membership: Membership) -> None:
    """The member leaves the directory now (its consent to publication is withdrawn)."""
    MemberProfile.objects.filter(membership=membership, is_published=True).update(
        is_published=False, updated_at=timezone.now()
    )


def unpublish_for_email(email: str) -> None:
    """Consent to publication withdrawn: the member leaves the directory now."""
    MemberProfile.objects.filter(
        membership__in=Membership.objects.for_email(email), is_published=True
    ).update(is_published=False, updated_at=timezone.now())


def unlist_anonymised_member(sender, membership, email: str, **kw):
    """The membership's contact is erased: its profile is unlisted, as the listing rested on their consent."""
    anonymise_profiles(MemberProfile.objects.filter(membership=membership), email)


def anonymise_profiles(found, email: str) -> int:
    """Unlist `found` profiles and drop a public email that is `email`; how many were changed."""
    count = 0
    for profile in found:
        if normalise_email(profile.public_email) == normalise_email(email):
            profile.public_email = ""
        profile.is_published = False
        profile.save()
        count += 1
    return count


def note_item_member(sender, instance: Equipment, raw=False, **kw):
    """Before an item is saved: the member it belonged to, whose categories change too if it moves."""
    if instance.pk and not raw:
        instance.member_before = (
            Equipment.objects.filter(pk=instance.pk).values_list("member_id", flat=True).first()
        )


def keep_categories_with_items(sender, instance: Equipment, **kw):
    """An item added, changed, moved or deleted: its member's categories (and a former member's) again."""
    refresh_categories({instance.member_id, getattr(instance, "member_before", None)} - {None})


def refresh_categories(member_ids) -> None:
    """Each member's `MemberProfile.categories` from its items, as they are now."""
    for member_id in member_ids:
        codes = Equipment.objects.filter(member_id=member_id).values_list("category", flat=True)
        MemberProfile.objects.filter(pk=member_id).update(categories=categories_value(codes))

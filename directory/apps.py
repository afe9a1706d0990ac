from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = _("Members directory")

    def ready(self):
        from django.db.models.signals import post_delete, post_save, pre_save

        from accreditation.models import Membership
        from accreditation.signals import membership_accredited, membership_anonymised
        from dkz_site import page_cache
        from privacy.models import BlockedEmail, ConsentPurpose
        from privacy.registry import register_withdrawal_handler
        from privacy.signals import block_lifted

        from . import privacy_registration, profiles
        from .models import Equipment, MemberProfile, Specification

        post_save.connect(
            profiles.keep_profile_with_membership, sender=Membership, dispatch_uid="member-profile"
        )
        membership_accredited.connect(
            profiles.take_profile_from_application, dispatch_uid="member-profile-approved"
        )
        membership_anonymised.connect(
            profiles.unlist_anonymised_member, dispatch_uid="member-profile-anonymised"
        )
        pre_save.connect(profiles.note_item_member, sender=Equipment, dispatch_uid="item-member")
        for signal in (post_save, post_delete):
            signal.connect(
                profiles.keep_categories_with_items,
                sender=Equipment,
                dispatch_uid=f"member-categories-{signal is post_save}",
            )
        privacy_registration.register()
        # Cached directory pages go stale with any change to what they show (or to who may be shown).
        for model in (Membership, MemberProfile, Equipment, Specification, BlockedEmail):
            post_save.connect(page_cache.invalidate, sender=model, dispatch_uid=f"pages-{model}")
            post_delete.connect(page_cache.invalidate, sender=model, dispatch_uid=f"pages-{model}-")
        block_lifted.connect(page_cache.invalidate, dispatch_uid="pages-block-lifted")
        register_withdrawal_handler(ConsentPurpose.DIRECTORY_PUBLICATION, page_cache.invalidate)

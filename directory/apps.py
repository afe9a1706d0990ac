from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = _("Members directory")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from accreditation.models import Membership
        from dkz_site import page_cache
        from privacy.models import BlockedEmail, ConsentPurpose
        from privacy.registry import register_withdrawal_handler
        from privacy.signals import block_lifted

        from .models import Equipment, Specification

        # Cached directory pages go stale with any change to what they show (or to who may be shown).
        for model in (Membership, Equipment, Specification, BlockedEmail):
            post_save.connect(page_cache.invalidate, sender=model, dispatch_uid=f"pages-{model}")
            post_delete.connect(page_cache.invalidate, sender=model, dispatch_uid=f"pages-{model}-")
        block_lifted.connect(page_cache.invalidate, dispatch_uid="pages-block-lifted")
        register_withdrawal_handler(ConsentPurpose.DIRECTORY_PUBLICATION, page_cache.invalidate)

from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig


class AdminConfig(DjangoAdminConfig):
    default = False
    default_site = "dkz_site.admin_site.AssociationAdminSite"


class SiteConfig(AppConfig):
    name = "dkz_site"
    verbose_name = "Digital Kazakhstan"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from privacy.models import PolicyVersion
        from privacy.registry import register_retention_rule

        from . import page_cache
        from .retention import EXPIRED_SESSIONS

        register_retention_rule(EXPIRED_SESSIONS)
        # Every cached page carries the banner of an announced policy change; each app connects its own models.
        post_save.connect(page_cache.invalidate, sender=PolicyVersion, dispatch_uid="pages-policy")
        post_delete.connect(
            page_cache.invalidate, sender=PolicyVersion, dispatch_uid="pages-policy-"
        )

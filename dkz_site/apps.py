from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig


class AdminConfig(DjangoAdminConfig):
    default = False
    default_site = "dkz_site.admin_site.AssociationAdminSite"


class SiteConfig(AppConfig):
    name = "dkz_site"
    verbose_name = "Digital Kazakhstan"

    def ready(self):
        from privacy.registry import register_retention_rule

        from .retention import EXPIRED_SESSIONS

        register_retention_rule(EXPIRED_SESSIONS)

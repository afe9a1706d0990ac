from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig


class AdminConfig(DjangoAdminConfig):
    default = False
    default_site = "dkz_site.admin_site.AssociationAdminSite"


class SiteConfig(AppConfig):
    name = "dkz_site"
    verbose_name = "Digital Kazakhstan"

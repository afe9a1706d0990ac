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

        from . import page_cache, privacy_registration
        from .admin_texts import name_the_packages_apps_and_models
        from .cache import cache_recovered

        name_the_packages_apps_and_models()
        privacy_registration.register()
        cache_recovered.connect(forget_while_away, dispatch_uid="cache-recovered")
        # Every cached page carries the banner of an announced policy change; each app connects its own models.
        post_save.connect(page_cache.invalidate, sender=PolicyVersion, dispatch_uid="pages-policy")
        post_delete.connect(
            page_cache.invalidate, sender=PolicyVersion, dispatch_uid="pages-policy-"
        )


def forget_while_away(**kwargs) -> None:
    """The shared cache is back after an outage: writes and deletes made while it was away were skipped, so
    anything it holds may be stale. Replace what pages, the policy banner and the cookie groups read from it."""
    from cookie_consent.cache import delete_cache

    from privacy.models.policy import forget_announced_change

    from . import page_cache

    page_cache.invalidate()
    forget_announced_change()
    delete_cache()

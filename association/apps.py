from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssociationConfig(AppConfig):
    name = "association"
    verbose_name = _("Association")

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from dkz_site import page_cache

        from . import privacy_registration
        from .models import (
            CalculationIndex,
            Document,
            Event,
            FeeBand,
            FeeSchedule,
            NewsPost,
            Office,
            Page,
            Person,
            WorkingGroup,
        )

        privacy_registration.register()
        # The home page and the association's cached pages show these: any change replaces them. Registrations
        # are not among them: the pages that count places are never cached.
        shown = (
            Page, Office, Person, Document, FeeSchedule, FeeBand, CalculationIndex, NewsPost, Event,
            WorkingGroup,
        )  # fmt: skip
        for model in shown:
            post_save.connect(page_cache.invalidate, sender=model, dispatch_uid=f"pages-{model}")
            post_delete.connect(page_cache.invalidate, sender=model, dispatch_uid=f"pages-{model}-")
        m2m_changed.connect(
            page_cache.invalidate,
            sender=WorkingGroup.members.through,
            dispatch_uid="pages-working-group-members",
        )

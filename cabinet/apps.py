from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CabinetConfig(AppConfig):
    name = "cabinet"
    verbose_name = _("Member cabinet")

    def ready(self):
        from . import privacy_registration

        privacy_registration.register()

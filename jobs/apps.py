from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "jobs"
    verbose_name = _("Scheduled jobs and workers")

    def ready(self):
        from dkz_site.health import register_check

        from . import privacy_registration
        from .health import task_queue_check

        register_check("task_queue", task_queue_check)
        privacy_registration.register()

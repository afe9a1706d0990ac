from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "jobs"
    verbose_name = _("Scheduled jobs and workers")

    def ready(self):
        from dkz_site.health import register_check
        from privacy.registry import register_dashboard_counter, register_retention_rule

        from .dashboard import COUNTERS
        from .health import task_queue_check
        from .retention import RULES

        register_check("task_queue", task_queue_check)

        for counter in COUNTERS:
            register_dashboard_counter(counter)
        for rule in RULES:
            register_retention_rule(rule)

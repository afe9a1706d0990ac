"""What the jobs app tells the privacy registry: the retention rules of its run records and the admin dashboard's
counters of the task queue. Registered from JobsConfig.ready()."""

from privacy.registry import register_dashboard_counter, register_retention_rule

from .dashboard import COUNTERS
from .retention import RULES


def register() -> None:
    for counter in COUNTERS:
        register_dashboard_counter(counter)
    for rule in RULES:
        register_retention_rule(rule)

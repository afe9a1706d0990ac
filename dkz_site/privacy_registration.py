"""What the site's own plumbing tells the privacy registry: the retention rules of expired sessions and of the
rate-limit counters (client IPs). Registered from SiteConfig.ready()."""

from privacy.registry import register_retention_rule

from .retention import EXPIRED_SESSIONS, RATE_LIMIT_COUNTS


def register() -> None:
    register_retention_rule(EXPIRED_SESSIONS)
    register_retention_rule(RATE_LIMIT_COUNTS)

"""One way to rate-limit any view per client IP, with limits named in settings.RATE_LIMITS.

Exceeding a limit raises django-ratelimit's `Ratelimited`; its middleware answers with our translated 429 page.
"""

from django.conf import settings
from django_ratelimit.decorators import ratelimit


def _rate(name):
    def rate(group, request):
        return settings.RATE_LIMITS.get(name, settings.RATE_LIMITS["default_post"])

    return rate


def limit_per_ip(name: str, method: str | list[str] = "POST"):
    """Decorate a view: at most settings.RATE_LIMITS[name] requests per client IP (POST by default)."""
    return ratelimit(group=f"dkz:{name}", key="ip", rate=_rate(name), method=method, block=True)

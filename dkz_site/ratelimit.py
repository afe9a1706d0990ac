"""One way to rate-limit any view per client IP (or any other key), with limits named in settings.RATE_LIMITS.

Counting is django-ratelimit's (`get_usage`, in the `rate_limits` cache: Redis, or the database while Redis is away).
Beyond a limit the visitor gets the translated 429 page with `Retry-After`: the seconds until the window ends.
"""

from functools import wraps

from django.conf import settings
from django_ratelimit.core import get_usage

# When the count could not be read at all (django-ratelimit then refuses): ask to come back in a minute.
UNKNOWN_WAIT_SECONDS = 60


def rate_for(name: str) -> str:
    return settings.RATE_LIMITS.get(name, settings.RATE_LIMITS["default_post"])


def seconds_to_wait(request, name: str, *, key="ip", method="POST") -> int | None:
    """Count this request against the limit `name`: None while within it, else the seconds until it resets."""
    usage = get_usage(
        request, group=f"dkz:{name}", key=key, rate=rate_for(name), method=method, increment=True
    )
    if usage is None or not usage["should_limit"]:
        return None
    left = usage["time_left"]
    return left if left > 0 else UNKNOWN_WAIT_SECONDS


def limit_per_ip(name: str, method: str | list[str] = "POST"):
    """Decorate a view: at most settings.RATE_LIMITS[name] requests per client IP (POST by default)."""

    def decorator(view):
        @wraps(view)
        def limited(request, *args, **kwargs):
            wait = seconds_to_wait(request, name, method=method)
            if wait is not None:
                from .views import too_many_requests

                return too_many_requests(request, retry_after=wait)
            return view(request, *args, **kwargs)

        return limited

    return decorator

"""One way to rate-limit any view per client IP (or any other key), with limits named in settings.RATE_LIMITS.

Counting is django-ratelimit's (`get_usage`, in the `rate_limits` cache: Redis, or the database while Redis is away).
Beyond a limit the visitor gets the translated 429 page with `Retry-After`: the seconds until the window ends, and
the page says when that is. Forms that store a submission (contact, application) count only what passes validation
and is accepted (`CountsAcceptedSubmissions`): a typo costs nothing, and beyond the limit the form comes back with
everything typed.
"""

import datetime
import math
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.utils import timezone
from django_ratelimit.core import get_usage

from privacy.addresses import posted_email_key

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


def wait_before_next(request, name: str, *, key="ip") -> int | None:
    """Without counting: None if one more submission is within the limit `name`, else the seconds until the
    window ends. `count_submission` counts one once it was accepted."""
    usage = get_usage(
        request, group=f"dkz:{name}", key=key, rate=rate_for(name), method="POST", increment=False
    )
    if usage is None:
        return None
    if usage["limit"] and usage["count"] < usage["limit"]:
        return None
    left = usage["time_left"]
    return left if left > 0 else UNKNOWN_WAIT_SECONDS


def count_submission(request, name: str, *, key="ip") -> None:
    get_usage(
        request, group=f"dkz:{name}", key=key, rate=rate_for(name), method="POST", increment=True
    )


@dataclass(frozen=True)
class Wait:
    """How long a visitor must wait, as the 429 page says it: minutes (rounded up) and the local clock time."""

    seconds: int

    @property
    def minutes(self) -> int:
        return max(1, math.ceil(self.seconds / 60))

    @property
    def until(self) -> datetime.datetime:
        return timezone.localtime() + datetime.timedelta(seconds=self.seconds)


class CountsAcceptedSubmissions:
    """A FormView whose limit `rate_limit` counts only submissions that pass validation and that `form_valid`
    accepts (one it refuses adds an error to the form). Beyond the limit the same page comes back with status
    429, `Retry-After`, when to try again, and the form with everything typed: nothing is stored or sent."""

    rate_limit: str

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if not form.is_valid():
            return self.form_invalid(form)
        wait = wait_before_next(request, self.rate_limit)
        if wait is not None:
            response = self.render_to_response(
                self.get_context_data(form=form, wait=Wait(wait)), status=429
            )
            response["Retry-After"] = str(wait)
            return response
        response = self.form_valid(form)
        if not form.errors:
            count_submission(request, self.rate_limit)
        return response


def limit_per_address(request, name: str):
    """For a form that emails the address posted in its `email` field (a sign-in link, a data-subject request's
    confirmation): count that address, normalised so however it is spelt, against the limit `name` whatever the
    client IP, so one inbox cannot be flooded from many. None while within the limit, else the 429 page with
    `Retry-After` to return. Called once the form is valid, after the view's own per-IP limit."""
    wait = seconds_to_wait(request, name, key=posted_email_key)
    if wait is None:
        return None
    from .views import too_many_requests

    return too_many_requests(request, retry_after=wait)


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

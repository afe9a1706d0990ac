"""Where a form may send the visitor back to: a path on this site, given in its `next` field.

`url_has_allowed_host_and_scheme` alone is not enough for a `Location` header: it accepts "0" or "members"
(which `redirect()` then tries to reverse as a view name: a server error) and control characters after the
first one (a newline in a header is refused: a server error too).
"""

import unicodedata

from django.utils.http import url_has_allowed_host_and_scheme

MAX_LENGTH = 2000


def local_path(request, target: str, fallback: str) -> str:
    """`target` when it is a path on this site that a redirect can carry, else `fallback`."""
    if (
        target.startswith("/")
        and len(target) <= MAX_LENGTH
        and not any(unicodedata.category(char).startswith("C") for char in target)
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return target
    return fallback

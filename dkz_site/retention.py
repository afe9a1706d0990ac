"""Expired sessions leave the database with the rest of the retention schedule (`apply_retention`).

A session is made only once a visitor has something to keep between pages (a cookie choice's message, the compare
cart's notices, a staff sign-in); Django never deletes expired ones by itself.
"""

from datetime import timedelta

from django.contrib.sessions.models import Session
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from privacy.registry import RetentionRule

from .models import RateLimitCount


def _delete(queryset) -> int:
    return queryset.delete()[0]


EXPIRED_SESSIONS = RetentionRule(
    name="sessions.expired",
    app="dkz_site",
    description=_("Expired sessions"),
    period=lambda: timedelta(0),
    own_end=True,  # each session carries its expiry
    measured_from=pgettext_lazy("retention starting point", "session expiry"),
    action="delete",
    expired=lambda now: Session.objects.filter(expire_date__lt=now),
    apply=_delete,
    legal_basis=_("Legitimate interest: a session serves only while it is valid"),
)


RATE_LIMIT_COUNTS = RetentionRule(
    name="rate_limits.ended",
    app="dkz_site",
    description=_("Rate-limit counts kept in the database while the cache was unreachable"),
    period=lambda: timedelta(0),
    own_end=True,  # each count carries the end of its window
    measured_from=_("end of the counting window"),
    action="delete",
    expired=lambda now: RateLimitCount.objects.expired(now),
    apply=_delete,
    legal_basis=_("Legitimate interest: abuse protection, only while the window lasts"),
)

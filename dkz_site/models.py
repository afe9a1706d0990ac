from datetime import timedelta

from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone


class RateLimitCountQuerySet(models.QuerySet):
    def current(self, key: str):
        """The count of the window `key` names, if it has not ended."""
        return (
            self.filter(key=key, expires_at__gt=timezone.now())
            .values_list("count", flat=True)
            .first()
        )

    def start(self, key: str, value: int, seconds: float) -> bool:
        """Start the window's count at `value` unless a current one exists (like cache.add): True if started."""
        now = timezone.now()
        expires_at = now + timedelta(seconds=seconds)
        self.filter(key=key, expires_at__lte=now).delete()
        try:
            with transaction.atomic():
                self.create(key=key, count=value, expires_at=expires_at)
        except IntegrityError:
            return False
        return True

    def increment(self, key: str, delta: int = 1):
        """Add to a current window's count in one UPDATE (no count is lost between two processes)."""
        changed = self.filter(key=key, expires_at__gt=timezone.now()).update(
            count=F("count") + delta
        )
        return self.current(key) if changed else None

    def expired(self, now):
        return self.filter(expires_at__lte=now)


class RateLimitCount(models.Model):
    """A rate-limit window counted in the database while the shared cache is unreachable.

    The key is django-ratelimit's: a digest of the limit's name, window and the client IP (never the IP itself).
    Rows whose window has ended are deleted by the retention run.
    """

    key = models.CharField(max_length=250, unique=True)
    count = models.PositiveIntegerField()
    expires_at = models.DateTimeField(db_index=True)

    objects = RateLimitCountQuerySet.as_manager()

    def __str__(self):
        return self.key

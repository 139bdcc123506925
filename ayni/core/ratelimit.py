"""Fixed-window rate limits stored in the database (works on SQLite and PostgreSQL)."""

from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from ayni.core.models import RateLimitBucket


@dataclass(frozen=True)
class RateLimitResult:
    allowed: bool
    count: int
    retry_after_seconds: int


def rate_limit_hit(key: str, *, limit: int, period: timedelta) -> RateLimitResult:
    """Count one hit against `key`; refuse when more than `limit` hits fall in `period`."""
    now = timezone.now()
    with transaction.atomic():
        updated = RateLimitBucket.objects.filter(key=key, window_start__gt=now - period).update(
            count=F("count") + 1
        )
        if not updated:
            # No live window: start one (or restart an expired one).
            # Only an expired window is restarted: two hits restarting it at once must not both
            # set the count to one (the one whose update finds nothing to restart counts itself).
            reset = RateLimitBucket.objects.filter(key=key, window_start__lte=now - period).update(
                window_start=now, count=1)
            if not reset:
                try:
                    with transaction.atomic():
                        RateLimitBucket.objects.create(key=key, window_start=now, count=1)
                except IntegrityError:
                    RateLimitBucket.objects.filter(key=key).update(count=F("count") + 1)
        bucket = RateLimitBucket.objects.get(key=key)
    retry = max(0, int((bucket.window_start + period - now).total_seconds()))
    return RateLimitResult(allowed=bucket.count <= limit, count=bucket.count, retry_after_seconds=retry)


def rate_limit_peek(key: str, *, period: timedelta) -> tuple[int, int]:
    """Hits in the live window and seconds until it ends, without counting a hit."""
    now = timezone.now()
    bucket = RateLimitBucket.objects.filter(key=key, window_start__gt=now - period).first()
    if bucket is None:
        return 0, 0
    return bucket.count, max(0, int((bucket.window_start + period - now).total_seconds()))


def rate_limit_reset(key: str) -> None:
    RateLimitBucket.objects.filter(key=key).delete()

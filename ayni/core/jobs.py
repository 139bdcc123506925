"""The core's own periodic jobs (registered in CoreConfig.ready)."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from ayni.core.models import OutboundEmail, RateLimitBucket, WorkerHeartbeat

STALE_SENDING = timedelta(minutes=10)
UNSENT_QUEUED = timedelta(minutes=2)


def requeue_emails() -> int:
    """Re-send e-mails whose worker died: queued but never picked up, or stuck while sending.

    A message is marked sent right after the SMTP server accepts it, so a retry can only repeat a
    message in the instant between the two; its fixed Message-ID lets mail servers drop that copy.
    """
    from ayni.core.emails import _enqueue_delivery

    now = timezone.now()
    OutboundEmail.objects.filter(status=OutboundEmail.Status.SENDING, claimed_at__lt=now - STALE_SENDING).update(
        status=OutboundEmail.Status.QUEUED)
    pending = list(OutboundEmail.objects.filter(
        status=OutboundEmail.Status.QUEUED, created_at__lt=now - UNSENT_QUEUED).values_list("pk", flat=True)[:500])
    for email_id in pending:
        transaction.on_commit(lambda email_id=email_id: _enqueue_delivery(email_id))
    return len(pending)


def prune() -> int:
    now = timezone.now()
    removed, _detail = RateLimitBucket.objects.filter(window_start__lt=now - timedelta(days=2)).delete()
    gone, _detail = WorkerHeartbeat.objects.filter(last_seen_at__lt=now - timedelta(days=1)).delete()
    return removed + gone

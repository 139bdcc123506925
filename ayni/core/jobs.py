"""The core's own periodic jobs (registered in CoreConfig.ready)."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from ayni.core.models import FormSubmission, OutboundEmail, RateLimitBucket, WorkerHeartbeat

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
    # A form key only has to outlive the double click or the retry it protects against.
    keys, _detail = FormSubmission.objects.filter(created_at__lt=now - timedelta(days=2)).delete()
    return removed + gone + keys


def requeue_orphaned_tasks() -> int:
    """Put back in the queue the tasks whose worker died while running them.

    A worker beats every few seconds under the id it also writes on the tasks it claims. A task
    still RUNNING whose worker has not beaten for AYNI_ORPHANED_TASK_SECONDS (90 s) was interrupted (killed, host
    lost): it goes back to READY and another worker runs it. Every Ayni task is written to be
    run again safely: its writes are one transaction (a matching round is published entirely
    or not at all) or guarded by a conditional claim (an e-mail is sent once).
    """
    from django.conf import settings
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    grace = timedelta(seconds=settings.AYNI["ORPHANED_TASK_SECONDS"])
    now = timezone.now()
    alive = set(WorkerHeartbeat.objects.filter(last_seen_at__gte=now - grace)
                .values_list("worker_id", flat=True))
    alive |= {worker_id[:64] for worker_id in alive}
    requeued = 0
    for task in DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, started_at__lt=now - grace):
        last_worker = (task.worker_ids or [""])[-1]
        if last_worker in alive:
            continue
        requeued += DBTaskResult.objects.filter(pk=task.pk, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.READY, started_at=None)
    return requeued

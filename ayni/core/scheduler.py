"""Periodic jobs, run by `ayni scheduler` on one or several hosts without double runs.

Apps register jobs in their AppConfig.ready():

    from ayni.core.scheduler import register_job
    register_job("training.expiry_warnings", "ayni.training.services.send_expiry_warnings", every=timedelta(hours=1))

A host claims a due job with `UPDATE ... WHERE name = ? AND next_run_at <= now AND
(locked_until IS NULL OR locked_until < now)`; only the host whose update changed a row runs
it. A host that dies mid-run leaves a lock that expires after `timeout`, and the job runs again.
"""

import logging
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.db import close_old_connections, connection
from django.db.models import F, Q
from django.utils import timezone
from django.utils.module_loading import import_string

from ayni.core.models import ScheduledJob

logger = logging.getLogger("ayni.scheduler")


@dataclass(frozen=True)
class Job:
    name: str
    target: str | Callable
    every: timedelta
    timeout: timedelta

    def function(self) -> Callable:
        return import_string(self.target) if isinstance(self.target, str) else self.target


JOBS: dict[str, Job] = {}


def register_job(name: str, target: str | Callable, *, every: timedelta, timeout: timedelta | None = None) -> None:
    JOBS[name] = Job(name=name, target=target, every=every, timeout=timeout or max(every, timedelta(minutes=10)))


def host_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def claim(job: Job, *, now=None, owner: str | None = None) -> bool:
    """Take the next run of `job` if it is due and nobody holds it. True for exactly one caller."""
    now = now or timezone.now()
    ScheduledJob.objects.get_or_create(name=job.name, defaults={"next_run_at": now})
    return bool(
        ScheduledJob.objects.filter(name=job.name, next_run_at__lte=now)
        .filter(Q(locked_until__isnull=True) | Q(locked_until__lt=now))
        .update(locked_until=now + job.timeout, locked_by=owner or host_id(), last_started_at=now)
    )


def run_job(job: Job, *, now=None) -> str:
    """Run a claimed job, record how it went, and schedule its next run."""
    now = now or timezone.now()
    try:
        result = job.function()()
        status, error = "ok", ""
    except Exception as exc:
        logger.exception("scheduled job %s failed", job.name)
        result, status, error = None, "error", f"{exc.__class__.__name__}: {exc}"
    finished = timezone.now()
    ScheduledJob.objects.filter(name=job.name).update(
        locked_until=None, locked_by="", last_finished_at=finished, last_status=status,
        last_error=error[:2000], last_result=str(result)[:200] if result is not None else "",
        next_run_at=now + job.every, runs=F("runs") + 1,
        failures=F("failures") + (1 if status == "error" else 0),
    )
    return status


def run_due_jobs(*, now=None, only: set[str] | None = None) -> dict[str, str]:
    """Run every due job this host can claim. Returns {job name: "ok" | "error"}."""
    if not connection.in_atomic_block:  # a long-running scheduler drops broken or stale connections
        close_old_connections()
    done = {}
    for job in sorted(JOBS.values(), key=lambda job: job.name):
        if only and job.name not in only:
            continue
        if claim(job, now=now):
            done[job.name] = run_job(job, now=now)
    return done

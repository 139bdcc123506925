"""Worker heartbeats: the worker says it is alive; /readyz and the staff page read it."""

import contextlib
import os
import socket
import threading
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.utils import timezone

from ayni.core.models import WorkerHeartbeat

BEAT_SECONDS = 10


def beat(worker_id: str, kind: str = "worker") -> None:
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={"kind": kind, "host": socket.gethostname()[:120], "pid": os.getpid(), "last_seen_at": timezone.now()},
    )


def start_heartbeat(kind: str = "worker") -> tuple[str, threading.Event]:
    """Beat every few seconds from a daemon thread until the returned event is set."""
    worker_id = f"{kind}:{socket.gethostname()[:30]}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
    stop = threading.Event()

    def loop():
        try:
            while not stop.is_set():
                with contextlib.suppress(Exception):  # the database may be briefly unreachable
                    beat(worker_id, kind)
                stop.wait(BEAT_SECONDS)
            WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()
        finally:
            connection.close()

    threading.Thread(target=loop, name="ayni-heartbeat", daemon=True).start()
    return worker_id, stop


def live_workers(kind: str = "worker"):
    window = timedelta(seconds=settings.AYNI["WORKER_HEARTBEAT_SECONDS"] or 60)
    return WorkerHeartbeat.objects.filter(kind=kind, last_seen_at__gte=timezone.now() - window)

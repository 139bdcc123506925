from django.core.management import call_command
from django.core.management.base import BaseCommand

from ayni.core.heartbeat import start_heartbeat


class Command(BaseCommand):
    help = "Run the background worker (matching rounds, imports, e-mails). Several may run at once."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=1.0, help="Seconds between polls when idle.")
        parser.add_argument("--batch", action="store_true", help="Stop when the queue is empty.")

    def handle(self, *args, **options):
        worker_id, stop = start_heartbeat("worker")
        # The task rows carry the same id as the heartbeat, so a task whose worker died can be
        # found and run again (ayni.core.jobs.requeue_orphaned_tasks).
        arguments = ["--interval", str(options["interval"]), "--queue-name", "*", "--worker-id", worker_id[:64]]
        if options["batch"]:
            arguments.append("--batch")
        try:
            call_command("db_worker", *arguments)
        finally:
            stop.set()

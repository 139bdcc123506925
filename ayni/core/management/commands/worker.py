from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run the background worker (matching rounds, imports, e-mails, scheduled jobs)."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=1.0, help="Seconds between polls when idle.")
        parser.add_argument("--batch", action="store_true", help="Stop when the queue is empty.")

    def handle(self, *args, **options):
        arguments = ["--interval", str(options["interval"]), "--queue-name", "*"]
        if options["batch"]:
            arguments.append("--batch")
        call_command("db_worker", *arguments)

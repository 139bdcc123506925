import time

from django.core.management.base import BaseCommand

from ayni.core.scheduler import JOBS, run_due_jobs


class Command(BaseCommand):
    help = ("Run periodic jobs (reminders, expiries, escalations, digests, e-mail retries). "
            "Safe to start on several hosts: each run is claimed by one.")

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run what is due now, then stop.")
        parser.add_argument("--interval", type=float, default=15.0, help="Seconds between checks.")
        parser.add_argument("--job", action="append", default=[], help="Only these jobs (repeatable).")
        parser.add_argument("--list", action="store_true", help="List the registered jobs and stop.")

    def handle(self, *args, **options):
        if options["list"]:
            for job in sorted(JOBS.values(), key=lambda job: job.name):
                self.stdout.write(f"{job.name:<40} every {job.every}")
            return
        only = set(options["job"]) or None
        unknown = (only or set()) - set(JOBS)
        if unknown:
            self.stderr.write(f"Unknown jobs: {', '.join(sorted(unknown))}. Use --list to see them.")
            raise SystemExit(2)
        while True:
            for name, status in run_due_jobs(only=only).items():
                self.stdout.write(f"{name}: {status}")
            if options["once"]:
                return
            time.sleep(options["interval"])

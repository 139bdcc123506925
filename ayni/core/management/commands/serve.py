import os

from django.core.management import call_command
from django.core.management.base import BaseCommand

from ayni.core.server import default_workers, serve


class Command(BaseCommand):
    help = "Serve Ayni for production with gunicorn (static files through whitenoise)."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("AYNI_BIND", "127.0.0.1:8000"),
                            help="Address and port (default 127.0.0.1:8000, or AYNI_BIND).")
        parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", 0)) or default_workers())
        parser.add_argument("--threads", type=int, default=int(os.environ.get("AYNI_THREADS", 1)))
        parser.add_argument("--migrate", action="store_true", help="Apply database migrations first.")
        parser.add_argument("--collectstatic", action="store_true", help="Collect static files first.")

    def handle(self, *args, **options):
        if options["migrate"]:
            call_command("migrate", interactive=False, verbosity=1)
        if options["collectstatic"]:
            call_command("collectstatic", interactive=False, verbosity=0)
        self.stdout.write(f"Serving Ayni on http://{options['bind']} with {options['workers']} workers")
        serve(bind=options["bind"], workers=options["workers"], threads=options["threads"],
              access_log=os.environ.get("AYNI_ACCESS_LOG", "1") != "0")

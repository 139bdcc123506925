import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from ayni.core.server import serve
from ayni.demo.loader import demo_logins, load_demo


class Command(BaseCommand):
    help = "Set up and serve the bilingual demo on http://127.0.0.1:8000 (safe to run again)."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default="127.0.0.1:8000")
        parser.add_argument("--no-serve", action="store_true", help="Prepare the demo and stop.")

    def handle(self, *args, **options):
        self.stdout.write("Preparing the database…")
        call_command("migrate", interactive=False, verbosity=0)
        if not settings.DEBUG:
            call_command("collectstatic", interactive=False, verbosity=0)
        counts = load_demo()
        self.stdout.write(self.style.SUCCESS(
            "Demo ready (" + ", ".join(f"{value} new {key}" for key, value in counts.items()) + ")."))
        url = f"http://{options['bind']}"
        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING(f"Ayni demo: {url}/es/  ·  {url}/en/"))
        self.stdout.write("Demo logins (password for all: ayni-demo):")
        for login in demo_logins():
            self.stdout.write(f"  {login['email']:<44} {login['description']['en']} / {login['description']['es']}")
        self.stdout.write("E-mails (confirmations, invitations) are printed here, in this terminal.")
        self.stdout.write("")
        if options["no_serve"]:
            return
        worker = subprocess.Popen([sys.executable, "-m", "ayni", "worker"])
        try:
            serve(bind=options["bind"], workers=2, threads=4, access_log=False)
        finally:
            worker.terminate()
            worker.wait(timeout=10)

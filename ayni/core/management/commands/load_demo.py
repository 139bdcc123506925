from django.core.management.base import BaseCommand

from ayni.demo.loader import load_demo


class Command(BaseCommand):
    help = "Load the bilingual demo communities (safe to run again: nothing is duplicated)."

    def handle(self, *args, **options):
        counts = load_demo()
        self.stdout.write(self.style.SUCCESS(
            "Demo loaded: " + ", ".join(f"{value} new {key}" for key, value in counts.items())))

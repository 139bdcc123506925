from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ayni.core.backups import BackupError, restore


class Command(BaseCommand):
    help = "Replace the database's content with a backup made by `ayni backup`. Stop the web and workers first."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args, **options):
        if not options["yes"]:
            answer = input(f"Replace the current database with {options['path']}? Type 'yes': ")
            if answer.strip().lower() != "yes":
                raise CommandError("Nothing restored.")
        try:
            restore(options["path"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Restored from {options['path']}"))

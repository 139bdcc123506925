from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ayni.core.backups import BackupError, backup


class Command(BaseCommand):
    help = "Back up the whole database while Ayni runs (SQLite online backup, or pg_dump)."

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, help="File to write (default: data/backups/ayni-<time>.*).")

    def handle(self, *args, **options):
        try:
            path = backup(options["output"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Backup written to {path} ({path.stat().st_size:,} bytes)"))

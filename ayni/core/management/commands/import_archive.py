from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ayni.core.archive import ArchiveError, import_archive, read_manifest


class Command(BaseCommand):
    help = ("Load an archive made by `ayni export-archive`. A site archive goes into an empty, "
            "migrated database; a community archive can join a running one. All or nothing.")

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The .zip file.")

    def handle(self, *args, **options):
        path = Path(options["archive"])
        if not path.exists():
            raise CommandError(f"No archive at {path}.")

        def progress(label, rows):
            if options["verbosity"] >= 1:
                self.stdout.write(f"  {label}: {rows}")

        try:
            manifest = read_manifest(path)
            counts = import_archive(path, progress=progress)
        except ArchiveError as error:
            raise CommandError(str(error)) from error
        scope = manifest["community"] or "site"
        self.stdout.write(self.style.SUCCESS(f"Imported {sum(counts.values())} rows ({scope})."))

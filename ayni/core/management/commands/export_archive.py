from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ayni.core.archive import ArchiveError, export_archive


class Command(BaseCommand):
    help = ("Write a portable archive (zip of JSON lines) of the whole site, or of one community "
            "with --community. It holds personal data and password hashes: keep it safe.")

    def add_arguments(self, parser):
        parser.add_argument("--community", metavar="SLUG", help="Only this community and its members.")
        parser.add_argument("--output", "-o", metavar="FILE", help="Where to write (default: data/archives/...).")

    def handle(self, *args, **options):
        from django.conf import settings

        from ayni.communities.models import Community

        community = None
        if options["community"]:
            community = Community.objects.filter(slug=options["community"]).first()
            if community is None:
                raise CommandError(f"There is no community with the address {options['community']!r}.")
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
        name = f"ayni-{community.slug if community else 'site'}-{stamp}.zip"
        path = Path(options["output"] or settings.DATA_DIR / "archives" / name)

        def progress(label, rows):
            if options["verbosity"] >= 1:
                self.stdout.write(f"  {label}: {rows}")

        try:
            manifest = export_archive(path, community=community, progress=progress)
        except ArchiveError as error:
            raise CommandError(str(error)) from error
        total = sum(table["rows"] for table in manifest["tables"].values())
        self.stdout.write(self.style.SUCCESS(f"Wrote {total} rows in {len(manifest['tables'])} tables to {path}"))

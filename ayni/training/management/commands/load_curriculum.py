"""`ayni load_curriculum`: put the starter course (or a course folder) in the database.

Idempotent: texts are updated in place, nothing is created twice, progress is kept.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from ayni.communities.models import Community
from ayni.training.curriculum.loader import DEFAULT_COURSE_PATH, CurriculumError, load_course
from ayni.training.sync import sync_course


class Command(BaseCommand):
    help = "Load the starter curriculum (or a course folder) into the database. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--path", help="A course folder (course.toml + NN-slug/ modules). "
                                           "Default: Ayni's starter course.")
        parser.add_argument("--community", help="Slug of the community that owns the course. "
                                                "Required with --path.")

    def handle(self, *args, path=None, community=None, **options):
        owner = None
        if path and not community:
            raise CommandError("--path needs --community: a course from a folder belongs to a community.")
        if community:
            owner = Community.objects.filter(slug=community).first()
            if owner is None:
                raise CommandError(f"No community with the short name {community!r}.")
        folder = Path(path) if path else DEFAULT_COURSE_PATH
        if not folder.is_dir():
            raise CommandError(f"{folder} is not a folder.")
        try:
            course = load_course(folder)
        except CurriculumError as error:
            raise CommandError(str(error)) from None
        with transaction.atomic():
            result = sync_course(course, community=owner, is_starter=owner is None and not path)
        self.stdout.write(
            f"{course.title['en']} ({course.key}): {len(course.modules)} modules, "
            f"{course.total_minutes} minutes; rows created {result.created}, "
            f"updated {result.updated}, unchanged {result.unchanged}."
        )

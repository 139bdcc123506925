"""Put the starter course in the database, so that the default requirement (the starter
course, see ayni/training/eligibility.py) means something from the first migration on.
`ayni load_curriculum` refreshes it later."""

from django.db import migrations


def load_starter_course(apps, schema_editor):
    from ayni.training.curriculum.loader import load_course
    from ayni.training.sync import sync_course

    models = {name: apps.get_model("training", name) for name in ("Course", "Module", "Lesson")}
    sync_course(load_course(), is_starter=True, models=models)


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(load_starter_course, migrations.RunPython.noop),
    ]

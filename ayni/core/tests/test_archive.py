"""Archives round-trip the demo: every table, every row, every value."""

import zipfile

import pytest
from django.core.management import CommandError, call_command

from ayni.communities.models import Community, Membership
from ayni.core.archive import ArchiveError, _row, archived_models, export_archive, import_archive
from ayni.demo.loader import load_demo


def snapshot() -> dict[str, list[dict]]:
    return {model._meta.label_lower: [_row(obj) for obj in model._default_manager.order_by("pk")]
            for model in archived_models()}


def wipe() -> None:
    from django.apps import apps

    through = [model for model in apps.get_models(include_auto_created=True)
               if model._meta.auto_created and model.__module__.startswith("ayni.")]
    for model in [*through, *reversed(archived_models())]:
        model._default_manager.all()._raw_delete(model._default_manager.db)


@pytest.fixture
def demo(db):
    load_demo()


@pytest.mark.django_db
def test_a_site_archive_round_trips_every_table(demo, tmp_path):
    before = snapshot()
    path = tmp_path / "site.zip"
    manifest = export_archive(path)
    assert manifest["tables"]["communities.membership"]["rows"] == Membership.objects.count()
    wipe()
    assert not Community.objects.exists()
    import_archive(path)
    after = snapshot()
    assert sorted(after) == sorted(before)
    for label, rows in before.items():
        assert len(after[label]) == len(rows), label
        for old, new in zip(rows, after[label], strict=True):
            assert {key: (value, new.get(key)) for key, value in old.items() if new.get(key) != value} == {}, label


@pytest.mark.django_db
def test_a_community_archive_moves_one_community_with_its_people(demo, tmp_path):
    community = Community.objects.order_by("pk").first()
    members = Membership.objects.filter(community=community).count()
    emails = set(Membership.objects.filter(community=community).values_list("user__email", flat=True))
    path = tmp_path / "one.zip"
    manifest = export_archive(path, community=community)
    assert manifest["scope"] == "community" and "core.auditevent" not in manifest["tables"]
    other_communities = set(Community.objects.exclude(pk=community.pk).values_list("slug", flat=True))
    wipe()
    counts = import_archive(path)
    assert set(Community.objects.values_list("slug", flat=True)) == {community.slug}
    assert not other_communities & set(Community.objects.values_list("slug", flat=True))
    assert Membership.objects.count() == members == counts["communities.membership"]
    assert set(Membership.objects.values_list("user__email", flat=True)) == emails
    with pytest.raises(ArchiveError, match="already exists"):
        import_archive(path)


@pytest.mark.django_db
def test_a_site_archive_refuses_a_database_that_has_data(demo, tmp_path):
    path = tmp_path / "site.zip"
    export_archive(path)
    with pytest.raises(CommandError, match="empty database"):
        call_command("import_archive", str(path))


@pytest.mark.django_db
def test_a_damaged_archive_writes_nothing(demo, tmp_path):
    path = tmp_path / "site.zip"
    export_archive(path)
    damaged = tmp_path / "damaged.zip"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "tables/communities.membership.jsonl":
                content = content.replace(b'"status"', b'"statuz"', 1)
            target.writestr(item, content)
    wipe()
    with pytest.raises(ArchiveError, match="damaged"):
        import_archive(damaged)
    assert not Community.objects.exists()
    with pytest.raises(CommandError, match="not an Ayni archive"):
        bogus = tmp_path / "bogus.zip"
        bogus.write_text("nope")
        call_command("import_archive", str(bogus))

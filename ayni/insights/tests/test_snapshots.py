import pytest
from django.urls import reverse

from ayni.insights import snapshots
from ayni.insights.models import FigureSnapshot


@pytest.mark.django_db
def test_a_second_view_reads_the_figures_kept_from_the_first(client_for, alice, aurora_people, settings,
                                                             django_assert_max_num_queries):
    settings.AYNI_INSIGHTS_SNAPSHOT_SECONDS = 600
    client = client_for(alice)
    url = reverse("insights:dashboard", args=["aurora"])
    first = client.get(url).content.decode()
    assert FigureSnapshot.objects.filter(community__slug="aurora", language="es").exists()
    with django_assert_max_num_queries(12):
        second = client.get(url).content.decode()
    assert "Panel del programa" in second and first.count("figure-link") == second.count("figure-link")


@pytest.mark.django_db
def test_the_refresh_job_computes_every_coordinated_community_in_both_languages(aurora_people, settings):
    settings.AYNI_INSIGHTS_SNAPSHOT_SECONDS = 600
    done = snapshots.refresh_snapshots()
    assert done == 2 * len(snapshots.COMPUTE)
    assert set(FigureSnapshot.objects.values_list("language", flat=True)) == {"es", "en"}
    # Figures in a snapshot say the same as figures computed now.
    figures = snapshots.Figures(aurora_people["grief"].community, snapshots.selectors.period_from("12m"))
    assert figures.get("members") == snapshots.selectors.figure_members_by_role(
        aurora_people["grief"].community, snapshots.selectors.period_from("12m"))


@pytest.mark.django_db
def test_snapshots_are_off_when_the_setting_is_zero(client_for, alice, aurora_people):
    client_for(alice).get(reverse("insights:dashboard", args=["aurora"]))
    assert not FigureSnapshot.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["dashboard", "gaps", "outcomes", "network", "report"])
def test_every_insights_page_is_read_from_the_figure_store_on_a_second_view(
        client_for, alice, aurora_people, settings, django_assert_max_num_queries, page):
    settings.AYNI_INSIGHTS_SNAPSHOT_SECONDS = 600
    client = client_for(alice)
    url = reverse(f"insights:{page}", args=["aurora"])
    first = client.get(url)
    assert first.status_code == 200
    # Session, user, membership, community, the snapshots: a handful, whatever the community's size.
    with django_assert_max_num_queries(10):
        second = client.get(url)
    assert second.status_code == 200
    assert "data-figures-age=\"0\"" in second.content.decode()


@pytest.mark.django_db
def test_a_stale_figure_is_shown_with_its_age_and_recomputed_in_the_background(
        client_for, alice, aurora_people, settings, django_capture_on_commit_callbacks):
    from datetime import timedelta

    from django.core.cache import cache
    from django.utils import timezone

    settings.AYNI_INSIGHTS_SNAPSHOT_SECONDS = 600
    cache.clear()
    client = client_for(alice)
    url = reverse("insights:dashboard", args=["aurora"])
    client.get(url)
    old = timezone.now() - timedelta(minutes=42)
    FigureSnapshot.objects.update(computed_at=old)
    with django_capture_on_commit_callbacks(execute=True):
        page = client.get(url).content.decode()
    assert 'data-figures-age="42"' in page or 'data-figures-age="41"' in page
    # The background task (immediate in tests) stored new figures for that page's language.
    assert FigureSnapshot.objects.filter(language="es", computed_at__gt=old).count() == len(snapshots.COMPUTE)


@pytest.mark.django_db
def test_a_figure_older_than_the_stale_limit_is_computed_again_while_the_coordinator_waits(
        client_for, alice, aurora_people, settings):
    from datetime import timedelta

    from django.utils import timezone

    settings.AYNI_INSIGHTS_SNAPSHOT_SECONDS = 600
    settings.AYNI_INSIGHTS_STALE_SECONDS = 3600
    client = client_for(alice)
    url = reverse("insights:dashboard", args=["aurora"])
    client.get(url)
    FigureSnapshot.objects.update(computed_at=timezone.now() - timedelta(hours=2))
    page = client.get(url).content.decode()
    assert 'data-figures-age=""' in page
    assert not FigureSnapshot.objects.filter(computed_at__lt=timezone.now() - timedelta(hours=1)).filter(
        figure="members").exists()


@pytest.mark.django_db
def test_the_refresh_task_skips_figures_another_worker_has_just_computed(aurora_people, settings):
    from ayni.insights.tasks import refresh_figures

    settings.AYNI_INSIGHTS_SNAPSHOT_SECONDS = 600
    community = aurora_people["grief"].community
    assert refresh_figures.call(community.pk, "12m", "en") == len(snapshots.COMPUTE)
    assert refresh_figures.call(community.pk, "12m", "en") == 0
    assert refresh_figures.call(999999, "12m", "en") == 0

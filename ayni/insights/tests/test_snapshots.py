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

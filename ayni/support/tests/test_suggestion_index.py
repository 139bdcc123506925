"""The suggestion index is built in the background; a request never waits for a large build."""

from datetime import timedelta

import pytest
from django.utils import timezone

from ayni.people.models import Profile
from ayni.support import matching
from ayni.support.models import SuggestionIndex
from ayni.support.tests.conftest import make_person
from ayni.support.tests.test_matching import ask

pytest.importorskip("ayni.matching.engine")

pytestmark = pytest.mark.django_db


@pytest.fixture
def large(monkeypatch):
    """Every community counts as too large to index during a request."""
    monkeypatch.setattr(matching, "SYNC_BUILD_MAX_SUPPORTERS", 0)


@pytest.fixture
def supporters(aurora, job_loss):
    return [make_person(aurora, name=f"Sup{n}", supporter=True, topics=[job_loss]) for n in range(2)]


@pytest.fixture
def pick_request(aurora, job_loss, supporters):
    seeker = make_person(aurora, name="Seeker", seeker=True)
    request = ask(seeker, job_loss, choice="pick")
    matching.forget_index()
    return request


def _no_building(monkeypatch):
    def refuse(community):
        raise AssertionError("a request built the index")

    monkeypatch.setattr(matching, "build_supporters", refuse)


def test_without_an_index_a_large_community_answers_at_once_and_the_worker_builds_it(
        large, pick_request, supporters, monkeypatch, django_capture_on_commit_callbacks):
    real_build = matching.build_supporters
    _no_building(monkeypatch)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        found = matching.suggestions_for(pick_request)
        again = matching.suggestions_for(pick_request)
    assert found == [] and found.preparing and again.preparing
    assert len(queued) == 1  # one refresh queued, not one per request
    assert SuggestionIndex.objects.get().version == 0
    monkeypatch.setattr(matching, "build_supporters", real_build)
    queued[0]()  # the worker runs the task (immediate backend in tests)
    row = SuggestionIndex.objects.get()
    assert row.version == 1 and not row.stale and row.supporters_count == 2
    _no_building(monkeypatch)
    found = matching.suggestions_for(pick_request)
    assert not found.preparing and {s.supporter_id for s in found} == {s.pk for s in supporters}


def test_another_process_loads_the_stored_index_instead_of_building_it(
        large, pick_request, supporters, monkeypatch, django_assert_max_num_queries):
    matching.index_refresh(pick_request.community_id)
    matching._INDEX_CACHE.clear()  # a web process that never saw this index
    _no_building(monkeypatch)
    found = matching.suggestions_for(pick_request)
    assert {s.supporter_id for s in found} == {s.pk for s in supporters}
    with django_assert_max_num_queries(20):
        matching.suggestions_for(pick_request)


def test_a_change_to_a_supporter_queues_one_refresh_and_the_index_follows(
        large, pick_request, supporters, django_capture_on_commit_callbacks):
    matching.index_refresh(pick_request.community_id)
    profile = Profile.objects.get(user=supporters[0].user)
    profile.languages = ["en"]  # no shared language with the seeker any more
    with django_capture_on_commit_callbacks(execute=False) as queued:
        profile.save()
        profile.save()
    assert len(queued) == 1 and SuggestionIndex.objects.get().stale
    # Until the refresh runs, the stored index still answers (every proposal rechecks the rules).
    assert len(matching.suggestions_for(pick_request)) == 2
    queued[0]()
    row = SuggestionIndex.objects.get()
    assert row.version == 2 and not row.stale
    assert [s.supporter_id for s in matching.suggestions_for(pick_request)] == [supporters[1].pk]


def test_the_scheduled_job_builds_missing_and_old_indexes_only(aurora, supporters):
    assert matching.index_refresh_due() == 1
    assert matching.index_refresh_due() == 0
    SuggestionIndex.objects.update(built_at=timezone.now() - matching.INDEX_MAX_AGE - timedelta(minutes=1))
    assert matching.index_refresh_due() == 1
    SuggestionIndex.objects.update(built_for=timezone.localdate() - timedelta(days=1))
    assert matching.index_refresh_due() == 1
    assert SuggestionIndex.objects.get(community_id=aurora.pk).version == 3


def test_a_small_community_is_indexed_during_the_request(pick_request, supporters):
    found = matching.suggestions_for(pick_request)
    assert not found.preparing and len(found) == 2
    assert SuggestionIndex.objects.get().version == 1


def test_the_page_says_suggestions_are_being_prepared_and_stays_private(
        large, client_for, pick_request, charlie, alice, monkeypatch):
    _no_building(monkeypatch)
    seeker = pick_request.seeker.user
    page = client_for(seeker).get(f"/en/support/requests/{pick_request.pk}/")
    assert page.status_code == 200 and b"Suggestions are being prepared" in page.content
    page = client_for(seeker).get(f"/es/support/requests/{pick_request.pk}/")
    assert "Estamos preparando las sugerencias" in page.content.decode()
    coordinator = client_for(alice).get(f"/en/support/aurora/coordinate/requests/{pick_request.pk}/")
    assert coordinator.status_code == 200 and b"Suggestions are being prepared" in coordinator.content
    assert client_for(charlie).get(f"/en/support/requests/{pick_request.pk}/").status_code == 404

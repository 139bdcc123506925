"""A round whose worker died mid-run is finished by the task that is put back in the queue."""

import pytest

from ayni.support.matching import round_run
from ayni.support.models import MatchingRound


@pytest.mark.django_db
def test_a_round_left_running_by_a_dead_worker_is_taken_over_and_ends_in_a_preview(aurora, alice):
    matching_round = MatchingRound.objects.create(community=aurora, started_by=alice,
                                                  status=MatchingRound.Status.RUNNING, progress=40, step="solve")
    round_run(matching_round.pk)
    matching_round.refresh_from_db()
    assert matching_round.status == MatchingRound.Status.PREVIEW and matching_round.progress == 100


@pytest.mark.django_db
def test_a_published_round_is_never_run_again(aurora, alice):
    matching_round = MatchingRound.objects.create(community=aurora, started_by=alice,
                                                  status=MatchingRound.Status.PUBLISHED, progress=100)
    assert round_run(matching_round.pk) == 0
    matching_round.refresh_from_db()
    assert matching_round.status == MatchingRound.Status.PUBLISHED

"""Matching from the database: rounds (preview, veto, lock, re-run, publish) and suggestions."""

import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import OperationalError, connection

from ayni.support import matching, services
from ayni.support.models import MatchingRound, Proposal, SupportRequest
from ayni.support.tests.conftest import make_person

pytest.importorskip("ayni.matching.engine")

pytestmark = pytest.mark.django_db


def ask(membership, topic, *, choice="propose", text="Perdí mi trabajo y no sé cómo seguir adelante."):
    request, _screening = services.request_create(actor=membership.user, membership=membership, kinds=["emotional"],
                                                  topics=[topic.pk], situation=text, language="es", choice=choice)
    return request


@pytest.fixture
def people(aurora, job_loss):
    """Three supporters with one place each and four seekers: one seeker stays unmatched."""
    supporters = [make_person(aurora, name=f"Sup{n}", supporter=True, topics=[job_loss]) for n in range(3)]
    seekers = [make_person(aurora, name=f"Seek{n}", seeker=True) for n in range(4)]
    return supporters, seekers


def test_a_round_previews_pairs_that_keep_every_rule_and_publishes_them(alice, people, job_loss,
                                                                         django_capture_on_commit_callbacks):
    _supporters, seekers = people
    requests = [ask(seeker, job_loss) for seeker in seekers]
    with django_capture_on_commit_callbacks(execute=True):
        matching_round = services.round_start(actor=alice, community=requests[0].community)
    matching_round.refresh_from_db()
    assert matching_round.status == MatchingRound.Status.PREVIEW and matching_round.progress == 100
    assert len(matching_round.pairs) == 3 and len(matching_round.unmatched) == 1
    groups = matching.unmatched_groups(matching_round, "en")
    assert groups[0]["count"] == 1 and groups[0]["text"]
    first = matching_round.pairs[0]
    assert matching.explain_reasons(first["reasons"], "es")
    services.round_set_pair(actor=alice, matching_round=matching_round, request_id=first["request"],
                            supporter_id=first["supporter"], action="veto")
    with django_capture_on_commit_callbacks(execute=True):
        services.round_rerun(actor=alice, matching_round=matching_round)
    matching_round.refresh_from_db()
    assert [first["request"], first["supporter"]] not in [[p["request"], p["supporter"]] for p in matching_round.pairs]
    created = services.round_publish(actor=alice, matching_round=matching_round)
    assert len(created) == len(matching_round.pairs) == Proposal.objects.count()
    with pytest.raises(ValidationError):
        services.round_publish(actor=alice, matching_round=matching_round)


def test_publishing_is_all_or_nothing(alice, people, job_loss, django_capture_on_commit_callbacks):
    _supporters, seekers = people
    requests = [ask(seeker, job_loss) for seeker in seekers]
    with django_capture_on_commit_callbacks(execute=True):
        matching_round = services.round_start(actor=alice, community=requests[0].community)
    matching_round.refresh_from_db()
    last = matching_round.pairs[-1]
    SupportRequest.objects.filter(pk=last["request"]).update(status=SupportRequest.Status.WITHDRAWN)
    with pytest.raises(ValidationError):
        services.round_publish(actor=alice, matching_round=matching_round)
    assert not Proposal.objects.exists()
    matching_round.refresh_from_db()
    assert matching_round.status == MatchingRound.Status.PREVIEW


def test_only_coordinators_run_rounds(bob, aurora):
    with pytest.raises(PermissionDenied):
        services.round_start(actor=bob, community=aurora)


def test_a_seeker_sees_suggestions_and_picks_one(people, job_loss, django_assert_max_num_queries):
    supporters, seekers = people
    request = ask(seekers[0], job_loss, choice="pick")
    matching.forget_index()
    found = matching.suggestions_for(request, limit=5)
    assert {s.supporter_id for s in found} == {s.pk for s in supporters}
    with django_assert_max_num_queries(20):
        matching.suggestions_for(request, limit=5)  # the index is cached: a few queries, none per supporter
    chosen = found[0]
    proposal = services.proposal_create(actor=seekers[0].user, request=request,
                                        supporter=next(s for s in supporters if s.pk == chosen.supporter_id),
                                        score=chosen.score, reasons=chosen.reasons, origin=Proposal.Origin.PICKED)
    assert proposal.origin == "picked" and proposal.reasons


def test_a_supporter_whose_training_lapses_after_the_index_was_built_is_not_suggested(
        people, job_loss, trained_supporters):
    supporters, seekers = people
    request = ask(seekers[0], job_loss, choice="pick")
    matching.forget_index()
    assert {s.supporter_id for s in matching.suggestions_for(request)} == {s.pk for s in supporters}
    trained_supporters["untrained"].add(supporters[0].pk)  # a certification expired, the index is cached
    assert {s.supporter_id for s in matching.suggestions_for(request)} == {s.pk for s in supporters[1:]}


def test_a_minor_is_not_suggested_to_an_unchecked_adult(aurora, people, job_loss, trained_supporters):
    pupil = make_person(aurora, name="Pupil", seeker=True, born=2012)
    request = ask(pupil, job_loss, choice="pick")
    matching.forget_index()
    assert matching.suggestions_for(request) == []
    supporters, _seekers = people
    trained_supporters["vetted"].add(supporters[1].pk)
    matching.forget_index()
    assert [s.supporter_id for s in matching.suggestions_for(request)] == [supporters[1].pk]


def test_an_expired_proposal_moves_on_to_the_next_best(alice, people, job_loss, django_capture_on_commit_callbacks):
    from datetime import timedelta

    from django.utils import timezone

    from ayni.notifications.models import Notification

    supporters, seekers = people
    request = ask(seekers[0], job_loss)
    first = services.proposal_create(actor=alice, request=request, supporter=supporters[0])
    Proposal.objects.filter(pk=first.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    matching.forget_index()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.proposals_expire() == 1
    assert services.proposals_expire() == 0
    first.refresh_from_db()
    assert first.status == Proposal.Status.EXPIRED
    following = Proposal.objects.get(request=request, status=Proposal.Status.OPEN)
    assert following.supporter_id != supporters[0].pk and following.origin == Proposal.Origin.NEXT
    assert Notification.objects.filter(recipient=alice, kind="support.proposal_expired").exists()


@pytest.mark.django_db(transaction=True)
def test_two_coordinators_publishing_the_same_round_only_one_succeeds(alice, aurora, people, job_loss):
    from ayni.communities.tests.factories import MembershipFactory

    other = MembershipFactory(community=aurora, is_coordinator=True).user
    _supporters, seekers = people
    for seeker in seekers:
        ask(seeker, job_loss)
    matching_round = services.round_start(actor=alice, community=aurora)
    matching_round.refresh_from_db()
    assert matching_round.status == MatchingRound.Status.PREVIEW
    outcomes = []
    barrier = threading.Barrier(2)

    def publish(user):
        barrier.wait(timeout=10)
        for _attempt in range(2000):
            try:
                services.round_publish(actor=user, matching_round=matching_round)
                outcomes.append("published")
                break
            except ValidationError:
                outcomes.append("refused")
                break
            except OperationalError as error:  # in-memory SQLite: "locked" instead of waiting
                if "locked" not in str(error):
                    raise
        connection.close()

    threads = [threading.Thread(target=publish, args=(user,)) for user in (alice, other)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == ["published", "refused"]
    assert Proposal.objects.count() == 3


def test_a_block_keeps_a_pair_out_of_suggestions_rounds_and_manual_proposals(alice, people, job_loss,
                                                                              django_capture_on_commit_callbacks):
    from ayni.safety.models import Block

    supporters, seekers = people
    request = ask(seekers[0], job_loss, choice="pick")
    Block.objects.create(blocker=supporters[0].user, blocked=seekers[0].user)
    matching.forget_index()
    assert supporters[0].pk not in {s.supporter_id for s in matching.suggestions_for(request)}
    SupportRequest.objects.filter(pk=request.pk).update(choice="propose")
    with pytest.raises(ValidationError):
        services.proposal_create(actor=alice, request=request, supporter=supporters[0])
    with django_capture_on_commit_callbacks(execute=True):
        matching_round = services.round_start(actor=alice, community=request.community)
    matching_round.refresh_from_db()
    assert [request.pk, supporters[0].pk] not in [[p["request"], p["supporter"]] for p in matching_round.pairs]

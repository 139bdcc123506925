import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ayni.core.models import AuditEvent
from ayni.notifications.models import Notification
from ayni.support import services
from ayni.support.capacity import free_places
from ayni.support.models import Proposal, SupportRequest
from ayni.support.tests.conftest import make_person

pytestmark = pytest.mark.django_db


def test_a_seeker_asks_and_the_request_waits(bob, bob_membership, job_loss, alice,
                                             django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        bob_request, _screening = services.request_create(
            actor=bob, membership=bob_membership, kinds=["emotional", "practical"], topics=[job_loss.pk],
            situation="Me despidieron hace un mes y no sé por dónde empezar.", language="es")
    assert bob_request.status == SupportRequest.Status.WAITING
    assert bob_request.kinds == ["emotional", "practical"]
    assert AuditEvent.objects.filter(action="support.request_create").exists()
    assert Notification.objects.filter(recipient=alice, kind="support.request_new").exists()


def test_a_bad_request_names_each_problem_and_writes_nothing(bob, bob_membership):
    with pytest.raises(ValidationError) as error:
        services.request_create(actor=bob, membership=bob_membership, kinds=["magic"], topics=[999999],
                                situation="hola", language="", mode="teleport", urgency="now", choice="x")
    assert set(error.value.message_dict) == {"kinds", "topics", "situation", "language", "mode", "urgency", "choice"}
    assert not SupportRequest.objects.exists()


def test_nobody_asks_for_someone_else(alice, bob_membership, job_loss):
    with pytest.raises(PermissionDenied):
        services.request_create(actor=alice, membership=bob_membership, kinds=["social"], topics=[job_loss.pk],
                                situation="Quiero hablar con alguien.", language="es")


def test_a_seeker_edits_and_withdraws(bob, alice, bob_request, job_loss):
    request, _screening = services.request_update(
        actor=bob, request=bob_request, kinds=["social"], topics=[job_loss.pk],
        situation="Me despidieron y me siento muy solo.", language="es", mode="either", urgency="high")
    assert request.urgency == "high" and request.kinds == ["social"]
    with pytest.raises(PermissionDenied):
        services.request_update(actor=alice, request=bob_request, kinds=["social"], topics=[job_loss.pk],
                                situation="Cambiado por otra persona.", language="es")
    services.request_withdraw(actor=bob, request=request)
    request.refresh_from_db()
    assert request.status == SupportRequest.Status.WITHDRAWN
    with pytest.raises(ValidationError):
        services.request_withdraw(actor=bob, request=request)


def test_both_accept_and_the_relationship_starts(alice, bob, bob_request, teresa, started,
                                                  django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        proposal = services.proposal_create(actor=alice, request=bob_request, supporter=teresa, score=80)
    assert Notification.objects.filter(recipient=bob, kind="support.proposal_new").exists()
    services.proposal_accept(actor=teresa.user, proposal=proposal)
    assert free_places(teresa) == 0  # the place is held while the seeker decides
    proposal = services.proposal_accept(actor=bob, proposal=proposal)
    assert proposal.status == Proposal.Status.ACCEPTED
    bob_request.refresh_from_db()
    assert bob_request.status == SupportRequest.Status.MATCHED
    if started:
        assert started == [(bob_request.seeker.pk, teresa.pk)]
    else:
        from ayni.relationships.models import Relationship

        assert Relationship.objects.filter(seeker=bob_request.seeker, supporter=teresa).exists()


def test_someone_outside_the_proposal_cannot_answer_it(alice, charlie, bob_request, teresa):
    proposal = services.proposal_create(actor=alice, request=bob_request, supporter=teresa)
    for person in (alice, charlie):
        with pytest.raises(PermissionDenied):
            services.proposal_accept(actor=person, proposal=proposal)


def test_a_decline_keeps_its_reason_for_coordinators_and_the_request_waits_again(
        alice, bob, bob_request, teresa, django_capture_on_commit_callbacks):
    proposal = services.proposal_create(actor=alice, request=bob_request, supporter=teresa)
    with pytest.raises(ValidationError):
        services.proposal_decline(actor=bob, proposal=proposal, reason="  ")
    with django_capture_on_commit_callbacks(execute=True):
        services.proposal_decline(actor=bob, proposal=proposal, reason="Prefiero a alguien de mi barrio.")
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.DECLINED and proposal.declined_by == "seeker"
    bob_request.refresh_from_db()
    assert bob_request.status == SupportRequest.Status.WAITING
    told = Notification.objects.get(recipient=teresa.user, kind="support.proposal_declined")
    assert "barrio" not in str(told.context)


def test_asking_for_more_information_does_not_decline(alice, bob, bob_request, teresa,
                                                      django_capture_on_commit_callbacks):
    proposal = services.proposal_create(actor=alice, request=bob_request, supporter=teresa)
    question = services.proposal_ask(actor=teresa.user, proposal=proposal, question="¿Prefiere tardes o mañanas?")
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.OPEN and proposal.supporter_answer == Proposal.Answer.NEEDS_INFO
    with pytest.raises(PermissionDenied):
        services.proposal_question_answer(actor=teresa.user, question=question, answer="yo misma")
    with django_capture_on_commit_callbacks(execute=True):
        services.proposal_question_answer(actor=bob, question=question, answer="Tardes, por favor.")
    assert Notification.objects.filter(recipient=teresa.user, kind="support.proposal_answer").exists()


def test_a_minor_is_never_proposed_to_an_unchecked_adult(alice, aurora, job_loss, teresa, trained_supporters):
    pupil = make_person(aurora, name="Pupil", seeker=True, born=2012)
    request, _screening = services.request_create(
        actor=pupil.user, membership=pupil, kinds=["emotional"], topics=[job_loss.pk],
        situation="Mi padre perdió el trabajo y estoy preocupado.", language="es")
    with pytest.raises(ValidationError, match="menor de edad"):
        services.proposal_create(actor=alice, request=request, supporter=teresa)
    with pytest.raises(ValidationError):
        services.proposal_create(actor=pupil.user, request=request, supporter=teresa, origin=Proposal.Origin.PICKED)
    trained_supporters["vetted"].add(teresa.pk)
    assert services.proposal_create(actor=alice, request=request, supporter=teresa).is_open


def test_hard_rules_refuse_manual_proposals(alice, aurora, bob_request, job_loss, trained_supporters):
    english_only = make_person(aurora, name="Ed", supporter=True, languages=["en"], topics=[job_loss])
    no_topic = make_person(aurora, name="Nora", supporter=True)
    untrained = make_person(aurora, name="Uma", supporter=True, topics=[job_loss])
    trained_supporters["untrained"].add(untrained.pk)
    full = make_person(aurora, name="Fulla", supporter=True, topics=[job_loss], capacity=0)
    for supporter in (english_only, no_topic, untrained, full):
        with pytest.raises(ValidationError):
            services.proposal_create(actor=alice, request=bob_request, supporter=supporter)
    assert not Proposal.objects.exists()


def test_a_seeker_cannot_propose_and_coordinators_cannot_pick(bob, alice, bob_request, teresa):
    with pytest.raises(PermissionDenied):
        services.proposal_create(actor=bob, request=bob_request, supporter=teresa)
    with pytest.raises(PermissionDenied):
        services.proposal_create(actor=alice, request=bob_request, supporter=teresa, origin=Proposal.Origin.PICKED)


def test_a_supporter_without_a_free_place_cannot_accept(alice, aurora, bob_request, teresa, job_loss):
    proposal = services.proposal_create(actor=alice, request=bob_request, supporter=teresa)
    other = make_person(aurora, name="Otro", seeker=True)
    other_request, _ = services.request_create(actor=other.user, membership=other, kinds=["social"],
                                               topics=[job_loss.pk], situation="Busco compañía y consejo.",
                                               language="es")
    second = services.proposal_create(actor=alice, request=other_request, supporter=teresa)
    services.proposal_accept(actor=teresa.user, proposal=proposal)
    with pytest.raises(ValidationError, match="plazas libres"):
        services.proposal_accept(actor=teresa.user, proposal=second)


def test_settings_are_for_coordinators(alice, bob, aurora):
    with pytest.raises(PermissionDenied):
        services.support_settings_update(actor=bob, community=aurora, proposal_expiry_days=3)
    with pytest.raises(ValidationError):
        services.support_settings_update(actor=alice, community=aurora, proposal_expiry_days=0)
    assert services.support_settings_update(actor=alice, community=aurora, proposal_expiry_days=3).proposal_expiry_days == 3

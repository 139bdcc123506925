"""The same form sent several times at once, or again a moment later, does its work once.

Each racer is a browser request of the same logged-in person carrying the same one-time form
key, as a double click or a retry sends it. Run on SQLite and on PostgreSQL (DATABASE_URL)."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ayni.core.models import AuditEvent, FormSubmission
from ayni.core.submissions import FIELD, new_key
from ayni.core.tests.concurrency import run_together
from ayni.messaging.tests.conftest import circle, conversation, erin  # noqa: F401 - fixtures
from ayni.support.tests.conftest import trained_supporters  # noqa: F401 - fixture
from conftest import membership

RACERS = 4


def browsers_of(user, count: int = RACERS) -> list[Client]:
    """`count` clients sharing one logged-in session: the same browser sending again."""
    first = Client()
    first.force_login(user, backend="ayni.accounts.backends.EmailBackend")
    clients = [first]
    for _index in range(count - 1):
        other = Client()
        other.cookies = first.cookies
        clients.append(other)
    return clients


def post_together(user, url: str, data: dict) -> list:
    return run_together([lambda client=client: client.post(url, data) for client in browsers_of(user)])


def assert_every_racer_was_answered(responses) -> None:
    for response in responses:
        assert not isinstance(response, BaseException), response
        assert response.status_code in (200, 302), response.status_code


def request_form(key: str, aurora) -> dict:
    return {"kinds": ["emotional"], "topics": [str(aurora.topics.get(key="job-loss").pk)],
            "situation": "Perdí mi trabajo y no sé por dónde empezar.", "language": "es", "mode": "online",
            "urgency": "normal", "choice": "propose", FIELD: key}


@pytest.mark.django_db(transaction=True)
def test_a_request_for_support_sent_four_times_at_once_is_created_once(aurora, alice, bob):
    from ayni.support.models import SupportRequest

    responses = post_together(bob, reverse("support:request_create", args=["aurora"]), request_form(new_key(), aurora))

    assert_every_racer_was_answered(responses)
    requests = list(SupportRequest.objects.filter(seeker__user=bob))
    assert len(requests) == 1
    detail = reverse("support:request_detail", args=[requests[0].pk])
    assert {response["Location"] for response in responses} == {detail}
    assert AuditEvent.objects.filter(action="support.request_create").count() == 1


@pytest.mark.django_db
def test_a_request_sent_again_a_moment_later_leads_to_the_first_one(aurora, alice, bob, client_for):
    from ayni.support.models import SupportRequest

    client = client_for(bob)
    data = request_form(new_key(), aurora)
    first = client.post(reverse("support:request_create", args=["aurora"]), data)
    again = client.post(reverse("support:request_create", args=["aurora"]), data)

    assert SupportRequest.objects.filter(seeker__user=bob).count() == 1
    assert first.status_code == again.status_code == 302
    assert again["Location"] == first["Location"]


@pytest.mark.django_db
def test_two_forms_with_their_own_keys_make_two_requests(aurora, alice, bob, client_for):
    from ayni.support.models import SupportRequest

    client = client_for(bob)
    for _form in range(2):
        client.post(reverse("support:request_create", args=["aurora"]), request_form(new_key(), aurora))

    assert SupportRequest.objects.filter(seeker__user=bob).count() == 2


@pytest.mark.django_db
def test_a_refused_form_keeps_its_key_free_for_the_corrected_one(aurora, alice, bob, client_for):
    from ayni.support.models import SupportRequest

    client = client_for(bob)
    data = request_form(new_key(), aurora)
    refused = client.post(reverse("support:request_create", args=["aurora"]), {**data, "situation": "corto"})
    corrected = client.post(reverse("support:request_create", args=["aurora"]), data)

    assert refused.status_code == 200
    assert corrected.status_code == 302
    assert SupportRequest.objects.filter(seeker__user=bob).count() == 1


@pytest.mark.django_db
def test_the_same_key_from_another_person_is_not_a_repeat(aurora, alice, bob, charlie, client_for):
    """Keys are per person: nobody can block someone else's form by guessing or reusing a key."""
    from ayni.communities.tests.factories import MembershipFactory
    from ayni.support.models import SupportRequest

    MembershipFactory(community=aurora, user=charlie)
    data = request_form(new_key(), aurora)
    client_for(bob).post(reverse("support:request_create", args=["aurora"]), data)
    client_for(charlie).post(reverse("support:request_create", args=["aurora"]), data)

    assert SupportRequest.objects.filter(seeker__user=bob).count() == 1
    assert SupportRequest.objects.filter(seeker__user=charlie).count() == 1
    assert FormSubmission.objects.count() == 2


@pytest.mark.django_db
def test_the_forms_carry_a_one_time_key(aurora, alice, bob, client_for):
    page = client_for(bob).get(reverse("support:request_create", args=["aurora"]))

    assert f'name="{FIELD}"' in page.content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_message_sent_four_times_at_once_arrives_once(aurora, alice, bob, erin, conversation):  # noqa: F811
    from ayni.messaging.models import Message

    responses = post_together(bob, reverse("messaging:send", args=[conversation.pk]),
                              {"body": "¿Nos vemos el jueves?", FIELD: new_key()})

    assert_every_racer_was_answered(responses)
    assert Message.objects.filter(conversation=conversation, author=bob).count() == 1


@pytest.fixture
def half_accepted(aurora, alice, trained_supporters):  # noqa: F811
    """A proposal the seeker already said yes to; the supporter has one free place."""
    from ayni.support import services
    from ayni.support.tests.conftest import make_person

    job_loss = aurora.topics.get(key="job-loss")
    teresa = make_person(aurora, name="Teresa", supporter=True, topics=[job_loss])
    seeker = make_person(aurora, name="Sara", seeker=True)
    request, _screening = services.request_create(actor=seeker.user, membership=seeker, kinds=["emotional"],
                                                  topics=[job_loss.pk], situation="Perdí mi trabajo este mes.",
                                                  language="es")
    proposal = services.proposal_create(actor=alice, request=request, supporter=teresa, notify_people=False)
    services.proposal_accept(actor=seeker.user, proposal=proposal)
    return proposal


@pytest.mark.django_db(transaction=True)
def test_a_yes_to_a_proposal_sent_four_times_at_once_counts_once(half_accepted):
    from ayni.relationships.models import Relationship
    from ayni.support.models import Proposal

    supporter = half_accepted.supporter
    responses = post_together(supporter.user, reverse("support:proposal_action", args=[half_accepted.pk, "accept"]),
                              {FIELD: new_key()})

    assert_every_racer_was_answered(responses)
    half_accepted.refresh_from_db()
    assert half_accepted.status == Proposal.Status.ACCEPTED
    assert AuditEvent.objects.filter(action="support.proposal_accept", actor=supporter.user).count() == 1
    assert Relationship.objects.filter(supporter=supporter).count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_yes_sent_four_times_without_a_key_still_counts_once(half_accepted):
    """Older pages and scripts send no key: the proposal's own conditional update still holds."""
    from ayni.relationships.models import Relationship

    supporter = half_accepted.supporter
    responses = post_together(supporter.user, reverse("support:proposal_action", args=[half_accepted.pk, "accept"]),
                              {})

    assert_every_racer_was_answered(responses)
    assert AuditEvent.objects.filter(action="support.proposal_accept", actor=supporter.user).count() == 1
    assert Relationship.objects.filter(supporter=supporter).count() == 1


@pytest.fixture
def active_relationship(aurora, alice, bob):
    from ayni.communities.tests.factories import MembershipFactory
    from ayni.relationships.services import agreement_acknowledge, relationship_start

    sofia = MembershipFactory(community=aurora, user__display_name="Sofía", user__email="sofia@example.org",
                              is_supporter=True, capacity=2)
    relationship = relationship_start(actor=alice, seeker=membership(bob, aurora), supporter=sofia,
                                      topics=list(aurora.topics.all()[:1]))
    for person in (bob, sofia.user):
        agreement_acknowledge(actor=person, relationship=relationship, frequency="weekly", session_minutes=60,
                              planned_months=3)
    relationship.refresh_from_db()
    return relationship


@pytest.mark.django_db(transaction=True)
def test_a_session_logged_four_times_at_once_is_logged_once(bob, active_relationship):
    from ayni.relationships.models import Session

    responses = post_together(bob, reverse("relationships:session_new", args=[active_relationship.pk]), {
        "mode": "log", "held_on": timezone.localdate().isoformat(), "duration_minutes": "45", "kind": "video",
        "shared_notes": "Hablamos del currículum.", FIELD: new_key()})

    assert_every_racer_was_answered(responses)
    sessions = list(Session.objects.filter(relationship=active_relationship))
    assert len(sessions) == 1
    assert {response["Location"] for response in responses} == {
        reverse("relationships:session", args=[active_relationship.pk, sessions[0].pk])}
    assert AuditEvent.objects.filter(action="relationship.session_log").count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_check_in_answered_four_times_at_once_is_answered_once(bob, active_relationship):
    from ayni.relationships.models import CheckIn

    check_in = CheckIn.objects.create(relationship=active_relationship, user=bob, sequence=1, due_at=timezone.now())

    responses = post_together(bob, reverse("relationships:check_in", args=[active_relationship.pk]),
                              {"answer": "well", "comment": "Muy bien, gracias.", FIELD: new_key()})

    assert_every_racer_was_answered(responses)
    check_in.refresh_from_db()
    assert check_in.answer == "well"
    assert AuditEvent.objects.filter(action="relationship.check_in_answer").count() == 1
    assert all(response.status_code == 302 for response in responses)

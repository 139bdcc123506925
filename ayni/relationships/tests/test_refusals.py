"""Every page and every API call of a relationship refuses the wrong person, on real objects.

Strangers (no community; a supporter of the same community outside the relationship; a
coordinator of another community) get 404, as if the relationship did not exist. The
community's coordinator may see the status but gets 403 for what only the two people do. A
refused request writes nothing: no row changes and no audit event.
"""

import json
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from ayni.core.models import AuditEvent
from ayni.relationships import services
from ayni.relationships.models import CheckIn, ExitSurvey, Goal, Milestone, Relationship, Session

pytestmark = pytest.mark.django_db

API = "/api/v1/relationships"


@pytest.fixture
def world(active, bob, sofia):
    """An active relationship with a scheduled and a held session, a goal with a milestone and a
    check-in waiting for Bob's answer."""
    from ayni.relationships.monitoring import ask_check_ins

    scheduled = services.session_schedule(actor=bob, relationship=active, place="Biblioteca",
                                          starts_at=timezone.now() + timedelta(days=2))
    held = services.session_schedule(actor=bob, relationship=active, place="Café",
                                     starts_at=timezone.now() + timedelta(hours=1))
    services.session_log(actor=sofia, relationship=active, session=held, held_on=timezone.localdate(),
                         duration_minutes=45, kind="in_person", shared_notes="Compartida")
    goal = services.goal_create(actor=bob, relationship=active, title="Volver a buscar trabajo", milestones=["CV"])
    ask_check_ins(now=active.started_at + timedelta(hours=49))
    return {"relationship": active, "scheduled": scheduled, "held": held, "goal": goal,
            "milestone": goal.milestones.get(), "check_in": CheckIn.objects.get(relationship=active, user=bob)}


def snapshot(world) -> tuple:
    relationship = Relationship.objects.get(pk=world["relationship"].pk)
    return (relationship.status, Session.objects.filter(relationship=relationship).count(),
            sorted(Session.objects.filter(relationship=relationship).values_list("status", flat=True)),
            Goal.objects.filter(relationship=relationship).count(), Milestone.objects.filter(done_at__isnull=False).count(),
            CheckIn.objects.filter(answered_at__isnull=False).count(), ExitSurvey.objects.count(),
            AuditEvent.objects.count(), Relationship.objects.count())


def pages(world) -> list[tuple[str, str, dict]]:
    """(method, url, data) for every page of the relationship, with a valid-looking body."""
    pk = world["relationship"].pk
    scheduled, held, goal = world["scheduled"].pk, world["held"].pk, world["goal"].pk
    rows = [("get", reverse("relationships:detail", args=[pk]), {}),
            ("get", reverse("relationships:agreement", args=[pk]), {}),
            ("post", reverse("relationships:agreement", args=[pk]),
             {"frequency": "weekly", "session_minutes": 60, "planned_months": 3, "agree": "on"}),
            ("get", reverse("relationships:session_new", args=[pk]), {}),
            ("post", reverse("relationships:session_new", args=[pk]),
             {"date": (timezone.localdate() + timedelta(days=3)).isoformat(), "time": "18:00", "place": "Casa"}),
            ("get", reverse("relationships:session", args=[pk, held]), {}),
            ("post", reverse("relationships:session", args=[pk, scheduled]),
             {"log-held_on": timezone.localdate().isoformat(), "log-duration_minutes": 30, "log-kind": "phone"}),
            ("get", reverse("relationships:session_ics", args=[pk, scheduled]), {}),
            ("post", reverse("relationships:session_cancel", args=[pk, scheduled]), {}),
            ("post", reverse("relationships:goal_new", args=[pk]), {"title": "Otro objetivo"}),
            ("get", reverse("relationships:goal", args=[pk, goal]), {}),
            ("post", reverse("relationships:goal", args=[pk, goal]),
             {"form": "done", "milestone": world["milestone"].pk}),
            ("get", reverse("relationships:check_in", args=[pk]), {}),
            ("post", reverse("relationships:check_in", args=[pk]), {"answer": "well"}),
            ("get", reverse("relationships:exit_survey", args=[pk]), {}),
            ("post", reverse("relationships:exit_survey", args=[pk]), {"would_continue": "no"})]
    for action in ("pause", "start_closing", "close", "cancel"):
        rows.append(("post", reverse("relationships:change_status", args=[pk, action]),
                     {"kind": "unplanned", "reason": "Sin motivo"}))
    rows.append(("get", reverse("relationships:rematch", args=[pk]), {}))
    return rows


def api_calls(world) -> list[tuple[str, str, dict]]:
    pk = world["relationship"].pk
    scheduled, held = world["scheduled"].pk, world["held"].pk
    goal, milestone, check_in = world["goal"].pk, world["milestone"].pk, world["check_in"].pk
    starts_at = (timezone.now() + timedelta(days=3)).isoformat()
    log = {"held_on": timezone.localdate().isoformat(), "duration_minutes": 30, "kind": "phone"}
    return [("get", f"{API}/{pk}", {}), ("get", f"{API}/{pk}/agreement", {}),
            ("post", f"{API}/{pk}/acknowledge", {"frequency": "weekly", "session_minutes": 60, "planned_months": 3}),
            ("get", f"{API}/{pk}/sessions", {}),
            ("post", f"{API}/{pk}/sessions", {"starts_at": starts_at, "place": "Casa"}),
            ("post", f"{API}/{pk}/sessions/log", log),
            ("post", f"{API}/{pk}/sessions/{scheduled}/log", log),
            ("post", f"{API}/{pk}/sessions/{scheduled}/cancel", {}),
            ("post", f"{API}/{pk}/sessions/{held}/feedback", {"usefulness": 5, "feeling": "good"}),
            ("get", f"{API}/{pk}/goals", {}),
            ("post", f"{API}/{pk}/goals", {"title": "Otro objetivo"}),
            ("post", f"{API}/{pk}/goals/{goal}/progress", {"text": "Avanzo", "progress": 50}),
            ("post", f"{API}/{pk}/goals/{goal}/milestones", {"title": "LinkedIn"}),
            ("post", f"{API}/{pk}/goals/{goal}/milestones/{milestone}", {"done": True}),
            ("get", f"{API}/{pk}/check-ins", {}),
            ("post", f"{API}/{pk}/check-ins/{check_in}", {"answer": "well"}),
            ("post", f"{API}/{pk}/exit-survey", {"would_continue": "no"}),
            ("post", f"{API}/{pk}/rematch", {"supporter_membership_id": world["relationship"].supporter_id,
                                              "reason": "Sin motivo"}),
            ("post", f"{API}/{pk}/pause", {"reason": "Sin motivo"}),
            ("post", f"{API}/{pk}/start-closing", {"kind": "planned", "reason": "Sin motivo"}),
            ("post", f"{API}/{pk}/close", {"kind": "unplanned", "reason": "Sin motivo"}),
            ("post", f"{API}/{pk}/cancel", {"reason": "Sin motivo"})]


def call(client, method, url, data, *, api: bool):
    if method == "get":
        return client.get(url)
    if api:
        return client.post(url, data=json.dumps(data), content_type="application/json")
    return client.post(url, data)


@pytest.mark.parametrize("stranger", ["charlie", "tomas", "dana"])
def test_strangers_get_404_from_every_page_and_api_call_and_change_nothing(world, client_for, stranger, request):
    client = client_for(request.getfixturevalue(stranger))
    before = snapshot(world)
    for method, url, data in pages(world):
        assert call(client, method, url, data, api=False).status_code == 404, (method, url)
    for method, url, data in api_calls(world):
        assert call(client, method, url, data, api=True).status_code == 404, (method, url)
    assert snapshot(world) == before




def test_the_coordinator_is_refused_what_only_the_two_people_do(world, client_for, alice):
    client = client_for(alice)
    before = snapshot(world)
    pk = world["relationship"].pk
    for method, url, data in pages(world):
        name = url.split(f"/relationships/{pk}/")[1].split("/")[0]
        if name in ("agreement", "sessions", "goals", "check-in", "exit-survey"):
            assert call(client, method, url, data, api=False).status_code == 403, (method, url)
    for method, url, data in api_calls(world):
        if url.endswith(("/rematch", "/pause", "/start-closing", "/close", "/cancel")):
            continue  # the coordinator's own lifecycle actions, tested with the lifecycle
        response = call(client, method, url, data, api=True)
        if method == "get" and url in (f"{API}/{pk}", f"{API}/{pk}/goals", f"{API}/{pk}/check-ins"):
            assert response.status_code == 200, url
        else:
            assert response.status_code == 403, (method, url, response.status_code)
    assert snapshot(world) == before


def test_one_person_cannot_answer_the_others_check_in(world, client_for, sofia):
    url = f"{API}/{world['relationship'].pk}/check-ins/{world['check_in'].pk}"
    response = call(client_for(sofia), "post", url, {"answer": "badly"}, api=True)
    assert response.status_code == 403
    assert CheckIn.objects.get(pk=world["check_in"].pk).answered_at is None


def _start(client, seeker, supporter):
    return client.post(API, data=json.dumps({"seeker_membership_id": seeker.pk,
                                             "supporter_membership_id": supporter.pk}),
                       content_type="application/json")


@pytest.mark.parametrize("starter", ["tomas", "bob"])
def test_neither_person_starts_a_relationship_with_someone_of_their_choosing(client_for, aurora, bob, tomas, alice,
                                                                             starter, request):
    """Without an accepted proposal a supporter could pick any seeker (membership ids are plain
    numbers) and message them at once, past matching, training and capacity; a seeker likewise."""
    from ayni.communities.models import Membership
    from ayni.messaging.models import Conversation
    from ayni.notifications.models import Notification

    seeker, supporter = Membership.objects.get(user=bob), Membership.objects.get(user=tomas)
    before = AuditEvent.objects.count()
    response = _start(client_for(request.getfixturevalue(starter)), seeker, supporter)
    assert response.status_code == 403, response.content
    with pytest.raises(PermissionDenied):
        services.relationship_start(actor=request.getfixturevalue(starter), seeker=seeker, supporter=supporter,
                                    topics=[])
    assert not Relationship.objects.exists() and not Conversation.objects.exists()
    assert not Notification.objects.filter(recipient__in=[bob, tomas]).exists()
    assert AuditEvent.objects.count() == before
    assert _start(client_for(alice), seeker, supporter).status_code == 201


def test_either_person_starts_it_once_both_accepted_a_proposal(aurora, bob, tomas, alice):
    from ayni.communities.models import Membership
    from ayni.support.models import Proposal, SupportRequest

    seeker, supporter = Membership.objects.get(user=bob), Membership.objects.get(user=tomas)
    support_request = SupportRequest.objects.create(community=aurora, seeker=seeker, situation="Sin trabajo.")
    proposal = Proposal.objects.create(community=aurora, request=support_request, seeker=seeker, supporter=supporter,
                                       expires_at=timezone.now() + timedelta(days=7))
    with pytest.raises(PermissionDenied):  # still open: only one of them has said yes, or neither
        services.relationship_start(actor=tomas, seeker=seeker, supporter=supporter, topics=[])
    Proposal.objects.filter(pk=proposal.pk).update(status=Proposal.Status.ACCEPTED)
    relationship = services.relationship_start(actor=tomas, seeker=seeker, supporter=supporter, topics=[])
    assert relationship.status == "proposed" and relationship.created_by == tomas

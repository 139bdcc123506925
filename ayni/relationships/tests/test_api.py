import json
from datetime import timedelta

import pytest
from django.utils import timezone

from ayni.relationships import services
from ayni.relationships.models import Relationship
from conftest import membership

pytestmark = pytest.mark.django_db

API = "/api/v1/relationships"


def post(client, url, data=None):
    return client.post(url, data=json.dumps(data or {}), content_type="application/json")


def test_a_coordinator_starts_and_both_people_acknowledge_through_the_api(client_for, alice, bob, sofia, aurora):
    topic = aurora.topics.get(key="job-loss")
    response = post(client_for(alice), API, {"seeker_membership_id": membership(bob, aurora).pk,
                                             "supporter_membership_id": membership(sofia, aurora).pk,
                                             "topic_ids": [topic.pk]})
    assert response.status_code == 201, response.content
    relationship_id = response.json()["id"]
    assert response.json()["status"] == "proposed" and response.json()["topics"] == ["job-loss"]
    plan = {"frequency": "fortnightly", "session_minutes": 45, "planned_months": 6}
    assert post(client_for(bob), f"{API}/{relationship_id}/acknowledge", plan).status_code == 200
    response = post(client_for(sofia), f"{API}/{relationship_id}/acknowledge", plan)
    assert response.json()["status"] == "active"


def test_bad_input_gets_a_clear_400_and_writes_nothing(client_for, proposed, bob):
    response = post(client_for(bob), f"{API}/{proposed.pk}/acknowledge",
                    {"frequency": "daily", "session_minutes": 45, "planned_months": 6})
    assert response.status_code == 400 and response.json()["detail"]
    response = post(client_for(bob), f"{API}/{proposed.pk}/acknowledge",
                    {"frequency": "weekly", "session_minutes": "mucho", "planned_months": 6})
    assert response.status_code in (400, 422)
    assert not proposed.acknowledgements.exists()


def test_the_whole_journey_through_the_api(client_for, active, bob, sofia):
    bob_client = client_for(bob)
    starts = (timezone.now() + timedelta(days=1)).isoformat()
    response = post(bob_client, f"{API}/{active.pk}/sessions", {"starts_at": starts, "place": "Café Central"})
    assert response.status_code == 201, response.content
    session_id = response.json()["id"]
    response = post(bob_client, f"{API}/{active.pk}/sessions/{session_id}/log",
                    {"held_on": timezone.localdate().isoformat(), "duration_minutes": 40, "kind": "in_person",
                     "shared_notes": "Compartida", "private_notes": "Solo mía"})
    assert response.json()["my_private_notes"] == "Solo mía"
    sessions = client_for(sofia).get(f"{API}/{active.pk}/sessions").json()["items"]
    assert sessions[0]["shared_notes"] == "Compartida" and sessions[0]["my_private_notes"] == ""
    assert post(bob_client, f"{API}/{active.pk}/sessions/{session_id}/feedback",
                {"usefulness": 4, "feeling": "good"}).status_code == 201
    goal = post(bob_client, f"{API}/{active.pk}/goals", {"title": "Encontrar trabajo", "milestones": ["CV"]}).json()
    assert post(bob_client, f"{API}/{active.pk}/goals/{goal['id']}/progress",
                {"text": "Dos entrevistas", "progress": 50}).json()["progress"] == 50
    response = post(bob_client, f"{API}/{active.pk}/start-closing", {"kind": "planned", "reason": "Trabajo encontrado"})
    assert response.json()["status"] == "closing"
    for person in (bob, sofia):
        response = post(client_for(person), f"{API}/{active.pk}/exit-survey",
                        {"would_continue": "no", "goal_ratings": {str(goal["id"]): 4}})
        assert response.status_code == 201
    assert response.json()["status"] == "closed"


def test_strangers_get_404_and_coordinators_get_the_status_only(client_for, active, bob, alice, charlie, dana, tomas):
    session = services.session_schedule(actor=bob, relationship=active, starts_at=timezone.now() + timedelta(days=1),
                                        place="Café")
    for person in (charlie, dana, tomas):
        client = client_for(person)
        assert client.get(f"{API}/{active.pk}").status_code == 404
        assert client.get(f"{API}/{active.pk}/sessions").status_code == 404
        assert client.get(f"{API}/{active.pk}/goals").status_code == 404
        assert post(client, f"{API}/{active.pk}/pause").status_code == 404
        assert post(client, f"{API}/{active.pk}/goals", {"title": "x"}).status_code == 404
    coordinator = client_for(alice)
    assert coordinator.get(f"{API}/{active.pk}").json()["status"] == "active"
    assert coordinator.get(f"{API}/{active.pk}/sessions").status_code == 403
    assert post(coordinator, f"{API}/{active.pk}/sessions/{session.pk}/log",
                {"held_on": timezone.localdate().isoformat(), "duration_minutes": 40, "kind": "phone"}).status_code == 403
    assert post(coordinator, f"{API}/{active.pk}/goals", {"title": "x"}).status_code == 403
    assert coordinator.get(f"{API}/community/aurora").json()["count"] == 1
    assert client_for(bob).get(f"{API}/community/aurora").status_code == 403
    assert Relationship.objects.get(pk=active.pk).status == "active"


def test_a_participant_may_not_close_at_once_but_the_coordinator_may(client_for, active, bob, alice):
    response = post(client_for(bob), f"{API}/{active.pk}/close", {"kind": "unplanned", "reason": "x"})
    assert response.status_code == 403
    response = post(client_for(alice), f"{API}/{active.pk}/close", {"kind": "unplanned", "reason": "Se mudó"})
    assert response.json()["status"] == "closed"
    assert post(client_for(alice), f"{API}/{active.pk}/fly").status_code == 404


def test_coordinators_change_the_settings_with_validation(client_for, alice, bob):
    client = client_for(alice)
    response = client.patch(f"{API}/community/aurora/settings", data=json.dumps({"inactivity_alert_days": 10}),
                            content_type="application/json")
    assert response.status_code == 400
    response = client.patch(f"{API}/community/aurora/settings",
                            data=json.dumps({"inactivity_reminder_days": 14, "agreement_en": "Our own"}),
                            content_type="application/json")
    assert response.json()["inactivity_reminder_days"] == 14 and response.json()["agreement_en"] == "Our own"
    assert client_for(bob).get(f"{API}/community/aurora/settings").status_code == 403

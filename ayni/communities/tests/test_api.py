import pytest

from ayni.communities.models import Membership, Topic
from ayni.communities.tests.factories import MembershipFactory
from conftest import membership


@pytest.mark.django_db
def test_listed_communities_are_paginated_json(client_for, charlie, aurora, boreal):
    response = client_for(charlie).get("/api/v1/communities")
    body = response.json()
    assert body["count"] == 1 and [c["slug"] for c in body["items"]] == ["aurora"]


@pytest.mark.django_db
def test_the_api_needs_authentication_and_says_so_in_the_readers_language(client, aurora):
    response = client.get("/api/v1/communities", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 401 and "personal API token" in response.json()["detail"]


@pytest.mark.django_db
def test_an_unlisted_community_does_not_exist_for_outsiders(client_for, charlie, boreal):
    assert client_for(charlie).get("/api/v1/communities/boreal").status_code == 404


@pytest.mark.django_db
def test_joining_through_the_api(client_for, charlie, aurora):
    response = client_for(charlie).post("/api/v1/communities/aurora/join",
                                        {"agree_values": True, "as_supporter": True}, content_type="application/json")
    assert response.status_code == 201 and response.json()["status"] == "pending"


@pytest.mark.django_db
def test_wrong_types_get_a_field_by_field_message_and_change_nothing(client_for, charlie, aurora):
    response = client_for(charlie).post("/api/v1/communities/aurora/join", {"agree_values": "perhaps"},
                                        content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422
    assert response.json()["errors"] == {"agree_values": ["Must be true or false."]}
    assert not Membership.objects.filter(user=charlie).exists()


@pytest.mark.django_db
def test_a_service_refusal_is_a_400_with_the_reason(client_for, charlie, aurora):
    response = client_for(charlie).post("/api/v1/communities/aurora/join", {"agree_values": False},
                                        content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400 and "shared values" in response.json()["detail"]


@pytest.mark.parametrize("who, status", [("bob", 403), ("charlie", 403), ("dana", 403)])
@pytest.mark.django_db
def test_only_coordinators_list_members(client_for, request, aurora, alice, who, status):
    response = client_for(request.getfixturevalue(who)).get("/api/v1/communities/aurora/memberships")
    assert response.status_code == status
    assert alice.email not in response.content.decode()


@pytest.mark.django_db
def test_a_coordinator_approves_through_the_api(client_for, alice, aurora):
    pending = MembershipFactory(community=aurora, status="pending", joined_at=None)
    client = client_for(alice)
    listing = client.get("/api/v1/communities/aurora/memberships?status=pending").json()
    assert [item["id"] for item in listing["items"]] == [pending.pk]
    response = client.post(f"/api/v1/communities/aurora/memberships/{pending.pk}/approve",
                           content_type="application/json")
    assert response.status_code == 200 and response.json()["status"] == "active"


@pytest.mark.django_db
def test_a_seeker_cannot_change_roles_through_the_api(client_for, bob, aurora):
    own = membership(bob, aurora)
    response = client_for(bob).put(f"/api/v1/communities/aurora/memberships/{own.pk}/roles",
                                   {"is_seeker": True, "is_supporter": True, "is_coordinator": True},
                                   content_type="application/json")
    assert response.status_code == 403
    assert not membership(bob, aurora).is_coordinator


@pytest.mark.django_db
def test_topics_through_the_api(client_for, alice, bob, aurora):
    response = client_for(alice).post("/api/v1/communities/aurora/topics",
                                      {"name_es": "Soledad", "name_en": "Loneliness"}, content_type="application/json")
    assert response.status_code == 201
    assert client_for(bob).post("/api/v1/communities/aurora/topics", {"name_es": "X", "name_en": "X"},
                                content_type="application/json").status_code == 403
    names = [t["name"] for t in client_for(bob).get("/api/v1/communities/aurora/topics", HTTP_ACCEPT_LANGUAGE="en").json()]
    assert "Loneliness" in names
    assert not Topic.objects.filter(name_en="X").exists()


@pytest.mark.django_db
def test_my_profile_and_experiences_through_the_api(client_for, bob, aurora):
    client = client_for(bob)
    response = client.put("/api/v1/me/profile", {"languages": ["es"], "meeting_mode": "online", "availability": ["mon-eve"]},
                          content_type="application/json")
    assert response.status_code == 200 and response.json()["availability"] == ["mon-eve"]
    topic = Topic.objects.get(community=aurora, key="job-loss")
    response = client.put("/api/v1/communities/aurora/me/experiences",
                          {"topic_id": topic.pk, "story": "Me despidieron tras veinte años y volví a empezar."},
                          content_type="application/json")
    assert response.status_code == 200 and response.json()["topic_key"] == "job-loss"
    response = client.put("/api/v1/communities/aurora/me/experiences",
                          {"topic_id": 999999, "story": "Una historia suficientemente larga para pasar."},
                          content_type="application/json")
    assert response.status_code == 400 and "topic" in response.json()["errors"]


@pytest.mark.django_db
def test_the_openapi_schema_is_published(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["info"]["title"] == "Ayni API" and "/api/v1/communities" in schema["paths"]

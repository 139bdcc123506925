"""The insights API: coordinators of the community read its figures; everyone else is refused."""

import pytest

from ayni.accounts.services import api_token_create
from ayni.insights import demo

ENDPOINTS = ["dashboard", "gaps", "outcomes", "network"]


def _url(endpoint, slug="aurora"):
    return f"/api/v1/insights/{slug}/{endpoint}"


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_a_coordinator_reads_the_figures_of_their_community(client_for, alice, aurora_people, endpoint):
    response = client_for(alice).get(_url(endpoint), {"period": "12m"})
    assert response.status_code == 200
    body = response.json()
    assert body["community"] == "aurora" and body["period"]["key"] == "12m"


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("who", ["bob", "charlie", "dana"])
def test_anyone_but_the_communitys_coordinators_is_refused(client_for, request, aurora_people, endpoint, who):
    # bob: a seeker of aurora; charlie: in no community; dana: the coordinator of another community.
    response = client_for(request.getfixturevalue(who)).get(_url(endpoint))
    assert response.status_code == 403
    assert set(response.json()) == {"detail"}


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_an_unlisted_community_does_not_exist_for_a_coordinator_from_elsewhere(client_for, alice, boreal, endpoint):
    assert client_for(alice).get(_url(endpoint, "boreal")).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_without_credentials_the_api_says_to_log_in(client, aurora_people, endpoint):
    assert client.get(_url(endpoint)).status_code == 401


@pytest.mark.django_db
def test_the_coordinator_of_another_community_cannot_read_it_with_their_token(client, dana, aurora_people, boreal):
    _token, secret = api_token_create(actor=dana, name="informes", scope="read")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    assert client.get(_url("dashboard", "boreal"), **auth).status_code == 200
    assert client.get(_url("dashboard", "aurora"), **auth).status_code == 403


@pytest.mark.django_db
def test_a_read_only_token_is_enough_and_a_member_token_is_not(client, alice, bob, aurora_people):
    _token, secret = api_token_create(actor=alice, name="funder report", scope="read")
    response = client.get(_url("gaps"), HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 200
    # The figures are read-only: no method changes them, whatever the token.
    assert client.post(_url("gaps"), HTTP_AUTHORIZATION=f"Bearer {secret}").status_code in (403, 405)
    _token, member_secret = api_token_create(actor=bob, name="mine", scope="write")
    assert client.get(_url("gaps"), HTTP_AUTHORIZATION=f"Bearer {member_secret}").status_code == 403
    assert client.get(_url("gaps"), HTTP_AUTHORIZATION="Bearer ayni_nope_nope").status_code == 401


@pytest.mark.django_db
def test_the_gaps_are_suppressed_as_on_the_page_and_come_with_a_recruitment_message(client_for, alice, aurora_people):
    body = client_for(alice).get(_url("gaps"), HTTP_ACCEPT_LANGUAGE="en").json()
    # Eight seekers wait on grief; four of them in Quechua: a count under 5 is null.
    grief = next(gap for gap in body["gaps"] if gap["dimension"] == "topic")
    assert grief["waiting"] == 8 and grief["topic_key"] == "grief" and "Aurora" in grief["recruitment_message"]
    quechua = next(gap for gap in body["gaps"] if gap["dimension"] == "language" and gap["language"] == "qu")
    assert quechua["waiting"] is None
    assert body["seekers"] == 8


@pytest.mark.django_db
def test_the_dashboard_gives_the_sections_of_the_page_with_small_numbers_hidden(client_for, alice, aurora_people):
    body = client_for(alice).get(_url("dashboard")).json()
    sections = {section["key"]: section for section in body["sections"]}
    assert {"members", "supporters", "gaps", "surveys"} <= set(sections)
    coordinators = next(h for h in sections["members"]["headlines"] if h["figure"] == "coordinators")
    assert coordinators["value"] is None  # one coordinator: "under 5"
    seekers = next(h for h in sections["members"]["headlines"] if h["figure"] == "seekers")
    assert seekers["value"] == 9  # eight waiting and bob


@pytest.mark.django_db
def test_outcomes_come_with_a_confidence_interval(client_for, alice, aurora, aurora_people):
    demo.load(communities={"aurora": aurora})
    body = client_for(alice).get(_url("outcomes"), {"period": "24m"}).json()
    belonging = next(row for row in body["outcomes"] if row["measure"] == "belonging")
    assert not belonging["hidden"] and belonging["people"] >= 5
    assert belonging["ci_low"] < belonging["mean_change"] < belonging["ci_high"]
    assert belonging["confidence"] == pytest.approx(0.95)
    closure = client_for(alice).get(_url("outcomes"), {"follow_up": "closure"}).json()
    assert closure["follow_up"] == "closure"
    assert client_for(alice).get(_url("outcomes"), {"follow_up": "never"}).status_code == 422


@pytest.mark.django_db
def test_the_network_figures_hide_small_numbers(client_for, alice, aurora, aurora_people):
    from ayni.insights.tests.conftest import add_relationships

    add_relationships(aurora, aurora_people)
    body = client_for(alice).get(_url("network")).json()
    # Alice, Bob, eight seekers each linked to one of six supporters: 14 connected, 2 alone ("under 5").
    assert (body["members"], body["connected"], body["isolated"]) == (16, 14, None)
    assert body["average_connections"] == pytest.approx(2 * 8 / 16)
    assert body["months"][-1]["connected"] == 14 and body["months"][-1]["isolated"] is None


@pytest.mark.django_db
def test_the_insights_operations_are_in_the_openapi_schema(client, alice):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for endpoint in ENDPOINTS:
        assert f"/api/v1/insights/{{slug}}/{endpoint}" in paths


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_the_number_of_queries_does_not_grow_with_the_community(client_for, alice, aurora, aurora_people, more_people,
                                                                 endpoint):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ayni.insights.tests.conftest import add_relationships

    client = client_for(alice)
    add_relationships(aurora, aurora_people, closed=2)
    demo.load(communities={"aurora": aurora})
    client.get(_url(endpoint))
    with CaptureQueriesContext(connection) as before:
        client.get(_url(endpoint))
    bigger = more_people(seekers=12, supporters=9)
    add_relationships(aurora, bigger, closed=5, sessions=4)
    with CaptureQueriesContext(connection) as after:
        assert client.get(_url(endpoint)).status_code == 200
    assert len(after) <= len(before)

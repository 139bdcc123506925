"""Pages whose query count must not grow with the number of relationships, sessions or goals."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ayni.communities.tests.factories import MembershipFactory
from ayni.relationships import services
from conftest import membership

pytestmark = pytest.mark.django_db


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def add_relationships(alice, aurora, supporter, count):
    for _number in range(count):
        seeker = MembershipFactory(community=aurora, is_seeker=True)
        relationship = services.relationship_start(actor=alice, seeker=seeker, supporter=supporter, topics=[])
        for person in (seeker.user, supporter.user):
            services.agreement_acknowledge(actor=person, relationship=relationship, frequency="weekly",
                                           session_minutes=60, planned_months=3)
        services.session_schedule(actor=seeker.user, relationship=relationship,
                                  starts_at=timezone.now() + timedelta(days=1), place="Biblioteca")
        services.goal_create(actor=seeker.user, relationship=relationship, title="Objetivo", milestones=["Uno", "Dos"])


def test_the_home_page_does_not_grow_with_relationships(client_for, alice, aurora, sofia):
    supporter = membership(sofia, aurora)
    supporter.capacity = 20
    supporter.save(update_fields=["capacity"])
    add_relationships(alice, aurora, supporter, 1)
    client = client_for(sofia)
    few = queries(client, "/es/")
    add_relationships(alice, aurora, supporter, 5)
    assert queries(client, "/es/") <= few


def test_my_relationships_and_the_coordinator_overview_do_not_grow(client_for, alice, aurora, sofia):
    supporter = membership(sofia, aurora)
    supporter.capacity = 20
    supporter.save(update_fields=["capacity"])
    add_relationships(alice, aurora, supporter, 1)
    mine, overview = reverse("relationships:list"), reverse("relationships:community", args=["aurora"])
    few = (queries(client_for(sofia), mine), queries(client_for(alice), overview))
    add_relationships(alice, aurora, supporter, 5)
    again = (queries(client_for(sofia), mine), queries(client_for(alice), overview))
    assert again[0] <= few[0] and again[1] <= few[1]


def test_the_detail_page_does_not_grow_with_goals_and_sessions(client_for, active, bob):
    url = reverse("relationships:detail", args=[active.pk])
    services.goal_create(actor=bob, relationship=active, title="Uno", milestones=["a"])
    client = client_for(bob)
    few = queries(client, url)
    for number in range(5):
        services.goal_create(actor=bob, relationship=active, title=f"Otro {number}", milestones=["a", "b"])
        services.session_schedule(actor=bob, relationship=active, starts_at=timezone.now() + timedelta(days=number + 1),
                                  place="Biblioteca")
    assert queries(client, url) <= few


def home_queries(client) -> list[str]:
    client.get("/es/")  # the first request notes when the person was last seen (an UPDATE)
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/es/").status_code == 200
    return [query["sql"] for query in captured]


def test_a_new_seekers_home_page_costs_five_queries(client_for, bob):
    # The session, the person, their memberships, their relationships, their requests; no
    # proposals (a seeker has none) and nothing about relationships they do not have.
    sql = home_queries(client_for(bob))
    assert len(sql) == 5, sql
    assert not any("support_proposal" in query for query in sql)


def test_a_new_supporters_home_page_costs_ten_queries(client_for, tomas):
    # The session, the person, memberships, relationships, places taken and promised, the
    # training requirement (two) and certifications, the proposals waiting; no requests for support.
    sql = home_queries(client_for(tomas))
    assert len(sql) == 10, sql
    assert not any("support_supportrequest" in query for query in sql)


def test_the_home_page_names_the_people_of_each_relationship(client_for, active, bob, sofia):
    services.session_schedule(actor=bob, relationship=active, starts_at=timezone.now() + timedelta(days=1),
                              place="Biblioteca")
    services.goal_create(actor=bob, relationship=active, title="Dormir mejor", milestones=["Uno"])
    seeker_page = client_for(bob).get("/en/").content.decode()
    assert "Sofía" in seeker_page and "Dormir mejor" in seeker_page and "Biblioteca" in seeker_page
    supporter_page = client_for(sofia).get("/en/").content.decode()
    assert "Bob" in supporter_page

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ayni.relationships import services
from ayni.relationships.models import CheckIn, Relationship, Session

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(active, bob, sofia):
    session = services.session_schedule(actor=bob, relationship=active, starts_at=timezone.now() + timedelta(hours=1),
                                        place="Biblioteca")
    services.session_log(actor=sofia, relationship=active, session=session, held_on=timezone.localdate(),
                         duration_minutes=45, kind="in_person", shared_notes="NOTA COMPARTIDA",
                         private_notes="NOTA PRIVADA DE SOFIA")
    session.refresh_from_db()
    return session


def test_both_people_see_the_relationship_and_only_their_own_private_notes(client_for, held, bob, sofia):
    url = reverse("relationships:session", args=[held.relationship_id, held.pk])
    page = client_for(sofia).get(url).content.decode()
    assert "NOTA COMPARTIDA" in page and "NOTA PRIVADA DE SOFIA" in page
    page = client_for(bob).get(url).content.decode()
    assert "NOTA COMPARTIDA" in page and "NOTA PRIVADA DE SOFIA" not in page
    assert client_for(bob).get(reverse("relationships:detail", args=[held.relationship_id])).status_code == 200


def test_a_coordinator_sees_the_status_but_never_notes(client_for, held, alice):
    client = client_for(alice)
    page = client.get(reverse("relationships:detail", args=[held.relationship_id]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "NOTA" not in text and "Bob" in text and "Sofía" in text
    for name in ("session", "session_ics"):
        assert client.get(reverse(f"relationships:{name}", args=[held.relationship_id, held.pk])).status_code == 403
    for name in ("agreement", "check_in", "exit_survey", "session_new"):
        assert client.get(reverse(f"relationships:{name}", args=[held.relationship_id])).status_code == 403


@pytest.mark.parametrize("name", ["detail", "agreement", "check_in", "exit_survey", "session_new"])
def test_strangers_and_other_coordinators_get_404(client_for, active, charlie, dana, tomas, name):
    url = reverse(f"relationships:{name}", args=[active.pk])
    for person in (charlie, dana, tomas):
        assert client_for(person).get(url).status_code == 404


def test_strangers_cannot_read_a_session_or_change_the_status(client_for, held, charlie, tomas):
    for person in (charlie, tomas):
        client = client_for(person)
        assert client.get(reverse("relationships:session", args=[held.relationship_id, held.pk])).status_code == 404
        assert client.get(reverse("relationships:session_ics", args=[held.relationship_id, held.pk])).status_code == 404
        assert client.post(reverse("relationships:change_status", args=[held.relationship_id, "pause"])).status_code == 404
    assert Relationship.objects.get(pk=held.relationship_id).status == "active"


def test_anonymous_people_are_sent_to_log_in(client, active):
    response = client.get(reverse("relationships:detail", args=[active.pk]))
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_agreement_page_acknowledges_and_starts_the_relationship(client_for, proposed, bob, sofia):
    url = reverse("relationships:agreement", args=[proposed.pk])
    assert "menor" in client_for(bob).get(url).content.decode()
    bad = client_for(bob).post(url, {"frequency": "weekly", "session_minutes": "5", "planned_months": "3", "agree": "on"})
    assert bad.status_code == 200 and not proposed.acknowledgements.exists()
    data = {"frequency": "weekly", "session_minutes": "60", "planned_months": "3", "agree": "on"}
    assert client_for(bob).post(url, data).status_code == 302
    assert client_for(sofia).post(url, data).status_code == 302
    assert Relationship.objects.get(pk=proposed.pk).status == "active"


def test_schedule_log_feedback_goal_check_in_and_closing_through_the_pages(client_for, active, bob, sofia):
    from ayni.relationships.monitoring import run_monitoring

    client = client_for(bob)
    day = timezone.localdate() + timedelta(days=3)
    response = client.post(reverse("relationships:session_new", args=[active.pk]),
                           {"mode": "schedule", "date": day.isoformat(), "time": "18:30", "planned_minutes": "60",
                            "online_link": "https://meet.example.org/ayni"})
    assert response.status_code == 302
    session = Session.objects.get(relationship=active)
    assert client.get(reverse("relationships:session_ics", args=[active.pk, session.pk]))["Content-Type"].startswith(
        "text/calendar")
    response = client.post(reverse("relationships:session", args=[active.pk, session.pk]),
                           {"form": "log", "log-held_on": timezone.localdate().isoformat(), "log-duration_minutes": "50",
                            "log-kind": "video", "log-shared_notes": "Bien", "log-private_notes": ""})
    assert response.status_code == 302
    response = client.post(reverse("relationships:session", args=[active.pk, session.pk]),
                           {"form": "feedback", "feedback-usefulness": "5", "feedback-feeling": "good"})
    assert response.status_code == 302 and session.feedback.count() == 1
    client.post(reverse("relationships:goal_new", args=[active.pk]), {"title": "Dormir mejor", "milestones": "Rutina\nLeer"})
    goal = active.goals.get()
    assert goal.milestones.count() == 2
    run_monitoring(now=active.started_at + timedelta(hours=49))
    response = client.post(reverse("relationships:check_in", args=[active.pk]), {"answer": "well"})
    assert response.status_code == 302 and CheckIn.objects.get(user=bob).answer == "well"
    response = client.post(reverse("relationships:change_status", args=[active.pk, "start_closing"]),
                           {"kind": "planned", "reason": "Hemos llegado a la meta"})
    assert response.status_code == 302 and response["Location"].endswith("/exit-survey/")
    for person in (bob, sofia):
        response = client_for(person).post(reverse("relationships:exit_survey", args=[active.pk]),
                                           {"would_continue": "no", "helped": "Hablar", f"goal_{goal.pk}": "3"})
        assert response.status_code == 302
    assert Relationship.objects.get(pk=active.pk).status == "closed"


def test_the_calendar_feed_needs_the_secret_and_shows_no_notes(client, client_for, held, bob):
    feed = services.calendar_feed_for(bob)
    response = client.get(reverse("relationships:calendar_feed", args=[feed.token]))
    assert response.status_code == 200
    text = response.content.decode()
    assert "BEGIN:VEVENT" in text and "NOTA" not in text
    assert client.get(reverse("relationships:calendar_feed", args=["not-the-token"])).status_code == 404
    client_for(bob).post(reverse("relationships:calendar"))
    assert client.get(reverse("relationships:calendar_feed", args=[feed.token])).status_code == 404


def test_the_coordinator_overview_and_settings_are_for_coordinators_only(client_for, active, alice, bob, dana):
    overview = reverse("relationships:community", args=["aurora"])
    settings_url = reverse("relationships:community_settings", args=["aurora"])
    assert client_for(alice).get(overview).status_code == 200
    assert client_for(alice).get(settings_url).status_code == 200
    assert client_for(bob).get(overview).status_code == 403
    assert client_for(dana).get(overview).status_code == 403  # aurora is listed: it exists, but not for her
    response = client_for(alice).post(settings_url, {"form": "monitoring", "monitoring-first_contact_hours": "24",
                                                     "monitoring-first_month_check_ins": "2",
                                                     "monitoring-then_every_days": "30",
                                                     "monitoring-inactivity_reminder_days": "30",
                                                     "monitoring-inactivity_alert_days": "20"})
    from ayni.relationships.models import MonitoringSettings

    assert response.status_code == 200 and "field-invalid" in response.content.decode()
    assert not MonitoringSettings.objects.exists()


def test_the_home_page_shows_supporters_sessions_and_places(client_for, active, bob, sofia, django_assert_max_num_queries):
    services.session_schedule(actor=bob, relationship=active, starts_at=timezone.now() + timedelta(days=1),
                              place="Biblioteca")
    page = client_for(bob).get("/es/").content.decode()
    assert "Sofía" in page and "Biblioteca" in page
    client = client_for(sofia)
    with django_assert_max_num_queries(40):
        page = client.get("/en/").content.decode()
    assert "Bob" in page and "1 of 2 places taken" in page


def test_the_coordinator_overview_does_not_grow_queries_with_relationships(client_for, alice, aurora, django_assert_max_num_queries):
    from ayni.communities.tests.factories import MembershipFactory
    from ayni.relationships.services import relationship_start

    for number in range(8):
        seeker = MembershipFactory(community=aurora, is_seeker=True, user__display_name=f"S{number}")
        supporter = MembershipFactory(community=aurora, is_supporter=True, user__display_name=f"P{number}")
        relationship_start(actor=alice, seeker=seeker, supporter=supporter, topics=list(aurora.topics.all()))
    client = client_for(alice)
    with django_assert_max_num_queries(20):
        assert client.get(reverse("relationships:community", args=["aurora"])).status_code == 200


def test_the_relationship_page_links_to_its_conversation_with_the_unread_count(client_for, active, bob, sofia, tomas):
    from ayni.messaging.services import conversation_for_relationship, message_send

    conversation = conversation_for_relationship(active)
    message_send(actor=sofia, conversation=conversation, body="Hola, Bob. ¿Qué tal la semana?")
    message_send(actor=sofia, conversation=conversation, body="Te dejo un recurso para el martes.")
    url = reverse("relationships:detail", args=[active.pk])
    page = client_for(bob).get(url).content.decode()
    link = page.split('id="relationship-conversation"')[1].split("</a>")[0]
    assert f"/messages/{conversation.pk}/" in link and 'data-count="2"' in link
    # Sofía wrote them: nothing is unread for her.
    page = client_for(sofia).get(url).content.decode()
    assert 'id="relationship-conversation"' in page and 'data-count=' not in page.split('id="relationship-conversation"')[1].split("</a>")[0]
    # Once closed, the link says the conversation is there to read.
    services.relationship_close(actor=active.community.memberships.get(is_coordinator=True).user, relationship=active,
                                kind="unplanned", reason="Se mudó de ciudad")
    page = client_for(bob).get("/en" + url[3:]).content.decode()
    assert "Read the conversation" in page.split('id="relationship-conversation"')[1].split("</a>")[0]
    assert client_for(tomas).get(url).status_code == 404

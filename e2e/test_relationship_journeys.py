"""A relationship from the agreement to the exit survey, in Spanish and in English.

The relationship is created with the service (as the support work does when both accept a
proposal); then, in the browser, both people accept the agreement, the seeker schedules a session,
the supporter logs it and the seeker gives feedback, the seeker sets a goal and answers a check-in,
and both close the relationship with the exit survey.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from ayni.accounts.tests.factories import PASSWORD
from ayni.relationships.models import CheckIn, Relationship, Session
from e2e.conftest import log_in

pytestmark = pytest.mark.xdist_group("e2e")


@pytest.fixture
def warm_server(live_server):
    """The first request loads every URL module (insights imports scipy: about 10 s on a busy machine),
    longer than a page's 10 s budget; take it once before the browser starts."""
    import urllib.request

    with urllib.request.urlopen(live_server.url + "/healthz", timeout=120) as response:  # noqa: S310
        response.read()
    return live_server


@pytest.fixture(autouse=True)
def _messaging_without_relationship_link():
    """Until messaging's Conversation.relationship lands on main (17:00 merge), its signal receivers
    would fail on every relationship; disconnect them only while that field is missing."""
    from ayni.messaging.models import Conversation

    if any(field.name == "relationship" for field in Conversation._meta.get_fields()):
        yield
        return
    from ayni.messaging.signals import on_relationship_started, on_relationship_status_changed
    from ayni.relationships import signals

    signals.relationship_started.disconnect(dispatch_uid="messaging.relationship_started")
    signals.relationship_status_changed.disconnect(dispatch_uid="messaging.relationship_status_changed")
    yield
    signals.relationship_started.connect(on_relationship_started, dispatch_uid="messaging.relationship_started")
    signals.relationship_status_changed.connect(on_relationship_status_changed,
                                                dispatch_uid="messaging.relationship_status_changed")

TEXT = {
    "es": {"agreement": "Leer y aceptar el acuerdo", "started": "ha comenzado", "schedule": "Programar una sesión",
           "add_goal": "Añadir un objetivo", "check_in": "Responder al seguimiento", "end": "Terminar el acompañamiento",
           "goal": "Volver a buscar trabajo", "notes": "Hablamos de cómo preparar las entrevistas.",
           "helped": "Sentirme escuchado.", "limits": "menor"},
    "en": {"agreement": "Read and accept the agreement", "started": "has started", "schedule": "Schedule a session",
           "add_goal": "Add a goal", "check_in": "Answer the check-in", "end": "End the relationship",
           "goal": "Start looking for work again", "notes": "We talked about preparing for interviews.",
           "helped": "Feeling listened to.", "limits": "minor"},
}


def accept_agreement(page, language: str, relationship_id: int):
    page.goto(f"/{language}/")
    page.get_by_role("link", name=TEXT[language]["agreement"]).first.click()
    assert page.url.endswith(f"/relationships/{relationship_id}/agreement/")
    assert TEXT[language]["limits"] in page.locator(".prose").inner_text()
    page.locator("#id_frequency").select_option("weekly")
    page.locator("#id_session_minutes").fill("60")
    page.locator("#id_planned_months").fill("3")
    page.locator("#id_agree").check()
    page.locator("main form button[type=submit]").click()


@pytest.mark.parametrize("language", ["es", "en"])
@pytest.mark.django_db(transaction=True)
def test_two_people_agree_meet_set_a_goal_check_in_and_close(warm_server, new_page, aurora, alice, bob, language):
    from ayni.communities.tests.factories import MembershipFactory
    from ayni.relationships.monitoring import ask_check_ins
    from ayni.relationships.services import relationship_start
    from conftest import membership

    sofia = MembershipFactory(community=aurora, user__display_name="Sofía", user__email="sofia@example.org",
                              user__language=language, is_supporter=True, capacity=2).user
    bob.language = language
    bob.save(update_fields=["language"])
    relationship = relationship_start(actor=alice, seeker=membership(bob, aurora), supporter=membership(sofia, aurora),
                                      topics=list(aurora.topics.filter(key="job-loss")))
    text = TEXT[language]
    seeker = new_page(locale="es-ES" if language == "es" else "en-GB", phone=True)
    supporter = new_page(locale="es-ES" if language == "es" else "en-GB")
    log_in(seeker, bob.email, PASSWORD, language)
    log_in(supporter, sofia.email, PASSWORD, language)

    accept_agreement(seeker, language, relationship.pk)
    accept_agreement(supporter, language, relationship.pk)
    assert text["started"] in supporter.locator(".messages").inner_text()
    relationship.refresh_from_db()
    assert relationship.status == "active"

    # The seeker schedules a session online.
    seeker.goto(f"/{language}/relationships/{relationship.pk}/")
    seeker.get_by_role("link", name=text["schedule"]).click()
    day = timezone.localdate() + timedelta(days=2)
    seeker.locator("#id_date").fill(day.isoformat())
    seeker.locator("#id_time").fill("18:30")
    seeker.locator("#id_online_link").fill("https://meet.example.org/bob-sofia")
    seeker.locator("main form button[type=submit]").click()
    session = Session.objects.get(relationship=relationship)
    assert session.status == "scheduled" and session.online_link.endswith("bob-sofia")
    ics = seeker.request.get(f"/{language}/relationships/{relationship.pk}/sessions/{session.pk}/ics")
    assert "BEGIN:VEVENT" in ics.text()

    # The supporter logs it afterwards, with shared and private notes.
    supporter.goto(f"/{language}/relationships/{relationship.pk}/sessions/{session.pk}/")
    supporter.locator("#id_log-held_on").fill(timezone.localdate().isoformat())
    supporter.locator("#id_log-duration_minutes").fill("55")
    supporter.locator("#id_log-kind").select_option("video")
    supporter.locator("#id_log-shared_notes").fill(text["notes"])
    supporter.locator("#id_log-private_notes").fill("Only for Sofía")
    supporter.locator("main form button[type=submit]").first.click()
    session.refresh_from_db()
    assert session.status == "held" and session.duration_minutes == 55

    # The seeker reads the shared notes (never the private ones) and gives feedback.
    seeker.goto(f"/{language}/relationships/{relationship.pk}/sessions/{session.pk}/")
    body = seeker.locator("main").inner_text()
    assert text["notes"] in body and "Only for Sofía" not in body
    seeker.locator("input[name=feedback-usefulness][value='5']").check()
    seeker.locator("input[name=feedback-feeling][value=good]").check()
    seeker.locator("main form button[type=submit]").click()
    assert session.feedback.get().usefulness == 5

    # A goal with milestones.
    seeker.goto(f"/{language}/relationships/{relationship.pk}/")
    seeker.locator("summary", has_text=text["add_goal"]).click()
    seeker.locator("#id_title").fill(text["goal"])
    seeker.locator("#id_milestones").fill("CV\nLinkedIn")
    seeker.locator("summary", has_text=text["add_goal"]).locator("xpath=..").locator("button[type=submit]").click()
    goal = relationship.goals.get()
    assert goal.title == text["goal"] and goal.milestones.count() == 2

    # The first check-in is due 48 hours after the start.
    ask_check_ins(now=relationship.started_at + timedelta(hours=49))
    seeker.goto(f"/{language}/relationships/{relationship.pk}/")
    seeker.get_by_role("link", name=text["check_in"]).click()
    seeker.locator("input[name=answer][value=well]").check()
    seeker.locator("main form button[type=submit]").click()
    assert CheckIn.objects.get(user=bob).answer == "well"

    # The seeker starts closing; both answer the exit survey; the relationship is closed.
    seeker.goto(f"/{language}/relationships/{relationship.pk}/")
    seeker.locator("summary", has_text=text["end"]).click()
    seeker.locator("input[name=kind][value=planned]").check()
    seeker.locator("#closing_reason").fill("Encontré trabajo" if language == "es" else "I found a job")
    seeker.locator("summary", has_text=text["end"]).locator("xpath=..").locator("button[type=submit]").click()
    assert seeker.url.endswith("/exit-survey/")
    for page in (seeker, supporter):
        page.goto(f"/{language}/relationships/{relationship.pk}/exit-survey/")
        page.locator("#id_helped").fill(text["helped"])
        page.locator("input[name=would_continue][value=no]").check()
        page.locator(f"input[name=goal_{goal.pk}][value='4']").check()
        page.locator("main form button[type=submit]").click()
    relationship.refresh_from_db()
    assert relationship.status == Relationship.Status.CLOSED
    goal.refresh_from_db()
    assert goal.attainment == 4

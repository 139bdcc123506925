"""The whole support journey in one run, through the pages only, in Spanish and in English.

A seeker writes a request; a supporter is proposed (in Spanish the seeker picks a suggestion, in
English the coordinator proposes); both accept the proposal and the agreement; they exchange a
message in the relationship's conversation; the seeker schedules a session and the supporter logs
it; the seeker sets a goal and answers a check-in; the relationship closes with both exit surveys
(with a goal rating). Afterwards the conversation is read-only, the supporter's place is free again
and the request shows as closed.

The data (community, people, training) is set up with services and factories, and the system's
check-in job is run by the test; every step of the journey is a click or a keystroke in Chromium.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from ayni.accounts.tests.factories import PASSWORD
from ayni.messaging.models import Conversation
from ayni.relationships.models import CheckIn, Relationship, Session
from ayni.support import matching
from ayni.support.capacity import free_places
from ayni.support.models import Proposal, SupportRequest
from e2e.conftest import log_in
from e2e.test_support_journeys import STORIES, person

pytestmark = [pytest.mark.xdist_group("e2e"), pytest.mark.django_db(transaction=True)]

TEXT = {
    "es": {"situation": "Me despidieron hace un mes y me cuesta ponerme a buscar; me vendría bien hablar con alguien.",
           "hello": "Hola, Teresa. Gracias por aceptar. ¿Cuándo te viene bien hablar?",
           "answer": "Hola, Bruno. El jueves por la tarde me viene bien.",
           "notes": "Preparamos juntos la primera entrevista.", "goal": "Volver a buscar trabajo",
           "add_goal": "Añadir un objetivo", "end": "Terminar el acompañamiento", "reason": "Encontré trabajo",
           "helped": "Sentirme escuchado y con un plan.", "read": "Leer la conversación",
           "ended": "Esta conversación ha terminado", "free": "0 de 1 plazas ocupadas · 1 libres",
           "closed": "Cerrada", "ended_on": "terminó el"},
    "en": {"situation": "I lost my job a month ago and find it hard to start looking; talking to someone would help.",
           "hello": "Hi Teresa. Thank you for accepting. When would suit you to talk?",
           "answer": "Hi Bruno. Thursday evening suits me.",
           "notes": "We prepared the first interview together.", "goal": "Start looking for work again",
           "add_goal": "Add a goal", "end": "End the relationship", "reason": "I found a job",
           "helped": "Feeling listened to, and having a plan.", "read": "Read the conversation",
           "ended": "This conversation has ended", "free": "0 of 1 places taken · 1 free",
           "closed": "Closed", "ended_on": "ended on"},
}


@pytest.fixture
def warm_server(live_server):
    """The first request loads every URL module (insights imports scipy), longer than a page's 10 s
    budget on a busy machine: take it once before the browser starts."""
    import urllib.request

    with urllib.request.urlopen(live_server.url + "/healthz", timeout=120) as response:  # noqa: S310
        response.read()
    return live_server


@pytest.fixture
def cast(aurora, alice):
    """Alice coordinates aurora; Teresa and Julio are trained supporters with lived experience of job
    loss and one place each; Bruno is waiting to ask for support."""
    topic = aurora.topics.get(key="job-loss")
    teresa = person(aurora, "Teresa", supporter=True, topic=topic, story=STORIES[0])
    julio = person(aurora, "Julio", supporter=True, topic=topic, story=STORIES[1])
    bruno = person(aurora, "Bruno", seeker=True)
    matching.forget_index()
    return {"topic": topic, "teresa": teresa, "julio": julio, "bruno": bruno}


def accept_the_agreement(page, language: str, relationship_id: int):
    page.goto(f"/{language}/")
    page.locator(f"main a[href$='/relationships/{relationship_id}/agreement/']").first.click()
    page.locator("#id_frequency").select_option("weekly")
    page.locator("#id_session_minutes").fill("60")
    page.locator("#id_planned_months").fill("3")
    page.locator("#id_agree").check()
    page.locator("main form button[type=submit]").click()
    page.locator(".messages").wait_for()


def open_the_relationship(page, language: str, relationship_id: int):
    """From the home page, as a person in the relationship would."""
    page.goto(f"/{language}/")
    page.locator(f"main a[href$='/relationships/{relationship_id}/']").first.click()
    page.wait_for_url(re.compile(rf"/relationships/{relationship_id}/$"))


@pytest.mark.parametrize(("language", "path"), [("es", "pick"), ("en", "propose")])
def test_a_seeker_is_supported_from_the_request_to_the_exit_survey(warm_server, new_page, cast, alice, language,
                                                                   path):
    text = TEXT[language]
    locale = "es-ES" if language == "es" else "en-GB"
    bruno, teresa = cast["bruno"], cast["teresa"]

    seeker = new_page(locale=locale, phone=True)
    log_in(seeker, bruno.user.email, PASSWORD, language)
    seeker.wait_for_url(lambda url: "/accounts/login/" not in url)
    supporter = new_page(locale=locale)
    log_in(supporter, teresa.user.email, PASSWORD, language)
    supporter.wait_for_url(lambda url: "/accounts/login/" not in url)

    # 1. Bruno writes his request.
    seeker.goto(f"/{language}/support/aurora/ask/")
    seeker.locator("input[name=kinds][value=emotional]").check()
    seeker.locator("input[name=kinds][value=practical]").check()
    seeker.locator(f"input[name=topics][value='{cast['topic'].pk}']").check()
    seeker.locator("#id_situation").fill(text["situation"])
    seeker.locator("#id_language").select_option(language)
    seeker.locator("input[name=mode][value=online]").check()
    seeker.locator("input[name=urgency][value=normal]").check()
    seeker.locator(f"input[name=choice][value={path}]").check()
    seeker.locator("main form button[type=submit]").click()
    seeker.locator("#stands-title").wait_for()
    request = SupportRequest.objects.get(seeker=bruno)
    assert request.status == SupportRequest.Status.WAITING and request.choice == path

    # 2. Teresa is proposed: Bruno picks her among the suggestions, or Alice proposes her.
    if path == "pick":
        suggestion = seeker.locator("li.suggestion", has=seeker.locator("h3", has_text="Teresa"))
        suggestion.locator("button[type=submit]").click()
        seeker.wait_for_url(re.compile(r"/support/proposals/\d+/$"))
    else:
        coordinator = new_page(locale=locale)
        log_in(coordinator, alice.email, PASSWORD, language)
        coordinator.wait_for_url(lambda url: "/accounts/login/" not in url)
        coordinator.goto(f"/{language}/support/aurora/coordinate/")
        coordinator.locator(f"main a[href$='/coordinate/requests/{request.pk}/']").click()
        coordinator.locator("main li.card", has=coordinator.locator("h3", has_text="Teresa")).locator(
            "button[type=submit]").click()
        coordinator.locator(".messages").wait_for()
    proposal = Proposal.objects.get(request=request, status=Proposal.Status.OPEN)
    assert proposal.supporter == teresa
    assert proposal.origin == (Proposal.Origin.PICKED if path == "pick" else Proposal.Origin.MANUAL)

    # 3. Both accept the proposal: Bruno from his request's page, Teresa from her home page.
    if path == "propose":
        seeker.goto(f"/{language}/")
        seeker.locator(f"main a[href$='/support/requests/{request.pk}/']").click()
        seeker.locator(f"main a[href$='/support/proposals/{proposal.pk}/']").click()
    # Once answered, the page comes back without the button (a flash message may be there already).
    seeker.locator("#accept-proposal").click()
    seeker.locator("#accept-proposal").wait_for(state="detached")
    supporter.goto(f"/{language}/")
    supporter.locator(f"main a[href$='/support/proposals/{proposal.pk}/']").click()
    supporter.locator("#accept-proposal").click()
    supporter.locator("#accept-proposal").wait_for(state="detached")
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.ACCEPTED and proposal.relationship_id
    relationship = Relationship.objects.get(pk=proposal.relationship_id)
    assert free_places(teresa) == 0

    # 4. Both acknowledge the agreement; the relationship starts.
    accept_the_agreement(seeker, language, relationship.pk)
    accept_the_agreement(supporter, language, relationship.pk)
    relationship.refresh_from_db()
    assert relationship.status == Relationship.Status.ACTIVE

    # 5. They exchange messages in the relationship's conversation.
    open_the_relationship(seeker, language, relationship.pk)
    seeker.locator("#relationship-conversation").click()
    seeker.locator("#id_body").fill(text["hello"])
    seeker.locator("#chat-compose button[type=submit]").click()
    seeker.locator("#chat-messages").get_by_text(text["hello"]).wait_for()
    open_the_relationship(supporter, language, relationship.pk)
    assert supporter.locator("#relationship-conversation [data-count]").get_attribute("data-count") == "1"
    supporter.locator("#relationship-conversation").click()
    supporter.locator("#chat-messages").get_by_text(text["hello"]).wait_for()
    supporter.locator("#id_body").fill(text["answer"])
    supporter.locator("#chat-compose button[type=submit]").click()
    seeker.locator("#chat-messages").get_by_text(text["answer"]).wait_for()  # arrives without a reload

    # 6. Bruno schedules a session; after it, Teresa logs it.
    seeker.locator(f"main a[href$='/relationships/{relationship.pk}/']").first.click()
    seeker.locator("main a[href$='/sessions/new/']").click()
    seeker.locator("#id_date").fill((timezone.localdate() + timedelta(days=2)).isoformat())
    seeker.locator("#id_time").fill("18:30")
    seeker.locator("#id_online_link").fill("https://meet.example.org/bruno-teresa")
    seeker.locator("main form button[type=submit]").click()
    seeker.wait_for_url(re.compile(rf"/relationships/{relationship.pk}/(sessions/\d+/)?$"))
    session = Session.objects.get(relationship=relationship)
    assert session.status == Session.Status.SCHEDULED
    open_the_relationship(supporter, language, relationship.pk)
    supporter.locator(f"main a[href$='/sessions/{session.pk}/']").first.click()
    supporter.locator("#id_log-held_on").fill(timezone.localdate().isoformat())
    supporter.locator("#id_log-duration_minutes").fill("50")
    supporter.locator("#id_log-kind").select_option("video")
    supporter.locator("#id_log-shared_notes").fill(text["notes"])
    supporter.locator("main form button[type=submit]").first.click()
    supporter.locator(".messages").wait_for()
    session.refresh_from_db()
    assert session.status == Session.Status.HELD and session.duration_minutes == 50

    # 7. Bruno sets a goal.
    open_the_relationship(seeker, language, relationship.pk)
    seeker.locator("summary", has_text=text["add_goal"]).click()
    seeker.locator("#id_title").fill(text["goal"])
    seeker.locator("#id_milestones").fill("CV\nLinkedIn")
    seeker.locator("summary", has_text=text["add_goal"]).locator("xpath=..").locator("button[type=submit]").click()
    seeker.locator(".messages").wait_for()
    goal = relationship.goals.get()
    assert goal.title == text["goal"] and goal.milestones.count() == 2

    # 8. The first check-in is due 48 hours after the start (the system's job asks it); Bruno answers.
    from ayni.relationships.monitoring import ask_check_ins

    ask_check_ins(now=relationship.started_at + timedelta(hours=49))
    open_the_relationship(seeker, language, relationship.pk)
    seeker.locator(f"main a[href$='/relationships/{relationship.pk}/check-in/']").first.click()
    seeker.locator("input[name=answer][value=well]").check()
    seeker.locator("main form button[type=submit]").click()
    seeker.locator(".messages").wait_for()
    assert CheckIn.objects.get(relationship=relationship, user=bruno.user).answer == "well"

    # 9. Bruno starts the ending; both answer the exit survey and rate the goal.
    open_the_relationship(seeker, language, relationship.pk)
    seeker.locator("summary", has_text=text["end"]).click()
    seeker.locator("input[name=kind][value=planned]").check()
    seeker.locator("#closing_reason").fill(text["reason"])
    seeker.locator("summary", has_text=text["end"]).locator("xpath=..").locator("button[type=submit]").click()
    seeker.wait_for_url(re.compile(r"/exit-survey/$"))
    supporter.goto(f"/{language}/")
    supporter.locator(f"main a[href$='/relationships/{relationship.pk}/exit-survey/']").first.click()
    for page, rating in ((seeker, "4"), (supporter, "2")):
        page.locator("#id_helped").fill(text["helped"])
        page.locator("input[name=would_continue][value=no]").check()
        page.locator(f"input[name=goal_{goal.pk}][value='{rating}']").check()
        page.locator("main form button[type=submit]").click()
        page.locator(".messages").wait_for()
    relationship.refresh_from_db()
    assert relationship.status == Relationship.Status.CLOSED
    goal.refresh_from_db()
    assert goal.attainment == 3  # the mean of both ratings

    # 10. Afterwards: the conversation can be read but not written in ...
    seeker.goto(f"/{language}/")
    seeker.locator("main a[href$='/relationships/']").click()  # all my relationships, the ended ones too
    seeker.locator(f"main a[href$='/relationships/{relationship.pk}/']").first.click()
    link = seeker.locator("#relationship-conversation")
    assert text["read"] in link.inner_text()
    link.click()
    assert text["ended"] in seeker.locator("main").inner_text()
    seeker.locator("#chat-messages").get_by_text(text["answer"]).wait_for()
    assert seeker.locator("#chat-compose").count() == 0
    assert Conversation.objects.get(relationship=relationship).is_read_only

    # ... Teresa's place is free again ...
    supporter.goto(f"/{language}/")
    assert text["free"] in supporter.locator("main").inner_text()
    assert free_places(teresa) == 1

    # ... and Bruno's request shows as closed, on his home page and on its own page.
    seeker.goto(f"/{language}/")
    item = seeker.locator("main li", has=seeker.locator(f"a[href$='/support/requests/{request.pk}/']"))
    assert item.locator("[data-status]").inner_text().strip() == text["closed"]
    seeker.locator(f"main a[href$='/support/requests/{request.pk}/']").click()
    assert seeker.locator("#stands-title + p [data-status]").get_attribute("data-status") == "closed"
    assert text["ended_on"] in seeker.locator("main").inner_text()
    request.refresh_from_db()
    assert request.status == SupportRequest.Status.CLOSED

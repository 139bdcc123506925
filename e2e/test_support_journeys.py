"""Support journeys in Chromium: a matching round from start to publication, a seeker who asks
and picks a suggestion, and a proposal that expires and moves on to the next best supporter."""

import datetime
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from ayni.accounts.tests.factories import PASSWORD
from ayni.communities.tests.factories import CommunityFactory, MembershipFactory, TopicFactory
from ayni.people.models import Experience, Profile
from ayni.support import matching, services
from ayni.support.models import MatchingRound, Proposal, SupportRequest
from e2e.conftest import log_in

pytestmark = [pytest.mark.xdist_group("e2e"), pytest.mark.django_db(transaction=True)]

STORIES = [
    "Me despidieron tras veinte años en la misma empresa; aprendí a organizar la búsqueda como un trabajo.",
    "Perdí mi empleo en la hostelería y tardé un año en volver; me ayudó hablar con gente en mi situación.",
    "Cerré mi pequeño negocio y tuve que empezar de cero; sé lo que pesa la incertidumbre.",
    "Estuve en paro dos años; ahora acompaño a otras personas a no rendirse.",
]


def person(community, name, *, seeker=False, supporter=False, topic=None, story=""):
    from ayni.training.testing import certify

    membership = MembershipFactory(community=community, user__display_name=name,
                                   user__email=f"{name.lower()}@example.org", is_seeker=seeker,
                                   is_supporter=supporter, capacity=1)
    Profile.objects.update_or_create(user=membership.user, defaults={
        "languages": ["es", "en"], "meeting_mode": "online", "city": "Zaragoza",
        "date_of_birth": datetime.date(1980, 3, 1), "availability": ["tue-eve", "thu-eve"]})
    if supporter:
        Experience.objects.create(membership=membership, topic=topic, story=story,
                                  started_on=datetime.date(2018, 1, 1), ended_on=datetime.date(2020, 1, 1))
        certify(membership)
    return membership


@pytest.fixture
def barrio(db):
    """A small community like the demo's council program: a coordinator, four trained
    supporters with lived experience of job loss, and four people waiting for support."""
    community = CommunityFactory(slug="barrio", name="Barrio que Cuida")
    topic = TopicFactory(community=community, key="unemployment", name_es="Desempleo", name_en="Unemployment")
    coordinator = MembershipFactory(community=community, user__display_name="Pilar",
                                    user__email="pilar@example.org", is_coordinator=True)
    supporters = [person(community, name, supporter=True, topic=topic, story=story)
                  for name, story in zip(["Teresa", "Julio", "Amparo", "Rafael"], STORIES, strict=True)]
    seekers = [person(community, name, seeker=True) for name in ["Eva", "Óscar", "Nuria", "Samuel"]]
    matching.forget_index()
    return {"community": community, "topic": topic, "coordinator": coordinator, "supporters": supporters,
            "seekers": seekers}


def ask(membership, topic, choice="propose"):
    request, _screening = services.request_create(
        actor=membership.user, membership=membership, kinds=["emotional"], topics=[topic.pk],
        situation="Me han despedido y no sé por dónde empezar a buscar.", language="es", choice=choice)
    return request


ROUND_TEXT = {
    "es": {"locale": "es-ES", "start": "Iniciar una ronda de emparejamiento", "progress": "Emparejando",
           "veto": "Vetar la pareja", "vetoed": "Vetada", "rerun": "Repetir con mis cambios"},
    "en": {"locale": "en-GB", "start": "Start a matching round", "progress": "Matching",
           "veto": "Veto the pair", "vetoed": "Vetoed", "rerun": "Run again with my changes"},
}


@pytest.mark.parametrize("language", ["es", "en"])
def test_a_coordinator_runs_a_round_sees_progress_vetoes_reruns_and_publishes(new_page, barrio, settings, language):
    text = ROUND_TEXT[language]
    # The worker runs rounds; here the test plays the worker, so the page shows real progress.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    for seeker in barrio["seekers"]:
        ask(seeker, barrio["topic"])
    page = new_page(locale=text["locale"])
    log_in(page, "pilar@example.org", PASSWORD, language)
    page.goto(f"/{language}/support/barrio/coordinate/")
    page.get_by_role("button", name=text["start"]).click()
    progress = page.locator("#round-status progress")
    progress.wait_for(timeout=30_000)
    assert text["progress"] in page.locator("#round-status").inner_text()

    matching_round = MatchingRound.objects.get()
    matching.round_run(matching_round.pk)  # the worker
    table = page.locator("#round-pairs")
    table.wait_for(timeout=30_000)  # htmx polling noticed the end and reloaded the page
    assert page.locator("#round-pairs tbody tr").count() == 4

    first_row = page.locator("#round-pairs tbody tr").first
    vetoed_pair = first_row.get_attribute("data-pair")
    first_row.get_by_role("button", name=re.compile(text["veto"])).click()
    assert text["vetoed"] in page.locator(f"tr[data-pair='{vetoed_pair}']").inner_text()

    page.get_by_role("button", name=text["rerun"]).click()
    page.locator("#round-status progress").wait_for(timeout=30_000)
    matching.round_run(matching_round.pk)  # the worker again
    page.locator("#round-pairs").wait_for(timeout=30_000)
    pairs = page.locator("#round-pairs tbody tr")
    assert page.locator(f"tr[data-pair='{vetoed_pair}']").count() == 0 or text["vetoed"] in page.locator(
        f"tr[data-pair='{vetoed_pair}']").inner_text()
    shown = pairs.count()
    assert shown >= 3

    page.locator("#publish-round").click()
    assert page.locator(".message-success, [role=status], .messages").first.inner_text()
    published = MatchingRound.objects.get()
    assert published.status == MatchingRound.Status.PUBLISHED
    request_id, supporter_id = (int(part) for part in vetoed_pair.split("-"))
    assert not Proposal.objects.filter(request_id=request_id, supporter_id=supporter_id).exists()
    assert Proposal.objects.filter(matching_round=published).count() == shown


PICK_TEXT = {"es": {"locale": "es-ES", "stands": "En qué punto está tu solicitud", "match": " afinidad",
                    "choose": "Elegir"},
             "en": {"locale": "en-GB", "stands": "Where your request stands", "match": " match", "choose": "Choose"}}


@pytest.mark.parametrize("language", ["es", "en"])
def test_a_seeker_asks_and_picks_a_suggestion(new_page, barrio, language):
    text = PICK_TEXT[language]
    eva = barrio["seekers"][0]
    page = new_page(locale=text["locale"], phone=True)
    log_in(page, eva.user.email, PASSWORD, language)
    page.goto(f"/{language}/support/barrio/ask/")
    page.locator("input[name=kinds][value=emotional]").check()
    page.locator(f"input[name=topics][value='{barrio['topic'].pk}']").check()
    page.locator("#id_situation").fill("I lost my job last month and I feel stuck and ashamed.")
    page.locator("#id_language").select_option(language)
    page.locator("input[name=mode][value=online]").check()
    page.locator("input[name=urgency][value=normal]").check()
    page.locator("input[name=choice][value=pick]").check()
    page.locator("main form button[type=submit]").click()
    assert text["stands"] in page.locator("main").inner_text()
    suggestions = page.locator("li.suggestion")
    assert suggestions.count() >= 3
    first = suggestions.first
    assert first.locator("li").count() >= 1  # the explanation, in sentences
    chosen_name = first.locator("h3").inner_text().split(text["match"])[0].strip()
    first.get_by_role("button", name=re.compile(text["choose"])).click()
    assert chosen_name in page.locator("h1").inner_text()
    proposal = Proposal.objects.get(request__seeker=eva)
    assert proposal.origin == Proposal.Origin.PICKED and proposal.supporter.user.display_name == chosen_name


EXPIRY_TEXT = {"es": {"locale": "es-ES", "expired": "Caducada", "answer": "Ver la propuesta y responder"},
               "en": {"locale": "en-GB", "expired": "Expired", "answer": "See the proposal and answer"}}


@pytest.mark.parametrize("language", ["es", "en"])
def test_a_proposal_expires_and_moves_on_to_the_next_best(new_page, barrio, language):
    text = EXPIRY_TEXT[language]
    eva = barrio["seekers"][0]
    request = ask(eva, barrio["topic"])
    first_supporter = barrio["supporters"][0]
    first = services.proposal_create(actor=barrio["coordinator"].user, request=request, supporter=first_supporter)
    Proposal.objects.filter(pk=first.pk).update(expires_at=timezone.now() - timedelta(hours=1))

    assert services.proposals_expire() == 1  # the periodic job
    following = Proposal.objects.get(request=request, status=Proposal.Status.OPEN)
    assert following.supporter_id != first_supporter.pk

    coordinator = new_page(locale=text["locale"])
    log_in(coordinator, "pilar@example.org", PASSWORD, language)
    coordinator.goto(f"/{language}/support/barrio/coordinate/requests/{request.pk}/")
    history = coordinator.locator("main").inner_text()
    assert text["expired"] in history and following.supporter.user.display_name in history

    seeker = new_page(locale=text["locale"], phone=True)
    log_in(seeker, eva.user.email, PASSWORD, language)
    seeker.goto(f"/{language}/support/requests/{request.pk}/")
    assert following.supporter.user.display_name in seeker.locator("main").inner_text()
    seeker.get_by_role("link", name=text["answer"]).click()
    seeker.locator("#accept-proposal").click()
    seeker.locator(".messages").wait_for()
    following.refresh_from_db()
    assert following.seeker_answer == Proposal.Answer.ACCEPTED
    assert SupportRequest.objects.get(pk=request.pk).status == SupportRequest.Status.PROPOSED

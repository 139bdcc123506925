"""A new supporter takes the required course in Spanish, fails a quiz once, passes, becomes
eligible and is proposed by matching; later the certification expires, matching leaves them out
and the supporter sees exactly why."""

import datetime
from datetime import timedelta

import pytest
from django.utils import timezone

from ayni.accounts.tests.factories import PASSWORD
from ayni.communities.models import Topic
from ayni.communities.tests.factories import MembershipFactory
from ayni.people.models import Experience, Profile
from ayni.support import capacity, matching
from ayni.support import services as support_services
from ayni.support.models import MatchingRound, Proposal
from ayni.training.eligibility import supporter_eligibility
from ayni.training.models import Certification
from ayni.training.services import starter_course_ensure
from e2e.conftest import log_in

pytestmark = pytest.mark.xdist_group("e2e")


@pytest.fixture(autouse=True)
def _urls_loaded():
    """Import every app's URLs and API before the browser's first request: on a busy machine
    the first import (scipy and friends) can take longer than the browser waits for a page."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - imported for its side effect


def answer(page, module, *, right: bool) -> None:
    """Tick the right options of every question (or, with right=False, one wrong option)."""
    for question in module.quiz:
        chosen = question["correct"] if right else [
            next(o["key"] for o in question["options"] if o["key"] not in question["correct"])
        ]
        for key in chosen:
            page.locator(f"input[name='q-{question['key']}'][value='{key}']").check()
    page.locator("main form button[type=submit]").click()


def adult_online_profile(membership) -> None:
    Profile.objects.update_or_create(user=membership.user, defaults={
        "languages": ["es"], "meeting_mode": "online", "city": "Zaragoza",
        "date_of_birth": datetime.date(1985, 5, 1), "availability": ["tue-eve", "thu-eve"]})


def waiting_request(community, name: str, topic):
    """A seeker of the community asks for support (through the service, as the form does)."""
    seeker = MembershipFactory(community=community, is_seeker=True, user__display_name=name,
                               user__email=f"{name.lower()}@example.org")
    adult_online_profile(seeker)
    request, _screening = support_services.request_create(
        actor=seeker.user, membership=seeker, kinds=["emotional"], topics=[topic.pk],
        situation="Me han despedido y no sé por dónde empezar.", language="es", mode="online",
        choice="propose")
    return request


def run_a_round(page, community) -> MatchingRound:
    """The coordinator starts a round; in tests the task backend runs it at once."""
    page.goto(f"/es/support/{community.slug}/coordinate/")
    page.get_by_role("button", name="Iniciar una ronda de emparejamiento").click()
    page.locator("#round-pairs").wait_for(timeout=30_000)
    return MatchingRound.objects.latest("pk")


def take_the_course(page, course, *, fail_first: bool) -> None:
    modules = list(course.modules.all())
    page.goto("/es/training/")
    page.get_by_role("link", name=course.title_es).click()
    page.get_by_role("link", name=f"1. {modules[0].title_es}").click()
    assert page.locator("section.lesson h2").count() >= 1  # the lessons are on the page
    page.get_by_role("link", name="Hacer el cuestionario").click()
    if fail_first:
        answer(page, modules[0], right=False)
        result = page.locator("#quiz-result").inner_text()
        assert "Todavía no" in result
        assert page.locator(".feedback").count() >= 1  # feedback on each wrong answer
        page.get_by_role("link", name="Intentarlo de nuevo").click()
    answer(page, modules[0], right=True)
    assert "Aprobado" in page.locator("#quiz-result").inner_text()
    for module in modules[1:]:
        page.goto(f"/es/training/courses/{course.pk}/modules/{module.pk}/quiz/")
        answer(page, module, right=True)
        assert "Aprobado" in page.locator("#quiz-result").inner_text()


@pytest.mark.django_db(transaction=True)
def test_a_new_supporter_is_trained_becomes_eligible_and_drops_out_when_it_expires(new_page, aurora, alice):
    course = starter_course_ensure()
    supporter = MembershipFactory(community=aurora, is_supporter=True, user__display_name="Rocío",
                                  user__email="rocio@example.org", user__language="es", capacity=2)
    job_loss = Topic.objects.get(community=aurora, key="job-loss")
    adult_online_profile(supporter)
    Experience.objects.create(membership=supporter, topic=job_loss, story="Perdí mi trabajo en 2019.",
                              started_on=datetime.date(2019, 1, 1), ended_on=datetime.date(2020, 6, 1))
    matching.forget_index()
    page = new_page(locale="es-ES", phone=True)
    log_in(page, "rocio@example.org", PASSWORD, "es")

    page.goto("/es/training/")
    card = page.locator("[data-community=aurora]")
    assert "Todavía no puedes acompañar" in card.inner_text()
    assert "Aprueba el curso «Fundamentos del acompañamiento entre pares»." in card.inner_text()
    assert not supporter_eligibility(supporter).eligible

    take_the_course(page, course, fail_first=True)
    assert "Has aprobado el curso completo" in page.locator("#quiz-result").inner_text()
    page.goto("/es/training/")
    assert "Ya puedes acompañar" in page.locator("[data-community=aurora]").inner_text()
    assert supporter_eligibility(supporter).eligible
    certification = Certification.objects.get(user=supporter.user, course=course)
    page.get_by_role("link", name="Certificado del").first.click()
    assert "Rocío" in page.locator(".certificate").inner_text()

    # Matching now proposes Rocío: a coordinator's round pairs her with a waiting seeker...
    first_request = waiting_request(aurora, "Bruno", job_loss)
    coordinator = new_page(locale="es-ES")
    log_in(coordinator, alice.email, PASSWORD, "es")
    coordinator.goto(f"/es/support/aurora/coordinate/requests/{first_request.pk}/")
    suggestions = coordinator.locator("#suggestions-title + ol").inner_text()
    assert "Rocío" in suggestions  # ...she is among the best supporters for his request...
    first_round = run_a_round(coordinator, aurora)
    pair = coordinator.locator(f"tr[data-pair='{first_request.pk}-{supporter.pk}']")
    assert "Bruno" in pair.inner_text() and "Rocío" in pair.inner_text()
    coordinator.locator("#publish-round").click()
    assert "Publicada: se ha enviado 1 propuesta." in coordinator.locator(".messages").inner_text()
    proposal = Proposal.objects.get(request=first_request)
    assert (proposal.supporter_id, proposal.origin, proposal.matching_round_id) == (
        supporter.pk, Proposal.Origin.ROUND, first_round.pk)
    page.goto("/es/support/")  # ...and she is asked
    assert "Podrías acompañar a Bruno" in page.locator("main").inner_text()

    # A year and a bit later: the certification has expired.
    Certification.objects.filter(pk=certification.pk).update(
        certified_on=timezone.localdate() - timedelta(days=400)
    )
    page.goto("/es/training/")
    card = page.locator("[data-community=aurora]").inner_text()
    assert "Todavía no puedes acompañar" in card
    assert "Tu certificación de «Fundamentos del acompañamiento entre pares» caducó el" in card
    assert "Vuelve a hacer el curso para renovarla." in card
    assert not supporter_eligibility(supporter).eligible
    page.goto("/es/relationships/home/")
    home = page.locator("main").inner_text()
    assert "Te falta formación para que puedan proponerte" in home
    assert "Tu certificación de «Fundamentos del acompañamiento entre pares» caducó el" in home

    # Matching leaves her out, though she still has a free place: not among the suggestions for
    # a new seeker (the supporter index built a moment ago still says she is trained), and a
    # new round pairs nobody, saying why.
    assert capacity.free_places(supporter) > 0
    second_request = waiting_request(aurora, "Elena", job_loss)
    coordinator.goto(f"/es/support/aurora/coordinate/requests/{second_request.pk}/")
    request_page = coordinator.locator("main").inner_text()
    assert "Solicitud de Elena" in request_page and "Rocío" not in request_page
    run_a_round(coordinator, aurora)
    assert "No se ha podido formar ninguna pareja." in coordinator.locator("#round-pairs").inner_text()
    unmatched = coordinator.locator("section[aria-labelledby=unmatched-title]").inner_text()
    assert "1 persona: ningún acompañante con formación que hable" in unmatched
    assert not Proposal.objects.filter(request=second_request).exists()

    # The coordinator sees Rocío among the expired, and can remind her.
    coordinator.goto("/es/training/aurora/manage/?status=expired")
    assert "Rocío" in coordinator.locator("table").inner_text()
    coordinator.get_by_label("Recordárselo a Rocío").check()
    coordinator.get_by_role("button", name="Recordárselo a las personas marcadas").click()
    assert "Se lo hemos recordado a 1 persona." in coordinator.locator(".messages").inner_text()


@pytest.mark.django_db(transaction=True)
def test_an_english_speaker_sees_what_is_missing_in_english(new_page, aurora):
    course = starter_course_ensure()
    supporter = MembershipFactory(community=aurora, is_supporter=True, user__display_name="Sam",
                                  user__email="sam@example.org", user__language="en")
    page = new_page(locale="en-GB")
    log_in(page, "sam@example.org", PASSWORD, "en")
    page.goto("/en/training/")
    card = page.locator("[data-community=aurora]").inner_text()
    assert "Not ready to support yet" in card
    assert "Pass the course “Peer supporter foundations”." in card
    Certification.objects.create(user=supporter.user, course=course,
                                 certified_on=timezone.localdate() - timedelta(days=400))
    page.reload()
    card = page.locator("[data-community=aurora]").inner_text()
    assert "Your certification for “Peer supporter foundations” expired on" in card
    page.get_by_role("link", name="Peer supporter foundations").click()
    assert "You passed this course on" in page.locator("main").inner_text()


@pytest.mark.django_db(transaction=True)
def test_a_coordinator_edits_a_module_and_reorders_modules_by_keyboard(new_page, aurora, alice):
    from ayni.training import services

    course = services.course_create(actor=alice, community=aurora, title_es="Protocolo local",
                                    title_en="Local protocol")
    first = services.module_create(actor=alice, course=course, title_es="Uno", title_en="One")
    second = services.module_create(actor=alice, course=course, title_es="Dos", title_en="Two")
    page = new_page(locale="es-ES", phone=True)
    log_in(page, alice.email, PASSWORD, "es")
    page.goto(f"/es/training/aurora/manage/courses/{course.pk}/")

    # Edit the first module's Spanish title on its pre-filled page.
    page.get_by_role("link", name="Editar «Uno»").click()
    title = page.get_by_label("Título (español)")
    assert title.input_value() == "Uno"
    title.fill("Uno, revisado")
    page.get_by_role("button", name="Guardar el módulo").click()
    assert "Módulo guardado." in page.locator(".messages").inner_text()

    # Move the second module up with the keyboard only: Tab from its edit link, then Enter.
    page.get_by_role("link", name="Editar «Dos»").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Subir «Dos»"
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/manage/courses/{course.pk}/#module-{second.pk}")
    assert "«Dos» ha subido un puesto." in page.locator(".messages").inner_text()
    assert page.locator(".manage-modules > li strong").all_inner_texts() == ["Dos", "Uno, revisado"]
    assert list(course.modules.order_by("position").values_list("pk", flat=True)) == [second.pk, first.pk]
    first.refresh_from_db()
    assert (first.title_es, first.key) == ("Uno, revisado", "one")

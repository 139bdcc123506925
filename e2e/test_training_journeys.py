"""A new supporter takes the required course in Spanish, fails a quiz once, passes, becomes
eligible; later the certification expires and the supporter sees exactly why they are out."""

from datetime import timedelta

import pytest
from django.utils import timezone

from ayni.accounts.tests.factories import PASSWORD
from ayni.communities.tests.factories import MembershipFactory
from ayni.training.eligibility import supporter_eligibility
from ayni.training.models import Certification
from ayni.training.services import starter_course_ensure
from e2e.conftest import log_in

pytestmark = pytest.mark.xdist_group("e2e")


def answer(page, module, *, right: bool) -> None:
    """Tick the right options of every question (or, with right=False, one wrong option)."""
    for question in module.quiz:
        chosen = question["correct"] if right else [
            next(o["key"] for o in question["options"] if o["key"] not in question["correct"])
        ]
        for key in chosen:
            page.locator(f"input[name='q-{question['key']}'][value='{key}']").check()
    page.locator("main form button[type=submit]").click()


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
                                  user__email="rocio@example.org", user__language="es")
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
    # The lead adds here: matching now proposes Rocío (ayni.matching uses eligibility_map).

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

    # The coordinator sees Rocío among the expired, and can remind her.
    coordinator = new_page(locale="es-ES")
    log_in(coordinator, alice.email, PASSWORD, "es")
    coordinator.goto("/es/training/aurora/manage/?status=expired")
    assert "Rocío" in coordinator.locator("table").inner_text()
    coordinator.get_by_label("Recordárselo a Rocío").check()
    coordinator.get_by_role("button", name="Recordárselo a las personas marcadas").click()
    assert "Se lo hemos recordado a 1 persona." in coordinator.locator(".messages").inner_text()

"""A circle forms and meets: a seeker asks to join, a facilitator accepts, a meeting is held and
attendance recorded."""

import pytest

from ayni.accounts.tests.factories import PASSWORD
from ayni.circles.models import Attendance, CircleMembership
from ayni.communities.tests.factories import MembershipFactory
from ayni.training.testing import certify
from conftest import membership
from e2e.conftest import log_in

pytestmark = pytest.mark.xdist_group("e2e")

TEXT = {
    "es": {"name": "Empezar de nuevo", "why": "Perdí mi trabajo hace un mes y me vendría bien un grupo.",
           "sent": "solicitud", "accepted": "está en el círculo", "saved": "asistencia"},
    "en": {"name": "Starting again", "why": "I lost my job a month ago and a group would help me.",
           "sent": "request", "accepted": "is now in the circle", "saved": "attendance"},
}


@pytest.mark.parametrize("language", ["es", "en"])
@pytest.mark.django_db(transaction=True)
def test_a_circle_forms_and_meets(new_page, aurora, alice, bob, language):
    text = TEXT[language]
    locale = "es-ES" if language == "es" else "en-GB"
    erin = MembershipFactory(community=aurora, user__display_name="Erin", user__email="erin@example.org",
                             is_supporter=True).user
    certify(membership(erin, aurora))

    # The coordinator creates the circle with Erin as facilitator.
    coordinator = new_page(locale=locale)
    log_in(coordinator, alice.email, PASSWORD, language)
    coordinator.goto(f"/{language}/circles/c/aurora/")
    coordinator.locator("main .page-head a.button").first.click()
    coordinator.locator("#id_name").fill(text["name"])
    coordinator.locator("#id_topic").select_option(label="Pérdida de empleo" if language == "es" else "Job loss")
    coordinator.locator("#id_language").select_option(language)
    coordinator.locator("input[name=facilitators]").first.check()
    coordinator.locator("main form button[type=submit]").click()
    circle = aurora.circles.get(name=text["name"])
    assert circle.circle_memberships.get().membership.user == erin

    # Bob asks to join, on a phone.
    seeker = new_page(locale=locale, phone=True)
    log_in(seeker, bob.email, PASSWORD, language)
    seeker.goto(f"/{language}/circles/c/aurora/")
    seeker.get_by_role("link", name=text["name"]).click()
    seeker.locator("#id_message").fill(text["why"])
    seeker.locator("main form[action$='/join/'] button[type=submit]").click()
    assert text["sent"] in seeker.locator(".messages").inner_text().lower()
    seat = CircleMembership.objects.get(circle=circle, membership__user=bob)
    assert seat.status == "requested"

    # Erin accepts him, schedules a meeting and records who came.
    facilitator = new_page(locale=locale)
    log_in(facilitator, erin.email, PASSWORD, language)
    facilitator.goto(f"/{language}/circles/{circle.pk}/manage/")
    facilitator.locator("form[action$='/accept/'] button").click()
    assert text["accepted"] in facilitator.locator(".messages").inner_text()
    seat.refresh_from_db()
    assert seat.status == "accepted"
    facilitator.locator("#id_starts_at").fill("2026-12-15T19:00")
    facilitator.locator("#id_place").fill("Centro cívico Delicias")
    facilitator.locator("main form:has(#id_starts_at) button[type=submit]").click()
    meeting = circle.meetings.get()
    facilitator.locator(f"a[href$='/meetings/{meeting.pk}/attendance/']").click()
    facilitator.locator(f"input[name=present][value='{seat.pk}']").check()
    facilitator.locator("main form button[type=submit]").click()
    assert text["saved"] in facilitator.locator(".messages").inner_text().lower()
    assert Attendance.objects.get(meeting=meeting, circle_membership=seat).present

    # Bob now sees he is in the circle and can open its conversation.
    seeker.goto(f"/{language}/circles/{circle.pk}/")
    seeker.locator("main a[href*='/messages/']").click()
    assert f"/messages/{circle.conversation.pk}/" in seeker.url

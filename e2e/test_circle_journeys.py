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


FORMING_TEXT = {"es": {"formed": "El círculo está formado"}, "en": {"formed": "The circle is formed"}}


@pytest.mark.parametrize("language", ["es", "en"])
@pytest.mark.django_db(transaction=True)
def test_a_coordinator_has_ayni_form_a_circle_from_waiting_seekers(new_page, aurora, alice, language):
    from ayni.circles.models import Circle
    from ayni.people.models import Experience, Need, Profile

    locale = "es-ES" if language == "es" else "en-GB"
    job_loss = aurora.topics.get(key="job-loss")
    erin = MembershipFactory(community=aurora, user__display_name="Erin", user__email="erin@example.org",
                             is_supporter=True).user
    certify(membership(erin, aurora))
    # Matching's grouping proposes a circle only with a facilitator who lived the topic.
    Experience.objects.create(membership=membership(erin, aurora), topic=job_loss, story="Perdí mi trabajo en 2019.")
    Profile.objects.update_or_create(user=erin, defaults={"languages": ["es", "en"], "availability": ["tue-eve"],
                                                          "age_band": "35-44", "meeting_mode": "online"})
    waiting = []
    for name, email in (("Lucía", "lucia"), ("Marcos", "marcos"), ("Inés", "ines"), ("Tomás", "tomas")):
        seeker = MembershipFactory(community=aurora, user__display_name=name, is_seeker=True,
                                   user__email=f"{email}@example.org")
        Profile.objects.update_or_create(user=seeker.user, defaults={
            "languages": [language], "meeting_mode": "online", "availability": ["tue-eve", "thu-eve"]})
        Need.objects.create(membership=seeker, topic=job_loss)
        waiting.append(seeker)

    coordinator = new_page(locale=locale)
    log_in(coordinator, alice.email, PASSWORD, language)
    coordinator.wait_for_url(lambda url: "/accounts/login/" not in url)
    coordinator.goto(f"/{language}/circles/c/aurora/")
    coordinator.locator("main a[href$='/circles/c/aurora/form/']").click()
    proposal = coordinator.locator("main section.card").first
    listed = proposal.locator("p").first.inner_text()
    assert all(seeker.user.display_name in listed for seeker in waiting)
    proposal.locator("select[name=facilitator]").select_option(label="Erin")
    proposal.locator("button[type=submit]").click()
    assert FORMING_TEXT[language]["formed"] in coordinator.locator(".messages").inner_text()
    circle = Circle.objects.get(community=aurora)
    assert circle.formed_by_ayni and circle.topic == job_loss and circle.language == language
    assert {seat.membership_id for seat in circle.circle_memberships.filter(status="accepted")} >= {
        seeker.pk for seeker in waiting}

    # One of them finds the circle and its conversation on a phone.
    lucia = new_page(locale=locale, phone=True)
    log_in(lucia, "lucia@example.org", PASSWORD, language)
    lucia.wait_for_url(lambda url: "/accounts/login/" not in url)
    lucia.goto(f"/{language}/circles/")
    lucia.locator(f"main a[href$='/circles/{circle.pk}/']").first.click()
    lucia.locator("main a[href*='/messages/']").click()
    assert f"/messages/{circle.conversation.pk}/" in lucia.url

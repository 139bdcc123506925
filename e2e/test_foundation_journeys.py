"""Sign up, confirm, join a community that needs approval, get approved, share experiences."""

import pytest

from ayni.accounts.tests.factories import PASSWORD
from ayni.communities.models import Membership
from ayni.people.models import Experience, Need, Profile
from e2e.conftest import link_in_last_mail, log_in

TEXT = {
    "es": {"signup_title": "Crea tu cuenta", "check_mail": "Revisa tu correo", "saved": "guardad",
           "story": "Cuando murió mi padre me sentí muy sola; hablar con otras personas en duelo me ayudó mucho.",
           "need": "Acabo de perder mi empleo y no sé por dónde empezar."},
    "en": {"signup_title": "Create your account", "check_mail": "Check your e-mail", "saved": "saved",
           "story": "When my father died I felt very alone; talking to other people in grief helped me a lot.",
           "need": "I have just lost my job and I do not know where to start."},
}


@pytest.mark.parametrize("language", ["es", "en"])
@pytest.mark.django_db(transaction=True)
def test_a_newcomer_signs_up_joins_is_approved_and_shares_their_experience(new_page, aurora, alice, language):
    text = TEXT[language]
    page = new_page(locale="es-ES" if language == "es" else "en-GB", phone=True)
    page.goto("/")
    assert page.url.endswith(f"/{language}/")
    page.locator("main").get_by_role("link").first.click()  # the landing page's call to action
    assert text["signup_title"] in page.locator("h1").inner_text()
    page.locator("#id_display_name").fill("Rocío")
    page.locator("#id_email").fill(f"rocio-{language}@example.org")
    page.locator("#id_password").fill("una clave muy larga 2026")
    page.locator("#id_password_again").fill("una clave muy larga 2026")
    page.locator("#id_language").select_option(language)
    page.locator("main form button[type=submit]").click()
    assert text["check_mail"] in page.locator("h1").inner_text()

    page.goto(link_in_last_mail(f"rocio-{language}@example.org"))
    log_in(page, f"rocio-{language}@example.org", "una clave muy larga 2026", language)
    page.goto(f"/{language}/c/aurora/")
    page.locator("main a.button").click()
    page.locator("#id_as_supporter").check()
    page.locator("#id_agree_values").check()
    page.locator("main form button[type=submit]").click()
    membership = Membership.objects.get(user__email=f"rocio-{language}@example.org")
    assert membership.status == "pending"

    coordinator = new_page(locale="es-ES")
    log_in(coordinator, alice.email, PASSWORD, "es")
    coordinator.goto("/es/c/aurora/manage/members/?status=pending")
    coordinator.get_by_role("button", name="Rocío").or_(coordinator.locator("table button.button")).first.click()
    membership.refresh_from_db()
    assert membership.status == "active"

    page.goto(f"/{language}/profile/")
    page.locator("input[name=languages][value=es]").check()
    page.locator("input[name=meeting_mode][value=online]").check()
    page.locator("input[name=availability][value=tue-eve]").check()
    page.locator("#id_age_band").select_option("35-44")
    page.locator("main form button[type=submit]").click()
    assert Profile.objects.get(user=membership.user).availability == ["tue-eve"]

    page.goto(f"/{language}/c/aurora/me/")
    page.locator("details").first.locator("summary").click()
    grief = page.locator("#id_experience-topic option", has_text="Du" if language == "es" else "Grief").first.get_attribute("value")
    page.locator("#id_experience-topic").select_option(grief)
    page.locator("#id_experience-story").fill(text["story"])
    page.locator("#id_experience-started_on").fill("2019-03")
    page.locator("input[name=experience-visibility][value=community]").check()
    page.locator("#id_experience-sensitive_consent").check()
    page.locator("details").first.locator("button[type=submit]").click()
    assert text["saved"] in page.locator(".messages").inner_text().lower()
    experience = Experience.objects.get(membership=membership)
    assert experience.is_sensitive and experience.consent_at and experience.visibility == "community"

    page.locator("details").nth(1).locator("summary").click()
    job = page.locator("#id_need-topic option", has_text="empleo" if language == "es" else "Job").first.get_attribute("value")
    page.locator("#id_need-topic").select_option(job)
    page.locator("#id_need-note").fill(text["need"])
    page.locator("details").nth(1).locator("button[type=submit]").click()
    assert Need.objects.filter(membership=membership, note=text["need"]).exists()


@pytest.mark.django_db(transaction=True)
def test_switching_language_keeps_the_page_and_is_remembered(new_page, aurora, bob):
    page = new_page(locale="es-ES")
    log_in(page, bob.email, PASSWORD, "es")
    page.goto("/es/c/aurora/")
    page.locator(".language-switcher button[value=en]").click()
    page.wait_for_url("**/en/c/aurora/")
    assert page.locator("html").get_attribute("lang") == "en"
    bob.refresh_from_db()
    assert bob.language == "en"
    page.locator(".language-switcher button[value=es]").click()
    page.wait_for_url("**/es/c/aurora/")
    assert page.locator(".language-switcher button[aria-pressed=true]").inner_text().strip() == "Español"

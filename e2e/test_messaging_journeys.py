"""Two people exchange messages that appear without reloading; the navigation counts unread ones."""

import pytest

from ayni.accounts.tests.factories import PASSWORD
from ayni.circles import services as circle_services
from ayni.communities.tests.factories import MembershipFactory
from ayni.training.testing import certify
from conftest import membership
from e2e.conftest import log_in

pytestmark = pytest.mark.xdist_group("e2e")

TEXT = {
    "es": {"hello": "Hola, Erin. Esta semana ha sido dura, pero hablar ayuda.",
           "answer": "Gracias por contarlo, Bob. Aquí estamos para escucharte.",
           "later": "¿Nos vemos el martes?"},
    "en": {"hello": "Hi Erin. This week has been hard, but talking helps.",
           "answer": "Thank you for sharing, Bob. We are here to listen.",
           "later": "Shall we meet on Tuesday?"},
}


@pytest.mark.parametrize("language", ["es", "en"])
@pytest.mark.django_db(transaction=True)
def test_two_people_exchange_messages_that_appear_without_reloading(new_page, aurora, alice, bob, language):
    text = TEXT[language]
    erin = MembershipFactory(community=aurora, user__display_name="Erin", user__email="erin@example.org",
                             is_supporter=True).user
    certify(membership(erin, aurora))
    circle = circle_services.circle_create(actor=alice, community=aurora, name="Círculo de duelo",
                                           facilitators=[membership(erin, aurora)], members=[membership(bob, aurora)])
    conversation_id = circle.conversation.pk

    bob_page = new_page(locale="es-ES" if language == "es" else "en-GB", phone=True)
    log_in(bob_page, bob.email, PASSWORD, language)
    erin_page = new_page(locale="es-ES" if language == "es" else "en-GB")
    log_in(erin_page, erin.email, PASSWORD, language)

    erin_page.goto(f"/{language}/messages/{conversation_id}/")
    bob_page.goto(f"/{language}/messages/")
    bob_page.locator("main a.conversation-link").first.click()
    bob_page.locator("#id_body").fill(text["hello"])
    bob_page.locator("#chat-compose button[type=submit]").click()
    # Bob's own page shows it, and Erin's open page receives it without a reload.
    bob_page.locator("#chat-messages").get_by_text(text["hello"]).wait_for()
    erin_page.locator("#chat-messages").get_by_text(text["hello"]).wait_for()
    assert bob_page.locator("#id_body").input_value() == ""

    erin_page.locator("#id_body").fill(text["answer"])
    erin_page.locator("#id_body").press("Tab")
    erin_page.keyboard.press("Enter")  # the send button, by keyboard
    bob_page.locator("#chat-messages").get_by_text(text["answer"]).wait_for()

    # Erin goes elsewhere; Bob writes again; the navigation shows Erin one unread message.
    erin_page.goto(f"/{language}/")
    bob_page.locator("#id_body").fill(text["later"])
    bob_page.locator("#chat-compose button[type=submit]").click()
    bob_page.locator("#chat-messages").get_by_text(text["later"]).wait_for()
    erin_page.reload()
    badge = erin_page.locator("#nav-messages [data-count]")
    badge.wait_for()
    assert badge.inner_text().strip() == "1"
    erin_page.locator("#nav-messages").click()
    assert "1" in erin_page.locator(".unread-badge").first.inner_text()
    erin_page.locator("main a.conversation-link").first.click()
    erin_page.locator("#chat-messages").get_by_text(text["later"]).wait_for()
    erin_page.goto(f"/{language}/")
    erin_page.locator("#nav-messages").wait_for()
    erin_page.wait_for_timeout(300)
    assert erin_page.locator("#nav-messages [data-count]").count() == 0

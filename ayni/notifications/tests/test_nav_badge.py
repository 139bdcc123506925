"""The navigation badge: every page asks for it, so it must stay one query and count what the lists count."""

import pytest
from django.utils import timezone

from ayni.messaging import services as messaging
from ayni.messaging.models import Participant
from ayni.messaging.selectors import unread_total
from ayni.messaging.tests.conftest import circle, conversation, erin, frank  # noqa: F401 - fixtures
from ayni.notifications.selectors import badge_counts
from ayni.notifications.services import mark_read, notify, unread_count

pytestmark = pytest.mark.django_db


def expected(user):
    return {"unread_notifications": unread_count(user), "unread_messages": unread_total(user)}


def test_the_badge_counts_what_the_notification_and_message_lists_count(conversation, alice, bob, erin, aurora):  # noqa: F811
    assert badge_counts(bob) == {"unread_notifications": 0, "unread_messages": 0}
    notify(bob, "circles.accepted", context={"circle": "Duelo"}, url="/circles/1/", community=aurora, email=False)
    notify(bob, "circles.meeting", context={"circle": "Duelo"}, url="/circles/1/", community=aurora, email=False)
    notify(erin, "circles.meeting", context={"circle": "Duelo"}, url="/circles/1/", community=aurora, email=False)
    first = messaging.message_send(actor=erin, conversation=conversation, body="Uno").message
    messaging.message_send(actor=erin, conversation=conversation, body="Dos")
    messaging.message_send(actor=erin, conversation=conversation, body="Tres")
    messaging.message_set_hidden(actor=alice, message=first, hidden=True)
    assert badge_counts(bob) == expected(bob) == {"unread_notifications": 2, "unread_messages": 2}
    # Erin's own messages are not unread for her; Bob's answer is unread for her.
    messaging.message_send(actor=bob, conversation=conversation, body="Gracias")
    assert badge_counts(erin) == expected(erin) == {"unread_notifications": 1, "unread_messages": 1}
    assert badge_counts(bob) == expected(bob) == {"unread_notifications": 2, "unread_messages": 0}


def test_reading_or_leaving_empties_the_badge(conversation, bob, erin, aurora):  # noqa: F811
    notify(bob, "circles.accepted", context={"circle": "Duelo"}, url="/circles/1/", community=aurora, email=False)
    messaging.message_send(actor=erin, conversation=conversation, body="Uno")
    sent = messaging.message_send(actor=erin, conversation=conversation, body="Dos").message
    assert badge_counts(bob) == {"unread_notifications": 1, "unread_messages": 2}
    messaging.conversation_mark_read(actor=bob, conversation=conversation, through_id=sent.pk - 1)
    assert badge_counts(bob) == expected(bob) == {"unread_notifications": 1, "unread_messages": 1}
    mark_read(bob, None)
    Participant.objects.filter(conversation=conversation, user=bob).update(left_at=timezone.now())
    assert badge_counts(bob) == expected(bob) == {"unread_notifications": 0, "unread_messages": 0}


def test_the_badge_page_costs_three_queries(conversation, bob, erin, aurora, client_for,  # noqa: F811
                                            django_assert_max_num_queries):
    notify(bob, "circles.accepted", context={"circle": "Duelo"}, url="/circles/1/", community=aurora, email=False)
    messaging.message_send(actor=erin, conversation=conversation, body="Uno")
    client = client_for(bob)
    client.get("/es/notifications/counts/")  # the first request of the day notes when Bob was last seen
    # The session, the person, and both counts in one query.
    with django_assert_max_num_queries(3):
        answer = client.get("/en/notifications/counts/", HTTP_HX_REQUEST="true")
    body = answer.content.decode()
    assert answer.status_code == 200 and body.count('data-count="1"') == 2 and "1 unread message" in body


def test_someone_elses_badge_shows_nothing_of_mine(conversation, bob, erin, frank, aurora, client_for):  # noqa: F811
    notify(bob, "circles.accepted", context={"circle": "Duelo"}, url="/circles/1/", community=aurora, email=False)
    messaging.message_send(actor=erin, conversation=conversation, body="Uno")
    answer = client_for(frank).get("/en/notifications/counts/")
    assert answer.status_code == 200 and "data-count" not in answer.content.decode()

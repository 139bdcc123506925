"""Many people writing in one conversation at once, on SQLite and PostgreSQL (DATABASE_URL).

Every message is stored once, a reader polling "after the last id it saw" gets each exactly once
(a message may not get a smaller id yet commit after a bigger one), ids follow the send times,
unread counts add up, and the per-person rate limit lets exactly its number through."""

import threading

import pytest
from django.db import connection, transaction

from ayni.communities.tests.factories import MembershipFactory
from ayni.core.tests.concurrency import retry_when_locked, run_together
from ayni.messaging import selectors, services
from ayni.messaging.models import Message, Participant

WRITERS = 6
EACH = 8


@pytest.fixture
def crowded(aurora, conversation):
    """The circle's conversation with six people in it."""
    extra = [MembershipFactory(community=aurora, user__display_name=f"Writer{index}").user
             for index in range(WRITERS - conversation.participants.count())]
    services._add_participants(conversation, extra)
    return conversation


def send(user, conversation, body):
    def once():
        with transaction.atomic():  # on a "locked" retry nothing of the failed try stays
            return services.message_send(actor=user, conversation=conversation, body=body)
    return once


@pytest.mark.django_db(transaction=True)
def test_six_people_writing_at_once_are_each_delivered_exactly_once_in_order(crowded):
    writers = [seat.user for seat in crowded.participants.select_related("user").filter(left_at__isnull=True)]
    assert len(writers) == WRITERS
    seen: list[int] = []
    done = threading.Event()

    def poll():
        # What the htmx poller does every few seconds, as fast as it can.
        cursor = 0
        try:
            while True:
                finished = done.is_set()
                batch = retry_when_locked(lambda after=cursor: selectors.messages_after(crowded, after=after, limit=50))
                seen.extend(message.pk for message in batch)
                if batch:
                    cursor = batch[-1].pk
                elif finished:
                    return
        finally:
            connection.close()

    def write_all(user):
        def run():
            for index in range(EACH):
                retry_when_locked(send(user, crowded, f"{user.display_name} {index}"))
            return "done"
        return run

    poller = threading.Thread(target=poll)
    poller.start()
    results = run_together([write_all(user) for user in writers])
    done.set()
    poller.join(timeout=60)

    assert results == ["done"] * WRITERS
    stored = list(Message.objects.filter(conversation=crowded).order_by("id"))
    bodies = [message.body for message in stored]
    assert len(bodies) == WRITERS * EACH == len(set(bodies))
    assert sorted(seen) == [message.pk for message in stored], "the poller missed or repeated a message"
    assert seen == sorted(seen)
    times = [message.created_at for message in stored]
    assert times == sorted(times), "ids and send times disagree"
    for user in writers:
        mine = [message.body for message in stored if message.author_id == user.pk]
        assert mine == [f"{user.display_name} {index}" for index in range(EACH)], "a writer's order changed"
        last_own = max(message.pk for message in stored if message.author_id == user.pk)
        expected_unread = sum(1 for message in stored if message.author_id != user.pk and message.pk > last_own)
        assert selectors.unread_in(crowded, user) == expected_unread
        assert selectors.unread_total(user) == expected_unread
        seat = Participant.objects.get(conversation=crowded, user=user)
        assert seat.last_read_message_id == last_own


@pytest.mark.django_db(transaction=True)
def test_the_send_limit_holds_when_one_person_sends_from_many_tabs_at_once(crowded, bob):
    racers = 8
    attempts = services.SEND_LIMIT + 10
    per_racer = [list(range(index, attempts, racers)) for index in range(racers)]

    def tab(numbers):
        def run():
            outcomes = []
            for number in numbers:
                try:
                    retry_when_locked(send(bob, crowded, f"mensaje {number}"))
                    outcomes.append("sent")
                except services.RateLimited:
                    outcomes.append("refused")
            return outcomes
        return run

    results = run_together([tab(numbers) for numbers in per_racer])

    outcomes = [outcome for result in results for outcome in result]
    assert outcomes.count("sent") == services.SEND_LIMIT
    assert outcomes.count("refused") == attempts - services.SEND_LIMIT
    assert Message.objects.filter(conversation=crowded, author=bob).count() == services.SEND_LIMIT

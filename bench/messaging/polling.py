"""Messaging figures: the inbox with unread counts, a conversation poll with the "after" cursor,
and one digest run (rendering and queueing every e-mail), for a person in many conversations.

    python bench/messaging/polling.py --conversations 200 --messages 100

Uses its own SQLite file in a temporary folder unless DATABASE_URL is set. Prints the median
and 95th percentile of each request (Django test client, whole request and rendering), and
query counts are pinned by the tests instead. Figures taken while other work runs on the machine are pessimistic.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ayni.settings")
if not os.environ.get("DATABASE_URL"):
    os.environ.setdefault("SQLITE_PATH", str(Path(tempfile.mkdtemp(prefix="ayni-bench-messaging-")) / "bench.sqlite3"))

import django


def timed(function, repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=200)
    parser.add_argument("--messages", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=30)
    arguments = parser.parse_args()
    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.utils import timezone

    settings.ALLOWED_HOSTS = ["*"]
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    call_command("migrate", verbosity=0)
    from ayni.accounts.models import User
    from ayni.communities.models import Community, Membership
    from ayni.messaging.models import Conversation, Message, Participant
    from ayni.messaging.services import send_message_digests

    community, _ = Community.objects.get_or_create(slug="bench", defaults={"name": "Bench"})
    reader, _ = User.objects.get_or_create(email="reader@bench.example", defaults={"display_name": "Reader"})
    Membership.objects.get_or_create(community=community, user=reader, defaults={"status": "active", "is_seeker": True})
    start = time.perf_counter()
    if not Conversation.objects.filter(community=community).exists():
        now = timezone.now() - timedelta(days=1)
        for number in range(arguments.conversations):
            other = User.objects.create(email=f"other{number}@bench.example", display_name=f"Persona {number}")
            conversation = Conversation.objects.create(community=community, kind="relationship",
                                                       last_message_at=now)
            Participant.objects.bulk_create([Participant(conversation=conversation, user=reader),
                                             Participant(conversation=conversation, user=other)])
            Message.objects.bulk_create([
                Message(conversation=conversation, author=other if index % 2 else reader,
                        body=f"Mensaje {index} de la conversación {number}", created_at=now)
                for index in range(arguments.messages)
            ])
    print(f"data: {arguments.conversations} conversations x {arguments.messages} messages "
          f"({time.perf_counter() - start:.1f} s to create)")
    client = Client()
    client.force_login(reader, backend="ayni.accounts.backends.EmailBackend")
    conversation = Conversation.objects.filter(community=community).first()
    newest = conversation.messages.order_by("-id").values_list("id", flat=True).first()
    checks = {
        "inbox (page of 25 with unread counts)": "/es/messages/",
        "conversation page (latest 50)": f"/es/messages/{conversation.pk}/",
        "poll, nothing new": f"/es/messages/{conversation.pk}/poll/?after={newest}",
        "poll, 20 new": f"/es/messages/{conversation.pk}/poll/?after={newest - 20}",
        "navigation counts": "/es/notifications/counts/",
        "API: messages after cursor": f"/api/v1/messages/{conversation.pk}/messages?after={newest - 20}",
    }
    for label, url in checks.items():
        assert client.get(url).status_code == 200, url
        median, p95 = timed(lambda url=url: client.get(url), arguments.repeat)
        print(f"{label:42} median {median:7.1f} ms   p95 {p95:7.1f} ms")
    Participant.objects.filter(user=reader).update(last_read_message_id=0, digested_through_id=0)
    start = time.perf_counter()
    sent = send_message_digests(minutes=0)
    print(f"digest run over {Participant.objects.count()} seats: {sent} e-mail(s) in "
          f"{(time.perf_counter() - start) * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

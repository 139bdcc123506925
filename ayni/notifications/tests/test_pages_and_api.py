import json

import pytest

from ayni.core.models import AuditEvent
from ayni.notifications.models import Notification
from ayni.notifications.services import notify


@pytest.fixture
def bobs_notifications(bob, aurora):
    first = notify(bob, "circles.accepted", context={"circle": "Duelo"}, url="/circles/1/", community=aurora, email=False)
    second = notify(bob, "circles.meeting", context={"circle": "Duelo"}, url="/circles/1/", community=aurora, email=False)
    return first, second


@pytest.mark.django_db
def test_the_list_shows_my_notifications_and_opening_one_marks_it_read(bobs_notifications, bob, client_for,
                                                                        django_assert_max_num_queries):
    client = client_for(bob)
    with django_assert_max_num_queries(8):
        page = client.get("/en/notifications/")
    assert "Welcome to the circle Duelo" in page.content.decode()
    opened = client.get(f"/en/notifications/{bobs_notifications[0].pk}/")
    assert opened.status_code == 302 and opened["Location"] == "/en/circles/1/"
    bobs_notifications[0].refresh_from_db()
    assert bobs_notifications[0].read_at is not None and Notification.objects.filter(read_at__isnull=True).count() == 1
    client.post("/en/notifications/read/")
    assert not Notification.objects.filter(read_at__isnull=True).exists()


@pytest.mark.django_db
def test_nobody_opens_or_reads_someone_elses_notifications(bobs_notifications, alice, client_for):
    client = client_for(alice)
    assert client.get(f"/es/notifications/{bobs_notifications[0].pk}/").status_code == 404
    assert "Duelo" not in client.get("/es/notifications/").content.decode()
    assert client.get("/api/v1/notifications").json()["count"] == 0
    client.post("/api/v1/notifications/read", json.dumps({"ids": [bobs_notifications[0].pk]}), content_type="application/json")
    assert Notification.objects.filter(read_at__isnull=True).count() == 2


@pytest.mark.django_db
def test_the_navigation_counts_unread_notifications_and_messages(bobs_notifications, bob, client_for):
    answer = client_for(bob).get("/en/notifications/counts/", HTTP_HX_REQUEST="true")
    assert 'data-count="2"' in answer.content.decode()


@pytest.mark.django_db
def test_anonymous_visitors_get_no_counts_and_no_list(client):
    assert client.get("/es/notifications/counts/").content == b""
    assert client.get("/es/notifications/").status_code == 302
    assert client.get("/api/v1/notifications").status_code == 401


@pytest.mark.django_db
def test_preferences_are_saved_per_category_and_audited(bob, client_for):
    client = client_for(bob)
    page = client.get("/en/notifications/preferences/")
    assert "Messages" in page.content.decode()
    data = {"proposals": "on", "reminders": "on", "checkins": "on", "safety": "on", "training": "on", "circles": "on",
            "surveys": "on", "general": "on"}  # messages left unchecked
    client.post("/en/notifications/preferences/", data)
    bob.refresh_from_db()
    assert bob.notification_preferences["messages"] is False and bob.notification_preferences["circles"] is True
    assert AuditEvent.objects.filter(action="notifications.preferences_changed", actor=bob).exists()


@pytest.mark.django_db
def test_the_api_reads_counts_and_changes_preferences(bobs_notifications, bob, client_for):
    client = client_for(bob)
    assert client.get("/api/v1/notifications?unread=true").json()["count"] == 2
    assert client.get("/api/v1/notifications/counts").json() == {"unread_notifications": 2, "unread_messages": 0}
    assert client.post("/api/v1/notifications/read", json.dumps({"ids": [bobs_notifications[1].pk]}),
                       content_type="application/json").json() == {"marked": 1}
    changed = client.put("/api/v1/notifications/preferences", json.dumps({"preferences": {"circles": False}}),
                         content_type="application/json")
    assert {p["category"]: p["email"] for p in changed.json()}["circles"] is False
    bad = client.put("/api/v1/notifications/preferences", json.dumps({"preferences": {"spam": True}}),
                     content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")
    assert bad.status_code == 400 and "spam" in bad.json()["detail"]

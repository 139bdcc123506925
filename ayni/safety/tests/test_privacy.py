import json
from datetime import date, timedelta

import pytest
from django.utils import timezone

from ayni.core.models import AuditEvent
from ayni.safety import privacy, registry
from ayni.safety.models import Alert, Block, SafetySettings
from ayni.safety.screening import screen_text
from conftest import membership

pytestmark = pytest.mark.django_db


def _bob_with_a_story(bob, aurora):
    from ayni.people.models import Experience, Profile

    Profile.objects.create(user=bob, city="Zaragoza", date_of_birth=date(1990, 5, 1), gender="man")
    Experience.objects.create(membership=membership(bob, aurora), topic=aurora.topics.get(key="job-loss"),
                              story="Perdí mi trabajo en 2020.")


def test_download_my_data_is_json_with_every_section(aurora, alice, bob, client_for):
    _bob_with_a_story(bob, aurora)
    response = client_for(bob).get("/en/safety/my-data/?download=1")
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert {"account", "communities", "people", "notifications", "audit", "safety"} <= set(data["sections"])
    assert data["sections"]["account"]["email"] == "bob@example.org"
    assert data["sections"]["people"]["experiences"][0]["story"] == "Perdí mi trabajo en 2020."
    assert "alice@example.org" not in response.content.decode()
    assert AuditEvent.objects.filter(action="privacy.export", actor=bob).exists()


def test_a_registered_exporter_is_included_and_a_broken_one_does_not_break_the_export(bob, monkeypatch):
    monkeypatch.setitem(registry.EXPORTERS, "extra", lambda user: {"hello": user.pk})
    monkeypatch.setitem(registry.EXPORTERS, "broken", lambda user: 1 / 0)
    data = privacy.export_user_data(bob)
    assert data["sections"]["extra"] == {"hello": bob.pk} and "error" in data["sections"]["broken"]


def test_anonymous_people_cannot_download(client):
    assert client.get("/en/safety/my-data/?download=1").status_code == 302


def test_deleting_my_account_removes_personal_content_and_keeps_aggregates(aurora, alice, bob, client_for):
    from ayni.people.models import Experience, Profile

    _bob_with_a_story(bob, aurora)
    bob.set_password("correct horse battery")
    bob.save()
    Block.objects.create(blocker=bob, blocked=alice)
    screen_text(author=bob, text="quiero morir", community=aurora, source="message", source_id=1)
    client = client_for(bob)
    response = client.post("/en/safety/delete-account/", {"password": "wrong", "confirm": "on"})
    assert "That is not your password." in response.content.decode()
    response = client.post("/en/safety/delete-account/", {"password": "correct horse battery", "confirm": "on"})
    assert response.status_code == 302
    bob.refresh_from_db()
    assert bob.email.endswith("@deleted.invalid") and bob.display_name == "—" and not bob.is_active
    assert not bob.has_usable_password()
    assert not Experience.objects.exists() and not Block.objects.exists()
    profile = Profile.objects.get(user=bob)
    assert (profile.city, profile.date_of_birth, profile.age_band) == ("", None, "35-44")
    assert membership(bob, aurora).status == "left", "the membership row stays for the community's figures"
    alert = Alert.objects.get()
    assert alert.excerpt == "" and alert.person == bob
    assert AuditEvent.objects.filter(action="privacy.account_deleted").exists()


def test_a_failing_eraser_leaves_everything_as_it_was(bob, monkeypatch):
    bob.set_password("pw-pw-pw-pw")
    bob.save()

    def broken(user):
        raise RuntimeError("no")

    monkeypatch.setitem(registry.ERASERS, "zzz", broken)
    with pytest.raises(RuntimeError):
        privacy.account_delete(actor=bob, user=bob, password="pw-pw-pw-pw")
    bob.refresh_from_db()
    assert bob.email == "bob@example.org" and bob.is_active


def test_nobody_deletes_someone_elses_account(alice, bob):
    with pytest.raises(privacy.PermissionDenied):
        privacy.account_delete(actor=alice, user=bob, password="x")


def test_retention_calls_the_registered_erasers_per_community(aurora, boreal, monkeypatch):
    calls = []

    def purge(*, community, closed_before):
        calls.append((community.slug, closed_before))
        return 3

    monkeypatch.setitem(registry.RETENTION_ERASERS, "messaging", purge)
    SafetySettings.objects.create(community=aurora, message_retention_days=30)
    SafetySettings.objects.create(community=boreal)
    now = timezone.now()
    assert privacy.apply_retention(now=now) == 3
    assert calls == [("aurora", now - timedelta(days=30))]
    assert AuditEvent.objects.filter(action="privacy.retention").count() == 1


def test_the_retention_job_is_registered():
    from ayni.core.scheduler import JOBS

    assert "safety.apply_retention" in JOBS

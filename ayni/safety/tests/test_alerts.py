from datetime import timedelta

import pytest
from django.utils import timezone

from ayni.core.models import AuditEvent
from ayni.notifications.models import Notification
from ayni.safety import services
from ayni.safety.models import Alert, DutyRota, SafetySettings
from ayni.safety.screening import screen_text

pytestmark = pytest.mark.django_db


def _urgent(aurora, bob):
    return screen_text(author=bob, text="quiero morir", community=aurora, source="message", source_id=1).alert


def test_the_rota_decides_who_is_alerted_first(aurora, alice, erin, bob):
    DutyRota.objects.create(community=aurora, coordinator=erin, position=1)
    DutyRota.objects.create(community=aurora, coordinator=alice, position=2)
    assert _urgent(aurora, bob).assigned_to == erin


def test_an_unanswered_alert_moves_to_the_next_coordinator_once(aurora, alice, erin, bob,
                                                                  django_capture_on_commit_callbacks):
    SafetySettings.objects.create(community=aurora, escalation_minutes=10)
    alert = _urgent(aurora, bob)
    assert alert.assigned_to == alice
    assert services.escalate_alerts(now=timezone.now() + timedelta(minutes=9)) == 0
    later = timezone.now() + timedelta(minutes=11)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.escalate_alerts(now=later) == 1
    assert services.escalate_alerts(now=later) == 0, "a second run must not escalate again"
    alert.refresh_from_db()
    assert alert.assigned_to == erin and alert.step == 1
    assert Notification.objects.filter(recipient=erin, kind="safety.alert_escalated").exists()
    assert AuditEvent.objects.filter(action="safety.alert_escalated").count() == 1


def test_a_stale_claim_does_not_escalate_twice(aurora, alice, erin, bob):
    alert = _urgent(aurora, bob)
    later = timezone.now() + timedelta(minutes=16)
    stale_copy = Alert.objects.get(pk=alert.pk)
    assert services.alert_escalate(alert=alert, now=later)
    assert not services.alert_escalate(alert=stale_copy, now=later)


def test_the_ladder_goes_round_again_after_the_last(aurora, alice, erin, bob):
    alert = _urgent(aurora, bob)
    now = timezone.now()
    for minutes, expected in ((16, erin), (32, alice)):
        services.escalate_alerts(now=now + timedelta(minutes=minutes))
        alert.refresh_from_db()
        assert alert.assigned_to == expected


def test_an_acknowledged_alert_stops_escalating_and_is_closed_with_an_outcome(aurora, alice, erin, bob):
    alert = _urgent(aurora, bob)
    services.alert_acknowledge(actor=alice, alert=alert)
    assert services.escalate_alerts(now=timezone.now() + timedelta(hours=2)) == 0
    services.alert_record_action(actor=alice, alert=alert, text="Llamé a Bob; está con su hermana.")
    services.alert_close(actor=alice, alert=alert, outcome="safe")
    alert.refresh_from_db()
    assert (alert.status, alert.outcome, alert.acknowledged_by, alert.closed_by) == ("closed", "safe", alice, alice)
    assert "hermana" in alert.actions_taken
    assert list(alert.events.values_list("kind", flat=True)) == ["alerted", "acknowledged", "action", "closed"]


def test_only_the_communitys_coordinators_handle_alerts(aurora, alice, bob, dana):
    alert = _urgent(aurora, bob)
    for outsider in (bob, dana):
        with pytest.raises(services.PermissionDenied):
            services.alert_acknowledge(actor=outsider, alert=alert)


def test_the_periodic_job_is_registered():
    from ayni.core.scheduler import JOBS

    assert JOBS["safety.escalate_alerts"].target == "ayni.safety.services.escalate_alerts"


def test_alert_pages_refuse_the_wrong_people(aurora, alice, bob, charlie, dana, client_for):
    alert = _urgent(aurora, bob)
    assert client_for(alice).get(f"/en/safety/alerts/{alert.pk}/").status_code == 200
    assert client_for(alice).get("/en/safety/c/aurora/alerts/").status_code == 200
    for person in (bob, charlie, dana):
        assert client_for(person).get(f"/en/safety/alerts/{alert.pk}/").status_code == 404
        assert client_for(person).post(f"/en/safety/alerts/{alert.pk}/acknowledge/").status_code == 404
    assert client_for(bob).get("/en/safety/c/aurora/alerts/").status_code == 403
    assert client_for(dana).get("/en/safety/c/aurora/alerts/").status_code == 403
    alert.refresh_from_db()
    assert alert.status == "open"


def test_a_coordinator_acknowledges_and_closes_from_the_page(aurora, alice, bob, client_for):
    alert = _urgent(aurora, bob)
    client = client_for(alice)
    client.post(f"/en/safety/alerts/{alert.pk}/acknowledge/")
    client.post(f"/en/safety/alerts/{alert.pk}/record/", {"text": "Called him."})
    response = client.post(f"/en/safety/alerts/{alert.pk}/close/", {"outcome": "safe"}, follow=True)
    assert "The person is safe for now" in response.content.decode()
    alert.refresh_from_db()
    assert alert.status == "closed"


def test_closing_without_an_outcome_says_so(aurora, alice, bob, client_for):
    alert = _urgent(aurora, bob)
    response = client_for(alice).post(f"/en/safety/alerts/{alert.pk}/close/", {"outcome": ""}, follow=True)
    assert "Choose the outcome." in response.content.decode()


def test_the_alert_list_has_no_n_plus_one(aurora, alice, bob, client_for, django_assert_max_num_queries):
    from ayni.communities.tests.factories import MembershipFactory

    for index in range(8):
        person = MembershipFactory(community=aurora, is_seeker=True).user
        screen_text(author=person, text="quiero morir", community=aurora, source="message", source_id=index)
    client = client_for(alice)
    with django_assert_max_num_queries(12):
        assert client.get("/en/safety/c/aurora/alerts/").status_code == 200

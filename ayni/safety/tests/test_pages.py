from datetime import date

import pytest

from ayni.core.models import AuditEvent
from ayni.notifications.models import Notification
from ayni.safety.models import (
    Alert,
    Block,
    CrisisResource,
    DutyRota,
    HelpMessage,
    ParentalConsent,
    Report,
    SafetySettings,
)
from conftest import membership

pytestmark = pytest.mark.django_db


def test_an_urgent_help_message_shows_resources_at_once_and_alerts(aurora, alice, bob, client_for):
    response = client_for(bob).post("/es/safety/c/aurora/help/", {"text": "No aguanto más, quiero morir"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="crisis-resources"' in html and "tel:" in html
    message = HelpMessage.objects.get()
    assert message.level == "urgent" and message.alert.assigned_to == alice


def test_an_ordinary_help_message_still_reaches_a_coordinator(aurora, alice, bob, client_for):
    response = client_for(bob).post("/en/safety/c/aurora/help/", {"text": "Can someone call me about my match?"})
    assert 'data-testid="crisis-resources"' not in response.content.decode()
    alert = Alert.objects.get()
    assert alert.kind == "referral" and alert.level == "concern" and alert.assigned_to == alice


def test_the_help_form_over_htmx_returns_the_partial(aurora, alice, bob, client_for):
    response = client_for(bob).post("/es/safety/c/aurora/help/", {"text": "quiero morir"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html and 'data-testid="crisis-resources"' in html


def test_an_empty_help_message_is_refused_with_a_message(aurora, bob, client_for):
    response = client_for(bob).post("/en/safety/c/aurora/help/", {"text": "  "})
    assert response.status_code == 200 and "This field is required." in response.content.decode()
    assert not HelpMessage.objects.exists()


def test_outsiders_cannot_write_for_help(aurora, charlie, dana, client_for):
    assert client_for(charlie).get("/en/safety/c/aurora/help/").status_code == 403
    assert client_for(dana).post("/en/safety/c/aurora/help/", {"text": "quiero morir"}).status_code == 403
    assert not HelpMessage.objects.exists()


def test_a_supporter_refers_a_conversation(aurora, alice, bob, client_for):
    from ayni.communities.tests.factories import MembershipFactory

    supporter = MembershipFactory(community=aurora, is_supporter=True).user
    client = client_for(supporter)
    url = f"/es/safety/c/aurora/refer/?source=conversation&source_id=5&person={bob.pk}"
    page = client.get(url).content.decode()
    assert "Qué decir ahora" in page or "What to say now" in page
    response = client.post(url, {"level": "urgent", "note": "Dice que no quiere seguir.", "told_person": "on"})
    assert response.status_code == 302
    alert = Alert.objects.get()
    assert (alert.kind, alert.person, alert.raised_by, alert.source, alert.source_id) == (
        "referral", bob, supporter, "conversation", "5")
    assert "Dice que no" in alert.note
    assert AuditEvent.objects.filter(action="safety.referral").exists()


def test_refer_refuses_a_person_from_another_community(aurora, alice, bob, dana, client_for):
    assert client_for(bob).get(f"/en/safety/c/aurora/refer/?person={dana.pk}").status_code == 404
    assert client_for(dana).get("/en/safety/c/aurora/refer/").status_code == 403


def test_a_coordinator_adopts_edits_and_verifies_resources(aurora, alice, bob, client_for):
    client = client_for(alice)
    assert client.get("/en/safety/c/aurora/resources/").status_code == 200
    client.post("/en/safety/c/aurora/resources/adopt/", {"country": "ES"})
    own = CrisisResource.objects.filter(community=aurora)
    assert own.exists() and not own.filter(verified_at__isnull=False).exists()
    resource = own.first()
    client.post(f"/en/safety/c/aurora/resources/{resource.pk}/verify/")
    resource.refresh_from_db()
    assert resource.verified_by == alice
    response = client.post("/en/safety/c/aurora/resources/new/", {
        "country": "ES", "name_es": "Teléfono local", "name_en": "Local line", "position": 0, "is_active": "on"})
    assert "Give at least a phone" in response.content.decode()
    client.post("/en/safety/c/aurora/resources/new/", {
        "country": "ES", "name_es": "Teléfono local", "name_en": "Local line", "phone": "976 000 000",
        "position": 0, "is_active": "on"})
    assert CrisisResource.objects.filter(community=aurora, phone="976 000 000", verified_by=alice).exists()
    assert client_for(bob).get("/en/safety/c/aurora/resources/").status_code == 403
    assert client_for(bob).post(f"/en/safety/c/aurora/resources/{resource.pk}/delete/").status_code == 403


def test_a_coordinator_sets_the_rota(aurora, alice, erin, bob, client_for):
    client = client_for(alice)
    response = client.post("/en/safety/c/aurora/rota/", {
        f"position_{erin.pk}": "1", f"on_duty_{erin.pk}": "on", f"position_{alice.pk}": "2", f"on_duty_{alice.pk}": "on"})
    assert response.status_code == 302
    assert list(DutyRota.objects.order_by("position").values_list("coordinator_id", flat=True)) == [erin.pk, alice.pk]
    response = client.post("/en/safety/c/aurora/rota/", {f"position_{erin.pk}": "zero", f"on_duty_{erin.pk}": "on"})
    assert "must be a number" in response.content.decode()
    assert client_for(bob).post("/en/safety/c/aurora/rota/", {}).status_code == 403


def test_safety_settings_are_validated(aurora, alice, client_for):
    client = client_for(alice)
    response = client.post("/en/safety/c/aurora/settings/", {"escalation_minutes": "0", "parental_consent_below_age": "16"})
    assert response.status_code == 200 and not SafetySettings.objects.exists()
    client.post("/en/safety/c/aurora/settings/", {"escalation_minutes": "5", "parental_consent_below_age": "16",
                                                  "message_retention_days": "365"})
    assert SafetySettings.objects.get(community=aurora).escalation_minutes == 5


def test_a_member_reports_a_person_and_the_coordinator_warns_them(aurora, alice, bob, client_for,
                                                                    django_capture_on_commit_callbacks):
    from ayni.communities.tests.factories import MembershipFactory

    other = MembershipFactory(community=aurora, is_supporter=True).user
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(bob).post(f"/en/safety/c/aurora/report/person/{other.pk}/",
                                        {"reason": "harassment", "details": "Insults", "also_block": "on"})
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.person == other and Block.objects.filter(blocker=bob, blocked=other).exists()
    assert Notification.objects.filter(recipient=alice, kind="safety.report").exists()
    client = client_for(alice)
    assert "Insults" in client.get(f"/en/safety/c/aurora/reports/{report.pk}/").content.decode()
    response = client.post(f"/en/safety/c/aurora/reports/{report.pk}/", {"action": "warn", "note": ""})
    assert "Say briefly why" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/safety/c/aurora/reports/{report.pk}/", {"action": "warn", "note": "Be respectful."})
    report.refresh_from_db()
    assert report.action == "warn" and report.resolved_by == alice
    assert Notification.objects.filter(recipient=other, kind="safety.warning").exists()
    assert Notification.objects.filter(recipient=bob, kind="safety.report_acted").exists()
    assert AuditEvent.objects.filter(action="safety.report_warn").exists()
    assert AuditEvent.objects.filter(action="safety.report_content_viewed").exists()


def test_suspend_remove_and_escalate(aurora, alice, bob):
    from ayni.communities.tests.factories import MembershipFactory
    from ayni.safety import services

    people = [MembershipFactory(community=aurora, is_supporter=True).user for _ in range(3)]
    reports = [services.report_create(actor=bob, community=aurora, source_kind="person", source_id=person.pk,
                                      reason="harassment") for person in people]
    services.report_resolve(actor=alice, report=reports[0], action="suspend", note="Threats")
    services.report_resolve(actor=alice, report=reports[1], action="remove", note="Repeated")
    services.report_resolve(actor=alice, report=reports[2], action="escalate")
    assert membership(people[0], aurora).status == "suspended"
    assert membership(people[1], aurora).status == "rejected"
    assert Alert.objects.get(kind="report").person == people[2]
    with pytest.raises(services.ValidationError):
        services.report_resolve(actor=alice, report=reports[0], action="dismiss")


def test_hiding_a_message_calls_the_registered_hider(aurora, alice, bob, monkeypatch):
    from ayni.safety import registry, services

    hidden = []
    monkeypatch.delitem(registry.HIDERS, "message", raising=False)  # messaging registers the real one
    monkeypatch.setitem(registry.REPORT_SOURCES, "message",
                        lambda source_id, community: registry.ReportTarget(person=alice, preview="rude"))
    report = services.report_create(actor=bob, community=aurora, source_kind="message", source_id="9", reason="spam")
    with pytest.raises(services.ValidationError):
        services.report_resolve(actor=alice, report=report, action="hide")
    monkeypatch.setitem(registry.HIDERS, "message", lambda **kwargs: hidden.append(kwargs["source_id"]))
    report.refresh_from_db()
    services.report_resolve(actor=alice, report=report, action="hide")
    assert hidden == ["9"]


def test_reports_are_rate_limited(aurora, alice, bob):
    from ayni.safety import services

    for _ in range(services.REPORT_LIMIT):
        services.report_create(actor=bob, community=aurora, source_kind="person", source_id=alice.pk, reason="spam")
    with pytest.raises(services.ValidationError, match=r"many reports|muchas denuncias"):
        services.report_create(actor=bob, community=aurora, source_kind="person", source_id=alice.pk, reason="spam")


def test_the_moderation_queue_refuses_the_wrong_people(aurora, alice, bob, charlie, dana, client_for):
    from ayni.safety import services

    report = services.report_create(actor=bob, community=aurora, source_kind="person", source_id=alice.pk,
                                    reason="other")
    for person, code in ((bob, 403), (charlie, 403), (dana, 403)):
        assert client_for(person).get("/en/safety/c/aurora/reports/").status_code == code
        assert client_for(person).post(f"/en/safety/c/aurora/reports/{report.pk}/",
                                       {"action": "dismiss"}).status_code == code
    assert client_for(dana).get(f"/en/safety/c/aurora/report/person/{alice.pk}/").status_code == 403
    assert client_for(bob).get(f"/en/safety/c/aurora/report/person/{dana.pk}/").status_code == 404


def test_blocking_needs_a_shared_community(aurora, alice, bob, dana, client_for):
    client = client_for(bob)
    assert client.get(f"/en/safety/blocks/{dana.pk}/").status_code == 404
    client.post(f"/en/safety/blocks/{alice.pk}/")
    assert Block.objects.filter(blocker=bob, blocked=alice).exists()
    assert alice.display_name in client.get("/en/safety/blocks/").content.decode()
    client.post(f"/en/safety/blocks/{alice.pk}/", {"unblock": "1"})
    assert not Block.objects.exists()


def test_a_coordinator_records_parental_consent(aurora, alice, bob, dana, client_for):
    from ayni.people.models import Profile

    SafetySettings.objects.create(community=aurora, parental_consent_required=True, parental_consent_below_age=16)
    Profile.objects.create(user=bob, age_band="14-15")
    client = client_for(alice)
    page = client.get("/en/safety/c/aurora/minors/").content.decode()
    assert "Bob" in page and "missing" in page
    member = membership(bob, aurora)
    response = client.post(f"/en/safety/c/aurora/minors/{member.pk}/consent/", {
        "guardian_name": "Marta", "method": "Signed form", "given_on": "2099-01-01"})
    assert "cannot be in the future" in response.content.decode()
    client.post(f"/en/safety/c/aurora/minors/{member.pk}/consent/", {
        "guardian_name": "Marta", "method": "Signed form", "given_on": str(date(2026, 9, 1))})
    assert ParentalConsent.objects.filter(membership=member, recorded_by=alice).exists()
    assert client_for(dana).get(f"/en/safety/c/aurora/minors/{member.pk}/consent/").status_code == 403
    assert client_for(bob).get("/en/safety/c/aurora/minors/").status_code == 403


def test_coordinators_read_a_conversation_only_under_the_minor_or_report_rule(aurora, alice, bob, dana):
    from ayni.people.models import Profile
    from ayni.safety.access import may_read_conversation_as_coordinator
    from ayni.safety.services import report_create

    participants = [membership(bob, aurora)]
    assert not may_read_conversation_as_coordinator(user=alice, community=aurora, participants=participants)
    Profile.objects.create(user=bob, age_band="14-15")
    participants = [membership(bob, aurora)]
    assert may_read_conversation_as_coordinator(user=alice, community=aurora, participants=participants)
    assert not may_read_conversation_as_coordinator(user=dana, community=aurora, participants=participants)
    assert AuditEvent.objects.filter(action="safety.coordinator_read", actor=alice).count() == 1
    Profile.objects.filter(user=bob).update(age_band="35-44")
    report = report_create(actor=bob, community=aurora, source_kind="person", source_id=alice.pk, reason="other")
    assert may_read_conversation_as_coordinator(user=alice, community=aurora, participants=[bob], report=report)

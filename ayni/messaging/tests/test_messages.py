from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from ayni.core.models import AuditEvent
from ayni.messaging import integrations, selectors, services
from ayni.messaging.models import Message
from ayni.people.models import Profile


@pytest.mark.django_db
def test_a_participant_sends_and_the_other_sees_it_as_unread(conversation, bob, erin):
    sent = services.message_send(actor=bob, conversation=conversation, body="Hola a todos, gracias por acogerme.")
    assert sent.message.body.startswith("Hola")
    assert selectors.unread_total(erin) == 1
    assert selectors.unread_total(bob) == 0
    services.conversation_mark_read(actor=erin, conversation=conversation)
    assert selectors.unread_total(erin) == 0
    assert AuditEvent.objects.filter(action="messaging.message_sent", actor=bob).exists()


@pytest.mark.django_db
def test_it_refuses_someone_outside_the_conversation(conversation, alice, charlie):
    for outsider in (alice, charlie):
        with pytest.raises(PermissionDenied):
            services.message_send(actor=outsider, conversation=conversation, body="Hola")
    assert not Message.objects.exists()


@pytest.mark.django_db
def test_it_refuses_an_empty_or_overlong_message_with_a_clear_error(conversation, bob):
    with pytest.raises(ValidationError) as empty:
        services.message_send(actor=bob, conversation=conversation, body="   ")
    assert "body" in empty.value.message_dict
    with pytest.raises(ValidationError):
        services.message_send(actor=bob, conversation=conversation, body="x" * 5001)
    assert not Message.objects.exists()


@pytest.mark.django_db
def test_a_read_only_conversation_refuses_new_messages_but_keeps_the_old(conversation, bob):
    services.message_send(actor=bob, conversation=conversation, body="Antes del cierre")
    services.conversation_set_read_only(conversation=conversation, read_only=True)
    with pytest.raises(PermissionDenied):
        services.message_send(actor=bob, conversation=conversation, body="Después")
    assert list(conversation.messages.values_list("body", flat=True)) == ["Antes del cierre"]


@pytest.mark.django_db
def test_sending_is_rate_limited(conversation, bob, monkeypatch):
    monkeypatch.setattr(services, "SEND_LIMIT", 2)
    services.message_send(actor=bob, conversation=conversation, body="uno")
    services.message_send(actor=bob, conversation=conversation, body="dos")
    with pytest.raises(services.RateLimited) as refused:
        services.message_send(actor=bob, conversation=conversation, body="tres")
    assert "wait" in str(refused.value.messages[0]).lower() or "espera" in str(refused.value.messages[0]).lower()
    assert conversation.messages.count() == 2


@pytest.mark.django_db
def test_contact_details_are_masked_where_a_minor_takes_part(conversation, bob, erin):
    Profile.objects.update_or_create(user=bob, defaults={"date_of_birth": timezone.localdate() - timedelta(days=15 * 365)})
    services.conversation_for_circle(conversation.circle)
    conversation.refresh_from_db()
    assert conversation.involves_minor
    sent = services.message_send(actor=erin, conversation=conversation,
                                 body="Escríbeme a erin@example.org o al +34 612 345 678")
    assert "erin@example.org" not in sent.message.body
    assert "612" not in sent.message.body


@pytest.mark.django_db
def test_the_writer_gets_the_screening_result_and_the_message_is_never_blocked(conversation, bob, monkeypatch):
    class Screening:
        level = "urgent"
        resources = [{"name": "Teléfono de la esperanza"}]
        alert = None

    seen = {}

    def fake_screen(**kwargs):
        seen.update(kwargs)
        return Screening()

    monkeypatch.setattr(integrations, "screen_text", fake_screen)
    sent = services.message_send(actor=bob, conversation=conversation, body="No puedo más")
    assert sent.message.pk and sent.message.screening_level == "urgent"
    assert seen["source"] == "message" and seen["source_id"] == sent.message.pk and seen["author"] == bob


@pytest.mark.django_db
def test_reporting_files_a_safety_report_and_keeps_the_message(conversation, bob, erin, alice):
    from ayni.safety.models import Report

    message = services.message_send(actor=erin, conversation=conversation, body="Algo fuera de lugar").message
    with pytest.raises(ValidationError):
        services.message_report(actor=erin, message=message, reason="harassment")
    with pytest.raises(ValidationError):
        services.message_report(actor=bob, message=message, reason="")
    services.message_report(actor=bob, message=message, reason="harassment", details="No me siento cómodo")
    message.refresh_from_db()
    assert message.reported_at is not None and message.body == "Algo fuera de lugar"
    report = Report.objects.get()
    assert report.source_kind == "message" and report.source_id == str(message.pk) and report.person == erin


@pytest.mark.django_db
def test_a_coordinator_hides_a_reported_message_through_safety(conversation, bob, erin, alice):
    from ayni.safety.models import Report
    from ayni.safety.services import report_resolve

    message = services.message_send(actor=erin, conversation=conversation, body="Ofensivo").message
    services.message_report(actor=bob, message=message, reason="harassment")
    report_resolve(actor=alice, report=Report.objects.get(), action="hide", note="Fuera de lugar")
    message.refresh_from_db()
    assert message.hidden_by_moderation and message.body == "Ofensivo"


@pytest.mark.django_db
def test_only_coordinators_hide_messages_and_nothing_is_deleted(conversation, bob, erin, alice):
    message = services.message_send(actor=erin, conversation=conversation, body="Texto").message
    with pytest.raises(PermissionDenied):
        services.message_set_hidden(actor=bob, message=message, hidden=True)
    services.message_set_hidden(actor=alice, message=message, hidden=True)
    message.refresh_from_db()
    assert message.hidden_by_moderation and message.hidden_by == alice and Message.objects.count() == 1


@pytest.mark.django_db
def test_the_digest_sends_unread_messages_once_per_person(conversation, bob, erin, frank, django_capture_on_commit_callbacks):
    long_ago = timezone.now() - timedelta(hours=2)
    services.message_send(actor=bob, conversation=conversation, body="Primero")
    services.message_send(actor=bob, conversation=conversation, body="Segundo")
    Message.objects.update(created_at=long_ago)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_message_digests(minutes=30) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_message_digests(minutes=30) == 0
    digests = [m for m in mail.outbox if "erin@example.org" in m.to]
    assert len(digests) == 1
    assert "2" in digests[0].subject and "Bob" in digests[0].body
    assert "Primero" not in digests[0].body  # no message text in e-mails
    assert digests[0].subject.startswith("You have")  # Erin reads English
    assert not [m for m in mail.outbox if "bob@example.org" in m.to]


@pytest.mark.django_db
def test_the_digest_respects_the_messages_preference_and_recent_messages_wait(conversation, bob, erin):
    erin.notification_preferences = {"messages": False}
    erin.save(update_fields=["notification_preferences"])
    services.message_send(actor=bob, conversation=conversation, body="Hola")
    assert services.send_message_digests(minutes=30) == 0  # too recent
    Message.objects.update(created_at=timezone.now() - timedelta(hours=1))
    assert services.send_message_digests(minutes=30) == 0  # Erin turned message e-mails off

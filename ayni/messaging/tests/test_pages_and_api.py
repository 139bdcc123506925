import json
from datetime import timedelta

import pytest
from django.utils import timezone

from ayni.core.models import AuditEvent
from ayni.messaging import services
from ayni.people.models import Profile


@pytest.mark.django_db
def test_a_participant_reads_the_conversation_and_polls_for_new_messages(conversation, bob, erin, client_for):
    first = services.message_send(actor=erin, conversation=conversation, body="Bienvenido, Bob").message
    client = client_for(bob)
    page = client.get(f"/es/messages/{conversation.pk}/")
    assert page.status_code == 200 and "Bienvenido, Bob" in page.content.decode()
    second = services.message_send(actor=erin, conversation=conversation, body="¿Cómo estás hoy?").message
    poll = client.get(f"/es/messages/{conversation.pk}/poll/?after={first.pk}", HTTP_HX_REQUEST="true")
    body = poll.content.decode()
    assert "¿Cómo estás hoy?" in body and "Bienvenido, Bob" not in body
    assert f"after={second.pk}" in body


@pytest.mark.django_db
def test_the_inbox_shows_unread_counts_without_n_plus_one(conversation, bob, erin, client_for, django_assert_max_num_queries):
    services.message_send(actor=erin, conversation=conversation, body="Uno")
    services.message_send(actor=erin, conversation=conversation, body="Dos")
    client = client_for(bob)
    with django_assert_max_num_queries(12):
        page = client.get("/en/messages/")
    assert "2 unread" in page.content.decode()


@pytest.mark.django_db
def test_sending_from_the_page_with_and_without_htmx(conversation, bob, client_for):
    client = client_for(bob)
    answer = client.post(f"/es/messages/{conversation.pk}/send/", {"body": "Desde la página"})
    assert answer.status_code == 302
    answer = client.post(f"/es/messages/{conversation.pk}/send/", {"body": "Con htmx"}, HTTP_HX_REQUEST="true")
    assert answer.status_code == 200 and answer["HX-Trigger"] == "messaging-poll"
    empty = client.post(f"/es/messages/{conversation.pk}/send/", {"body": ""}, HTTP_HX_REQUEST="true")
    assert "Escribe" in empty.content.decode() or "Write" in empty.content.decode()
    assert list(conversation.messages.values_list("body", flat=True)) == ["Desde la página", "Con htmx"]


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["alice", "charlie", "dana"])
def test_people_outside_the_conversation_are_refused_in_pages_and_api(conversation, bob, request, client_for, who):
    services.message_send(actor=bob, conversation=conversation, body="Privado")
    outsider = request.getfixturevalue(who)
    client = client_for(outsider)
    for url in (f"/es/messages/{conversation.pk}/", f"/es/messages/{conversation.pk}/poll/?after=0",
                f"/es/messages/{conversation.pk}/share/"):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/es/messages/{conversation.pk}/send/", {"body": "intrusión"}).status_code == 404
    assert client.get(f"/api/v1/messages/{conversation.pk}/messages").status_code == 404
    assert client.post(f"/api/v1/messages/{conversation.pk}/messages", json.dumps({"body": "x"}),
                       content_type="application/json").status_code == 404
    assert conversation.messages.count() == 1


@pytest.mark.django_db
def test_a_coordinator_reads_a_conversation_with_a_minor_and_the_reading_is_audited(conversation, bob, erin, alice, client_for):
    Profile.objects.update_or_create(user=bob, defaults={"date_of_birth": timezone.localdate() - timedelta(days=15 * 365)})
    services.conversation_for_circle(conversation.circle)
    services.message_send(actor=erin, conversation=conversation, body="Hola")
    client = client_for(alice)
    page = client.get(f"/en/messages/{conversation.pk}/")
    assert page.status_code == 200 and "as a coordinator because a minor takes part" in page.content.decode()
    assert AuditEvent.objects.filter(action="safety.coordinator_read", actor=alice).count() == 1
    client.get(f"/api/v1/messages/{conversation.pk}/messages")
    assert AuditEvent.objects.filter(action="safety.coordinator_read", actor=alice).count() == 1
    # Reading is not writing.
    refused = client.post(f"/api/v1/messages/{conversation.pk}/messages", json.dumps({"body": "x"}),
                          content_type="application/json")
    assert refused.status_code == 403


@pytest.mark.django_db
def test_a_coordinator_reads_a_conversation_once_a_message_was_reported(conversation, bob, erin, alice, client_for):
    message = services.message_send(actor=erin, conversation=conversation, body="Esto incomoda").message
    assert client_for(alice).get(f"/es/messages/{conversation.pk}/").status_code == 404
    client = client_for(bob)
    assert client.post(f"/es/messages/{conversation.pk}/m/{message.pk}/report/", {"reason": ""}).status_code == 400
    assert client.post(f"/es/messages/{conversation.pk}/m/{message.pk}/report/",
                       {"reason": "harassment", "details": "Me incomoda"}).status_code == 302
    client = client_for(alice)
    assert client.get(f"/es/messages/{conversation.pk}/").status_code == 200
    assert client.post(f"/es/messages/{conversation.pk}/m/{message.pk}/hide/", {"hidden": "1"}).status_code == 302
    message.refresh_from_db()
    assert message.hidden_by_moderation
    # Once the report is handled, the coordinator's reading ends.
    from ayni.safety.models import Report
    from ayni.safety.services import report_resolve

    report_resolve(actor=alice, report=Report.objects.get(), action="dismiss")
    assert client.get(f"/es/messages/{conversation.pk}/").status_code == 404


@pytest.mark.django_db
def test_a_participant_cannot_hide_messages(conversation, bob, erin, client_for):
    message = services.message_send(actor=erin, conversation=conversation, body="Hola").message
    assert client_for(bob).post(f"/es/messages/{conversation.pk}/m/{message.pk}/hide/").status_code == 403


@pytest.mark.django_db
def test_the_api_lists_reads_with_a_cursor_and_sends(conversation, bob, erin, client_for):
    client = client_for(bob)
    sent = client.post(f"/api/v1/messages/{conversation.pk}/messages", json.dumps({"body": "Hola desde la app"}),
                       content_type="application/json")
    assert sent.status_code == 201 and sent.json()["message"]["author_is_me"]
    first_id = sent.json()["message"]["id"]
    services.message_send(actor=erin, conversation=conversation, body="¡Hola!")
    listed = client.get("/api/v1/messages").json()
    assert listed["items"][0]["unread"] == 1
    newer = client.get(f"/api/v1/messages/{conversation.pk}/messages?after={first_id}").json()
    assert [m["body"] for m in newer["messages"]] == ["¡Hola!"] and newer["after"] > first_id
    assert client.get("/api/v1/messages/unread").json() == {"unread": 0}
    bad = client.post(f"/api/v1/messages/{conversation.pk}/messages", json.dumps({"body": ""}),
                      content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")
    assert bad.status_code == 400 and "Write a message first" in bad.json()["detail"]


@pytest.mark.django_db
def test_the_api_answers_429_when_sending_too_fast(conversation, bob, client_for, monkeypatch):
    monkeypatch.setattr(services, "SEND_LIMIT", 1)
    client = client_for(bob)
    url = f"/api/v1/messages/{conversation.pk}/messages"
    assert client.post(url, json.dumps({"body": "uno"}), content_type="application/json").status_code == 201
    assert client.post(url, json.dumps({"body": "dos"}), content_type="application/json").status_code == 429


@pytest.mark.django_db
def test_a_resource_is_shared_into_the_conversation(conversation, bob, erin, alice, aurora, client_for):
    from ayni.resources.services import resource_create

    resource = resource_create(actor=erin, community=aurora, title_es="Guía del duelo", title_en="A guide to grief",
                               url="https://example.org/duelo")
    client = client_for(erin)
    assert "Guía del duelo" in client.get(f"/es/messages/{conversation.pk}/share/").content.decode()
    client.post(f"/es/messages/{conversation.pk}/send/", {"resource": resource.pk, "body": "Te puede servir"})
    message = conversation.messages.get()
    assert message.resource == resource
    page = client_for(bob).get(f"/en/messages/{conversation.pk}/").content.decode()
    assert "A guide to grief" in page


@pytest.mark.django_db
def test_the_conversation_page_and_poll_cost_a_fixed_number_of_queries(conversation, bob, erin, client_for,
                                                                        django_assert_max_num_queries):
    for number in range(30):
        services.message_send(actor=erin if number % 2 else bob, conversation=conversation, body=f"Mensaje {number}")
    client = client_for(bob)
    with django_assert_max_num_queries(16):
        assert client.get(f"/es/messages/{conversation.pk}/").status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(f"/es/messages/{conversation.pk}/poll/?after=0").status_code == 200


@pytest.mark.django_db
def test_a_writer_in_crisis_sees_support_at_once_and_the_message_is_sent(conversation, bob, alice, client_for):
    client = client_for(bob)
    answer = client.post(f"/es/messages/{conversation.pk}/send/", {"body": "Ya no puedo más, quiero morirme."},
                         HTTP_HX_REQUEST="true")
    assert answer.status_code == 200
    assert 'data-testid="crisis-resources"' in answer.content.decode()
    message = conversation.messages.get()
    assert message.screening_level in ("concern", "urgent")
    api = client.post(f"/api/v1/messages/{conversation.pk}/messages", json.dumps({"body": "Quiero morirme"}),
                      content_type="application/json")
    assert api.status_code == 201 and api.json()["screening_level"] in ("concern", "urgent")


@pytest.mark.django_db
def test_participants_can_refer_from_the_conversation_about_the_other_person(relationship, bob, erin, alice, client_for):
    from ayni.messaging.models import Conversation

    conversation = Conversation.objects.get(relationship=relationship)
    page = client_for(erin).get(f"/en/messages/{conversation.pk}/").content.decode()
    assert "Refer to a coordinator" in page
    link = page.split('id="refer-link" href="')[1].split('"')[0].replace("&amp;", "&")
    assert link == f"/en/safety/c/aurora/refer/?source=conversation&source_id={conversation.pk}&person={bob.pk}"
    assert client_for(erin).get(link).status_code == 200  # the guided page, about Bob
    assert client_for(alice).get(f"/es/messages/{conversation.pk}/").status_code == 404  # not a participant

import pytest
from django.core.exceptions import PermissionDenied

from ayni.messaging import services
from ayni.messaging.models import Conversation, Participant


@pytest.mark.django_db
def test_a_relationship_gets_its_conversation_when_it_starts(relationship, bob, erin):
    conversation = Conversation.objects.get(relationship=relationship)
    assert conversation.kind == "relationship" and not conversation.is_read_only
    assert set(Participant.objects.filter(conversation=conversation).values_list("user_id", flat=True)) == {bob.pk, erin.pk}
    assert services.conversation_for_relationship(relationship).pk == conversation.pk


@pytest.mark.django_db
def test_closing_the_relationship_makes_the_conversation_read_only(relationship, alice, bob):
    from ayni.relationships.services import relationship_cancel

    services.message_send(actor=bob, conversation=relationship.conversation, body="Hola")
    relationship_cancel(actor=alice, relationship=relationship, reason="No empezó")
    conversation = Conversation.objects.get(relationship=relationship)
    assert conversation.is_read_only and conversation.messages.count() == 1
    with pytest.raises(PermissionDenied):
        services.message_send(actor=bob, conversation=conversation, body="¿Sigues ahí?")


@pytest.mark.django_db
def test_blocked_people_cannot_message_each_other(relationship, bob, erin):
    from ayni.safety.services import block_create

    conversation = relationship.conversation
    services.message_send(actor=bob, conversation=conversation, body="Antes del bloqueo")
    block_create(actor=erin, blocked=bob)
    for sender in (bob, erin):
        with pytest.raises(PermissionDenied):
            services.message_send(actor=sender, conversation=conversation, body="Después")
    assert conversation.messages.count() == 1


@pytest.mark.django_db
def test_the_relationship_conversation_is_refused_to_outsiders(relationship, alice, charlie, dana, client_for):
    conversation = relationship.conversation
    for outsider in (alice, charlie, dana):
        client = client_for(outsider)
        assert client.get(f"/es/messages/{conversation.pk}/").status_code == 404
        assert client.get(f"/api/v1/messages/{conversation.pk}").status_code == 404


@pytest.mark.django_db
def test_privacy_export_erase_and_retention(relationship, alice, bob, erin):
    from datetime import timedelta

    from django.utils import timezone

    from ayni.messaging import privacy
    from ayni.safety import registry

    assert registry.EXPORTERS["messaging"] is privacy.export_messages
    conversation = relationship.conversation
    services.message_send(actor=bob, conversation=conversation, body="Mi historia")
    services.message_send(actor=erin, conversation=conversation, body="Gracias por contarla")
    assert privacy.export_messages(bob)["messages"][0]["body"] == "Mi historia"
    assert privacy.erase_messages(bob)["messages_blanked"] == 1
    assert list(conversation.messages.order_by("id").values_list("body", flat=True)) == ["", "Gracias por contarla"]
    relationship.closed_at = timezone.now() - timedelta(days=400)
    relationship.save(update_fields=["closed_at"])
    assert privacy.purge_closed_relationships(community=relationship.community,
                                              closed_before=timezone.now() - timedelta(days=365)) == 1
    assert conversation.messages.count() == 2  # rows stay, text goes


@pytest.mark.django_db
def test_the_two_people_exchange_messages_on_the_relationship_page(relationship, bob, erin, client_for):
    conversation = relationship.conversation
    client = client_for(bob)
    client.post(f"/es/messages/{conversation.pk}/send/", {"body": "Hola, Erin"})
    page = client_for(erin).get(f"/en/messages/{conversation.pk}/").content.decode()
    assert "Hola, Erin" in page and f"/en/relationships/{relationship.pk}/" in page
    from django.template.loader import render_to_string

    link = render_to_string("messaging/partials/conversation_link.html", {"relationship": relationship})
    assert f"/messages/{conversation.pk}/" in link

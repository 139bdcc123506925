"""Permission-matrix rows for messaging, on the real conversation of Bob's relationship (built by
ayni/relationships/tests/permission_matrix.py) and a real message in it."""

from ayni.safety.tests.permission_matrix import expect

PEOPLE = expect("deny", anonymous="login", concerned="ok")
C = {"conversation_id": "conversation"}
M = {**C, "message_id": "message"}


def matrix_objects(*, community, users, objects):
    from ayni.messaging.models import Conversation
    from ayni.messaging.services import message_send
    from ayni.relationships.models import Relationship

    relationship = Relationship.objects.select_related("supporter__user").get(pk=objects["relationship"])
    conversation = Conversation.objects.get(relationship=relationship)
    sent = message_send(actor=relationship.supporter.user, conversation=conversation, body="Hola, Bob.")
    return {"conversation": conversation.pk, "message": sent.message.pk}


PAGES = {
    "messaging:conversation": {"kwargs": C, "expect": PEOPLE},
    "messaging:poll": {"kwargs": C, "expect": PEOPLE},
    "messaging:send": {"method": "post", "kwargs": C, "data": {"body": "Gracias, Sofía."}, "expect": PEOPLE},
    "messaging:share": {"kwargs": C, "expect": PEOPLE},
    "messaging:report": {"kwargs": M, "expect": PEOPLE},
    "messaging:hide": {"method": "post", "kwargs": M, "expect": expect("deny", anonymous="login")},
}

API = {
    "GET /api/v1/messages/{conversation_id}": {"path": C, "expect": PEOPLE},
    "GET /api/v1/messages/{conversation_id}/messages": {"path": C, "expect": PEOPLE},
    "POST /api/v1/messages/{conversation_id}/messages": {"path": C, "body": {"body": "Gracias, Sofía."},
                                                         "expect": PEOPLE},
    "POST /api/v1/messages/{conversation_id}/messages/{message_id}/report": {
        "path": M, "body": {"reason": "other", "details": "Prueba"}, "expect": PEOPLE},
    "POST /api/v1/messages/{conversation_id}/messages/{message_id}/hide": {
        "path": M, "body": {"hidden": True}, "expect": expect("deny", anonymous="login")},
}

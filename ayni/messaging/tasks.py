from ayni.messaging.services import send_message_digests


def send_digests() -> int:
    """The periodic job: e-mail unread messages as one digest per person."""
    return send_message_digests()

"""Exporters and erasers for a person's data, registered with safety's privacy registry when it
is installed (looked up at start-up; nothing happens while it does not exist)."""

import logging

from django.db import transaction

logger = logging.getLogger("ayni.messaging")


def export_messages(user) -> dict:
    from ayni.messaging.models import Message, Participant

    return {
        "conversations": [
            {"id": seat.conversation_id, "kind": seat.conversation.kind, "joined_at": seat.joined_at.isoformat()}
            for seat in Participant.objects.filter(user=user).select_related("conversation")
        ],
        "messages": [
            {"id": m.pk, "conversation": m.conversation_id, "created_at": m.created_at.isoformat(), "body": m.body}
            for m in Message.objects.filter(author=user).order_by("id")
        ],
    }


@transaction.atomic
def erase_messages(user) -> int:
    """Messages stay in place for the other people (nothing disappears from a conversation), but
    without their writer and text."""
    from ayni.messaging.models import Message

    return Message.objects.filter(author=user).update(author=None, body="")


def export_circles(user) -> dict:
    from ayni.circles.models import Attendance, CircleMembership

    return {
        "circles": [
            {"circle": cm.circle.name, "role": cm.role, "status": cm.status, "requested_at": cm.requested_at.isoformat()}
            for cm in CircleMembership.objects.filter(membership__user=user).select_related("circle")
        ],
        "attendance": [
            {"meeting": a.meeting.starts_at.isoformat(), "present": a.present}
            for a in Attendance.objects.filter(circle_membership__membership__user=user).select_related("meeting")
        ],
    }


def export_notifications(user) -> dict:
    from ayni.notifications.models import Notification

    return {"notifications": [
        {"kind": n.kind, "title": n.title, "created_at": n.created_at.isoformat(),
         "read_at": n.read_at.isoformat() if n.read_at else None}
        for n in Notification.objects.filter(recipient=user)
    ], "preferences": user.notification_preferences}


def erase_notifications(user) -> int:
    from ayni.notifications.models import Notification

    return Notification.objects.filter(recipient=user).delete()[0]


def register() -> None:
    from ayni.messaging.integrations import privacy_registry

    register_exporter, register_eraser = privacy_registry()
    if register_exporter is None:
        return
    try:
        register_exporter("messaging", export_messages)
        register_exporter("circles", export_circles)
        register_exporter("notifications", export_notifications)
        if register_eraser is not None:
            register_eraser("messaging", erase_messages)
            register_eraser("notifications", erase_notifications)
    except TypeError:
        logger.warning("safety's privacy registry has another signature; messaging's exporters are not registered")

"""What messaging and circles register with safety (ayni.safety.registry) at start-up: the
report source and hider for messages, exporters and erasers for a person's data, and the
retention eraser for the messages of closed relationships."""

from django.db import transaction
from django.db.models import Q


def resolve_message(source_id: str, community):
    """For a report: the message's writer, a short preview for the coordinator, a link."""
    from ayni.messaging.models import Message
    from ayni.safety.registry import ReportTarget

    if not str(source_id).isdigit():
        return None
    message = Message.objects.select_related("author").filter(
        pk=int(source_id), conversation__community=community).first()
    if message is None:
        return None
    return ReportTarget(person=message.author, preview=message.body[:300],
                        url=f"/messages/{message.conversation_id}/#message-{message.pk}")


def hide_message(*, actor, source_id, community, reason: str = "") -> None:
    from ayni.messaging.models import Message
    from ayni.messaging.services import message_set_hidden

    message = Message.objects.select_related("conversation").filter(
        pk=int(source_id), conversation__community=community).first()
    if message is not None:
        message_set_hidden(actor=actor, message=message, hidden=True)


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
def erase_messages(user) -> dict:
    """The messages stay in place for the others (nothing disappears from a conversation), but
    without their writer and text."""
    from ayni.messaging.models import Message, Participant

    blanked = Message.objects.filter(author=user).update(author=None, body="")
    seats = Participant.objects.filter(user=user).delete()[0]
    return {"messages_blanked": blanked, "conversation_seats": seats}


def export_circles(user) -> dict:
    from ayni.circles.models import Attendance, CircleMembership

    return {
        "circles": [
            {"circle": cm.circle.name, "role": cm.role, "status": cm.status, "requested_at": cm.requested_at.isoformat(),
             "message": cm.message}
            for cm in CircleMembership.objects.filter(membership__user=user).select_related("circle")
        ],
        "attendance": [
            {"circle": a.meeting.circle.name, "meeting": a.meeting.starts_at.isoformat(), "present": a.present}
            for a in Attendance.objects.filter(circle_membership__membership__user=user)
            .select_related("meeting", "meeting__circle")
        ],
    }


@transaction.atomic
def erase_circles(user) -> dict:
    from ayni.circles.models import CircleMembership

    return {"circle_requests_cleared": CircleMembership.objects.filter(membership__user=user).exclude(
        message="").update(message="")}


def purge_closed_relationships(*, community, closed_before) -> int:
    """Retention: blank the messages of relationships in `community` closed before the cut-off."""
    from ayni.messaging.models import Message

    return Message.objects.filter(
        conversation__community=community, conversation__relationship__closed_at__lt=closed_before,
    ).filter(~Q(body="") | Q(author__isnull=False)).update(body="", author=None)


def register() -> None:
    try:
        from ayni.safety import registry
    except ImportError:  # safety not installed
        return
    registry.register_report_source("message", resolve_message)
    registry.register_hider("message", hide_message)
    registry.register_exporter("messaging", export_messages)
    registry.register_exporter("circles", export_circles)
    registry.register_eraser("messaging", erase_messages)
    registry.register_eraser("circles", erase_circles)
    registry.register_retention_eraser("messaging", purge_closed_relationships)

"""Who may read a conversation: its participants; and the community's coordinators where a
minor takes part or a message was reported (each such reading is audited). Everyone else gets
a 404 (they may not know it exists)."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from ayni.messaging.models import Conversation, Message, Participant
from ayni.messaging.selectors import has_open_report


@dataclass
class ConversationAccess:
    conversation: Conversation
    seat: Participant | None  # None for a coordinator reading under the minor or report rule
    as_coordinator: bool = False
    reason: str = ""

    @property
    def can_write(self) -> bool:
        return self.seat is not None and self.seat.left_at is None and not self.conversation.is_read_only


def coordinator_reason(user, conversation: Conversation) -> str:
    """Why a coordinator may read this conversation ("minor", "report"), or "" if they may not:
    safety's one rule (ayni.safety.access.coordinator_read_reason)."""
    from ayni.safety.access import coordinator_read_reason

    return coordinator_read_reason(user=user, community=conversation.community,
                                   involves_minor=conversation.involves_minor,
                                   open_report=has_open_report(conversation))


def access_conversation(user, conversation_id) -> ConversationAccess:
    if not getattr(user, "is_authenticated", False):
        raise Http404(_("No such conversation."))
    conversation = (Conversation.objects.select_related("community", "circle")
                    .filter(pk=conversation_id).first())
    if conversation is None:
        raise Http404(_("No such conversation."))
    seat = Participant.objects.filter(conversation=conversation, user=user).first()
    if seat is not None:
        return ConversationAccess(conversation=conversation, seat=seat)
    from ayni.safety.access import access_conversation_as_coordinator

    # One rule and one (hourly) audit row, both in safety.
    reason = access_conversation_as_coordinator(
        user=user, community=conversation.community, target=conversation,
        involves_minor=conversation.involves_minor,
        open_report=None if conversation.involves_minor else has_open_report(conversation))
    if not reason:
        raise Http404(_("No such conversation."))
    return ConversationAccess(conversation=conversation, seat=None, as_coordinator=True, reason=reason)


def access_message(user, conversation_access: ConversationAccess, message_id) -> Message:
    message = Message.objects.select_related("conversation", "conversation__community").filter(
        pk=message_id, conversation=conversation_access.conversation).first()
    if message is None:
        raise Http404(_("No such message."))
    return message


def require_seat(conversation_access: ConversationAccess) -> Participant:
    if conversation_access.seat is None:
        raise PermissionDenied(_("Only the people in this conversation can do this."))
    return conversation_access.seat

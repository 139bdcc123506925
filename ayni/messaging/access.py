"""Who may read a conversation: its participants; and the community's coordinators where a
minor takes part or a message was reported (each such reading is audited). Everyone else gets
a 404 (they may not know it exists)."""

from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from ayni.core.audit import audit_log
from ayni.core.models import AuditEvent
from ayni.messaging.models import Conversation, Message, Participant
from ayni.messaging.selectors import has_open_report

AUDIT_EVERY = timedelta(minutes=10)


@dataclass
class ConversationAccess:
    conversation: Conversation
    seat: Participant | None  # None for a coordinator reading under the minor or report rule
    as_coordinator: bool = False
    reason: str = ""

    @property
    def can_write(self) -> bool:
        return self.seat is not None and self.seat.left_at is None and not self.conversation.is_read_only


def _is_coordinator(user, community_id) -> bool:
    from ayni.communities.models import Membership

    return Membership.objects.filter(community_id=community_id, user=user, is_coordinator=True,
                                     status=Membership.Status.ACTIVE).exists()


def coordinator_reason(user, conversation: Conversation) -> str:
    """Why a coordinator may read this conversation ("minor", "report"), or "" if they may not."""
    if not _is_coordinator(user, conversation.community_id):
        return ""
    if conversation.involves_minor:
        return "minor"
    if has_open_report(conversation):
        return "report"
    return ""


def _audit_coordinator_reading(user, conversation: Conversation, reason: str) -> None:
    # One row per coordinator and conversation every few minutes, not one per poll.
    recent = AuditEvent.objects.filter(
        actor=user, action="messaging.conversation_read_by_coordinator", target_type="messaging.conversation",
        target_id=str(conversation.pk), created_at__gte=timezone.now() - AUDIT_EVERY,
    ).exists()
    if not recent:
        audit_log(actor=user, action="messaging.conversation_read_by_coordinator", target=conversation,
                  community=conversation.community_id, details={"reason": reason})


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
    reason = coordinator_reason(user, conversation)
    if not reason:
        raise Http404(_("No such conversation."))
    _audit_coordinator_reading(user, conversation, reason)
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

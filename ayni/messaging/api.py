from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from ayni.core.api import ErrorOut, Pagination
from ayni.messaging import access, selectors, services

router = Router(tags=["messaging"])


class ConversationOut(Schema):
    id: int
    kind: str
    title: str
    community: str
    circle_id: int | None
    relationship_id: int | None
    is_read_only: bool
    involves_minor: bool
    unread: int
    last_message_at: datetime | None


class MessageOut(Schema):
    id: int
    author: str | None
    author_is_me: bool
    body: str
    created_at: datetime
    hidden_by_moderation: bool
    reported: bool
    resource_id: int | None
    resource_title: str | None
    resource_url: str | None


class MessagesOut(Schema):
    conversation: int
    messages: list[MessageOut]
    after: int = Field(description="Pass as ?after= to get only newer messages.")
    is_read_only: bool
    read_as_coordinator: bool


class SendIn(Schema):
    body: str = ""
    resource_id: int | None = None


class SentOut(Schema):
    message: MessageOut
    screening_level: str
    support_resources: list[dict]


class ReportIn(Schema):
    reason: str = Field(description="harassment, inappropriate, safety, minor, spam, privacy or other")
    details: str = ""


class HideIn(Schema):
    hidden: bool = True


def conversation_out(seat_or_conversation, user, unread: int = 0) -> dict:
    conversation = getattr(seat_or_conversation, "conversation", seat_or_conversation)
    return {
        "id": conversation.pk, "kind": conversation.kind,
        "title": selectors.conversation_title(conversation, user), "community": conversation.community.slug,
        "circle_id": conversation.circle_id, "relationship_id": getattr(conversation, "relationship_id", None),
        "is_read_only": conversation.is_read_only, "involves_minor": conversation.involves_minor,
        "unread": getattr(seat_or_conversation, "unread", unread), "last_message_at": conversation.last_message_at,
    }


def message_out(message, user, *, as_coordinator: bool = False) -> dict:
    hidden = message.hidden_by_moderation and not as_coordinator
    resource = message.resource if not hidden else None
    return {
        "id": message.pk, "author": message.author.display_name if message.author else None,
        "author_is_me": message.author_id == user.pk, "body": "" if hidden else message.body,
        "created_at": message.created_at, "hidden_by_moderation": message.hidden_by_moderation,
        "reported": message.reported_at is not None, "resource_id": getattr(resource, "pk", None),
        "resource_title": resource.title if resource else None, "resource_url": (resource.url or None) if resource else None,
    }


@router.get("", response=list[ConversationOut], summary="My conversations, with unread counts")
@paginate(Pagination)
def list_conversations(request):
    return [conversation_out(seat, request.user) for seat in selectors.seats_of(request.user)]


@router.get("/unread", response=dict, summary="How many messages I have not read")
def unread(request):
    return {"unread": selectors.unread_total(request.user)}


@router.get("/{conversation_id}", response=ConversationOut, summary="One conversation")
def get_conversation(request, conversation_id: int):
    conversation_access = access.access_conversation(request.user, conversation_id)
    return conversation_out(conversation_access.conversation, request.user,
                            unread=selectors.unread_in(conversation_access.conversation, request.user))


@router.get("/{conversation_id}/messages", response=MessagesOut,
            summary="Messages (the latest 50, or those after ?after=<id>); marks them read")
def list_messages(request, conversation_id: int, after: int = 0, before: int | None = None, limit: int = 50):
    conversation_access = access.access_conversation(request.user, conversation_id)
    conversation = conversation_access.conversation
    limit = max(1, min(limit, 200))
    chat_messages = selectors.messages_after(conversation, after=max(0, after), before=before, limit=limit)
    cursor = chat_messages[-1].pk if chat_messages and before is None else max(0, after)
    if conversation_access.seat is not None and cursor:
        services.conversation_mark_read(actor=request.user, conversation=conversation, through_id=cursor)
    return {
        "conversation": conversation.pk, "after": cursor, "is_read_only": conversation.is_read_only,
        "read_as_coordinator": conversation_access.as_coordinator,
        "messages": [message_out(m, request.user, as_coordinator=conversation_access.as_coordinator)
                     for m in chat_messages],
    }


@router.post("/{conversation_id}/messages", response={201: SentOut, 429: ErrorOut}, summary="Send a message")
def send_message(request, conversation_id: int, payload: SendIn):
    conversation_access = access.access_conversation(request.user, conversation_id)
    access.require_seat(conversation_access)
    conversation = conversation_access.conversation
    resource = None
    if payload.resource_id is not None:
        from ayni.resources.models import Resource

        resource = Resource.objects.filter(pk=payload.resource_id, community=conversation.community,
                                           is_archived=False).first()
        if resource is None:
            raise Http404(_("No such resource in this community's library."))
    try:
        sent = services.message_send(actor=request.user, conversation=conversation, body=payload.body, resource=resource)
    except services.RateLimited as refusal:
        return Status(429, {"detail": " ".join(refusal.messages)})
    screening = sent.screening
    return Status(201, {
        "message": message_out(sent.message, request.user),
        "screening_level": getattr(screening, "level", "") or "",
        "support_resources": [_resource_dict(item) for item in getattr(screening, "resources", None) or []],
    })


def _resource_dict(item) -> dict:
    fields = ("name", "description", "phone", "text_line", "web", "hours")
    if isinstance(item, dict):
        return {key: str(item[key]) for key in fields if item.get(key)}
    return {key: str(getattr(item, key)) for key in fields if getattr(item, key, "")}


@router.post("/{conversation_id}/messages/{message_id}/report", response=MessageOut, summary="Report a message")
def report_message(request, conversation_id: int, message_id: int, payload: ReportIn):
    conversation_access = access.access_conversation(request.user, conversation_id)
    message = access.access_message(request.user, conversation_access, message_id)
    if conversation_access.seat is None:
        raise PermissionDenied(_("Only the people in this conversation can report its messages."))
    message = services.message_report(actor=request.user, message=message, reason=payload.reason,
                                      details=payload.details)
    return message_out(message, request.user)


@router.post("/{conversation_id}/messages/{message_id}/hide", response=MessageOut,
             summary="Hide or show a message (coordinators)")
def hide_message(request, conversation_id: int, message_id: int, payload: HideIn):
    conversation_access = access.access_conversation(request.user, conversation_id)
    message = access.access_message(request.user, conversation_access, message_id)
    message = services.message_set_hidden(actor=request.user, message=message, hidden=payload.hidden)
    return message_out(message, request.user, as_coordinator=True)

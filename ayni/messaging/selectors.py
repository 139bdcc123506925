"""Reads of conversations and messages (access is checked in access.py)."""

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from ayni.messaging.models import Conversation, Message, Participant


def _unread_subquery(user):
    return Coalesce(Subquery(
        Message.objects.filter(conversation=OuterRef("conversation"), id__gt=OuterRef("last_read_message_id"),
                               hidden_by_moderation=False)
        .exclude(author=user).order_by().values("conversation").annotate(count=Count("id")).values("count"),
        output_field=IntegerField(),
    ), Value(0))


def seats_of(user):
    """The person's seats in conversations, newest activity first, each with `.unread`."""
    return (
        Participant.objects.filter(user=user)
        .select_related("conversation", "conversation__community", "conversation__circle")
        .prefetch_related(Prefetch("conversation__participants",
                                   queryset=Participant.objects.select_related("user")))
        .annotate(unread=_unread_subquery(user))
        .order_by("-conversation__last_message_at", "-conversation_id")
    )


def unread_total(user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Participant.objects.filter(user=user, left_at__isnull=True).annotate(
        unread=_unread_subquery(user)).aggregate(total=Sum("unread"))["total"] or 0


def unread_in(conversation: Conversation, user) -> int:
    seat = Participant.objects.filter(conversation=conversation, user=user).first()
    if seat is None:
        return 0
    return conversation.messages.filter(id__gt=seat.last_read_message_id, hidden_by_moderation=False).exclude(
        author=user).count()


def conversation_title(conversation: Conversation, viewer) -> str:
    """The circle's name, or the other person's display name in a relationship."""
    if conversation.kind == Conversation.Kind.CIRCLE and conversation.circle_id:
        return conversation.circle.name
    names = [p.user.display_name for p in conversation.participants.all() if p.user_id != getattr(viewer, "pk", None)]
    return ", ".join(names) or _("Conversation")


def messages_after(conversation: Conversation, *, after: int = 0, limit: int = 50, before: int | None = None):
    """Messages newer than `after` (the polling cursor), oldest first. With `before`, the page
    of older messages just before that id (for loading history)."""
    queryset = conversation.messages.select_related("author", "resource")
    if before is not None:
        return list(reversed(queryset.filter(id__lt=before).order_by("-id")[:limit]))
    if after:
        return list(queryset.filter(id__gt=after).order_by("id")[:limit])
    return list(reversed(queryset.order_by("-id")[:limit]))


def has_open_report(conversation: Conversation) -> bool:
    """A report about one of its messages is waiting for a coordinator (safety's reports)."""
    from ayni.safety.models import Report

    reported = [str(pk) for pk in conversation.messages.filter(reported_at__isnull=False).values_list("pk", flat=True)]
    return bool(reported) and Report.objects.filter(
        community_id=conversation.community_id, source_kind=Report.SourceKind.MESSAGE,
        status=Report.Status.OPEN, source_id__in=reported).exists()

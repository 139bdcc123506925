"""Writes of the messaging app: conversations, messages, reading, reports, moderation, digests.

One conversation per relationship and one per circle, created on demand by
`conversation_for_relationship` / `conversation_for_circle` (idempotent) and by the
relationships signals (see signals.py).
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ayni.core.audit import audit_log
from ayni.core.emails import queue_email
from ayni.core.ratelimit import rate_limit_hit
from ayni.messaging import integrations
from ayni.messaging.models import Conversation, Message, Participant

logger = logging.getLogger("ayni.messaging")

MAX_BODY = 5000
SEND_LIMIT = 30  # messages per person per SEND_PERIOD
SEND_PERIOD = timedelta(minutes=1)
READ_ONLY_STATUSES = {"closed", "rematched"}


class RateLimited(ValidationError):
    def __init__(self, message, retry_after_seconds: int):
        super().__init__(message)
        self.retry_after_seconds = retry_after_seconds


def digest_minutes() -> int:
    return int(getattr(settings, "AYNI", {}).get("MESSAGE_DIGEST_MINUTES", 30))


# --- conversations -------------------------------------------------------------------------


def _add_participants(conversation: Conversation, users) -> None:
    existing = {p.user_id: p for p in conversation.participants.all()}
    for user in users:
        seat = existing.get(user.pk)
        if seat is None:
            try:
                with transaction.atomic():
                    Participant.objects.create(conversation=conversation, user=user)
            except IntegrityError:
                pass  # added by a concurrent call
        elif seat.left_at is not None:
            Participant.objects.filter(pk=seat.pk).update(left_at=None)


def conversation_for_relationship(relationship) -> Conversation:
    """The relationship's conversation (created with both people on first use)."""
    with transaction.atomic():
        conversation = Conversation.objects.filter(relationship=relationship).first()
        created = conversation is None
        if created:
            try:
                with transaction.atomic():
                    conversation = Conversation.objects.create(
                        community_id=relationship.community_id, kind=Conversation.Kind.RELATIONSHIP,
                        relationship=relationship,
                    )
            except IntegrityError:
                conversation = Conversation.objects.get(relationship=relationship)
                created = False
        seeker, supporter = relationship.seeker, relationship.supporter
        minor = integrations.is_minor(seeker) or integrations.is_minor(supporter)
        if minor != conversation.involves_minor:
            conversation.involves_minor = minor
            conversation.save(update_fields=["involves_minor"])
        _add_participants(conversation, [seeker.user, supporter.user])
        if getattr(relationship, "status", "") in READ_ONLY_STATUSES and not conversation.is_read_only:
            conversation_set_read_only(conversation=conversation, read_only=True)
        if created:
            audit_log(actor=None, action="messaging.conversation_created", target=conversation,
                      community=conversation.community_id, details={"relationship": relationship.pk})
    return conversation


def conversation_for_circle(circle) -> Conversation:
    """The circle's conversation; its participants follow the circle's accepted members."""
    with transaction.atomic():
        conversation = Conversation.objects.filter(circle=circle).first()
        if conversation is None:
            try:
                with transaction.atomic():
                    conversation = Conversation.objects.create(
                        community_id=circle.community_id, kind=Conversation.Kind.CIRCLE, circle=circle,
                    )
                audit_log(actor=None, action="messaging.conversation_created", target=conversation,
                          community=circle.community_id, details={"circle": circle.pk})
            except IntegrityError:
                conversation = Conversation.objects.get(circle=circle)
        conversation_sync_circle(conversation=conversation, circle=circle)
    return conversation


def conversation_sync_circle(*, conversation: Conversation, circle) -> None:
    """Seats for the circle's accepted members; people who left keep their history but lose their seat."""
    from ayni.circles.models import Circle, CircleMembership

    accepted = list(
        CircleMembership.objects.filter(circle=circle, status=CircleMembership.Status.ACCEPTED)
        .select_related("membership__user", "membership__user__profile")
    )
    _add_participants(conversation, [cm.membership.user for cm in accepted])
    current = {cm.membership.user_id for cm in accepted}
    Participant.objects.filter(conversation=conversation, left_at__isnull=True).exclude(
        user_id__in=current).update(left_at=timezone.now())
    minor = any(integrations.is_minor(cm.membership) for cm in accepted)
    read_only = circle.status == Circle.Status.CLOSED
    changed = []
    if minor != conversation.involves_minor:
        conversation.involves_minor = minor
        changed.append("involves_minor")
    if read_only != conversation.is_read_only:
        conversation.is_read_only = read_only
        conversation.read_only_since = timezone.now() if read_only else None
        changed += ["is_read_only", "read_only_since"]
    if changed:
        conversation.save(update_fields=changed)


def conversation_set_read_only(*, conversation: Conversation, read_only: bool, actor=None) -> Conversation:
    """Closed relationships and circles keep their conversation, read-only. Nothing is deleted."""
    updated = Conversation.objects.filter(pk=conversation.pk, is_read_only=not read_only).update(
        is_read_only=read_only, read_only_since=timezone.now() if read_only else None)
    if updated:
        conversation.refresh_from_db(fields=["is_read_only", "read_only_since"])
        audit_log(actor=actor, action="messaging.conversation_read_only" if read_only else "messaging.conversation_reopened",
                  target=conversation, community=conversation.community_id)
    return conversation


# --- messages -------------------------------------------------------------------------------


@dataclass
class Sent:
    message: Message
    screening: object  # safety's Screening, or None while safety is not installed


def _check_can_send(*, actor, conversation: Conversation) -> Participant:
    seat = Participant.objects.filter(conversation=conversation, user=actor, left_at__isnull=True).first()
    if seat is None:
        raise PermissionDenied(_("Only the people in this conversation can write in it."))
    if conversation.is_read_only:
        raise PermissionDenied(_("This conversation has ended. You can read it, but not write in it."))
    if conversation.kind == Conversation.Kind.RELATIONSHIP:
        others = Participant.objects.filter(conversation=conversation).exclude(user=actor).select_related("user")
        if any(integrations.is_blocked(actor, other.user) for other in others):
            raise PermissionDenied(_("You cannot send messages to this person."))
    return seat


def message_send(*, actor, conversation: Conversation, body: str, resource=None) -> Sent:
    """Write a message. It goes through the safety screening (nothing is blocked; the writer is
    shown support resources when needed); contact details are masked where a minor takes part."""
    body = (body or "").strip()
    if resource is None and not body:
        raise ValidationError({"body": [_("Write a message first.")]})
    if len(body) > MAX_BODY:
        raise ValidationError({"body": [_("A message can have at most %(count)d characters.") % {"count": MAX_BODY}]})
    if resource is not None and (resource.community_id != conversation.community_id or resource.is_archived):
        raise ValidationError({"resource": [_("This resource is not in this community's library.")]})
    seat = _check_can_send(actor=actor, conversation=conversation)
    limit = rate_limit_hit(f"messaging:send:{actor.pk}", limit=SEND_LIMIT, period=SEND_PERIOD)
    if not limit.allowed:
        raise RateLimited(_("You are sending messages very quickly. Please wait %(seconds)d seconds.")
                          % {"seconds": max(1, limit.retry_after_seconds)}, limit.retry_after_seconds)
    if conversation.involves_minor:
        body = integrations.mask_contacts(body)
    with transaction.atomic():
        # One writer per conversation at a time (a row lock on PostgreSQL; SQLite's writers are
        # serial already): ids and times then follow commit order, so a reader polling "after id
        # N" never misses a message that got a smaller id but committed later.
        Conversation.objects.select_for_update().filter(pk=conversation.pk).values_list("pk", flat=True).first()
        now = timezone.now()
        message = Message.objects.create(conversation=conversation, author=actor, body=body,
                                         resource=resource, created_at=now)
        Conversation.objects.filter(pk=conversation.pk).update(last_message_at=now)
        Participant.objects.filter(pk=seat.pk, last_read_message_id__lt=message.pk).update(
            last_read_message_id=message.pk)
        screening = None
        if body:
            screening = integrations.screen_text(author=actor, text=body, community=conversation.community,
                                                 source="message", source_id=message.pk)
            level = getattr(screening, "level", "") or ""
            if level:
                message.screening_level = level
                message.save(update_fields=["screening_level"])
        audit_log(actor=actor, action="messaging.message_sent", target=message, community=conversation.community_id,
                  details={"conversation": conversation.pk, "resource": getattr(resource, "pk", None)})
    return Sent(message=message, screening=screening)


def conversation_mark_read(*, actor, conversation: Conversation, through_id: int | None = None) -> int:
    """Move the person's read marker forward (never back). Returns the marker."""
    newest = conversation.messages.aggregate(newest=Max("id"))["newest"] or 0
    through = newest if through_id is None else min(int(through_id), newest)
    Participant.objects.filter(conversation=conversation, user=actor, last_read_message_id__lt=through).update(
        last_read_message_id=through)
    return through


def report_reasons():
    """The reasons a message can be reported for (safety's report reasons)."""
    from ayni.safety.models import Report

    return Report.Reason.choices


def message_report(*, actor, message: Message, reason: str, details: str = "") -> Message:
    """A participant reports a message. It files a report with safety (which tells the
    coordinators on duty); the message stays visible, and while the report is open the
    coordinators may read the conversation (each reading is audited)."""
    from ayni.safety.services import report_create

    conversation = message.conversation
    if not Participant.objects.filter(conversation=conversation, user=actor).exists():
        raise PermissionDenied(_("Only the people in this conversation can report its messages."))
    if message.author_id == actor.pk:
        raise ValidationError(_("You cannot report your own message."))
    with transaction.atomic():
        report_create(actor=actor, community=conversation.community, source_kind="message", source_id=message.pk,
                      reason=reason, details=details)
        Message.objects.filter(pk=message.pk, reported_at__isnull=True).update(reported_at=timezone.now())
        message.refresh_from_db(fields=["reported_at"])
        audit_log(actor=actor, action="messaging.message_reported", target=message,
                  community=conversation.community_id, details={"reason": reason})
    return message


def message_set_hidden(*, actor, message: Message, hidden: bool) -> Message:
    """Coordinators hide (or show again) a message. It is never deleted."""
    from ayni.communities.models import Membership

    if not Membership.objects.filter(community_id=message.conversation.community_id, user=actor,
                                     is_coordinator=True, status=Membership.Status.ACTIVE).exists():
        raise PermissionDenied(_("Only the community's coordinators can hide messages."))
    with transaction.atomic():
        Message.objects.filter(pk=message.pk).update(
            hidden_by_moderation=hidden, hidden_at=timezone.now() if hidden else None,
            hidden_by=actor if hidden else None)
        message.refresh_from_db()
        audit_log(actor=actor, action="messaging.message_hidden" if hidden else "messaging.message_shown",
                  target=message, community=message.conversation.community_id)
    return message


# --- digests --------------------------------------------------------------------------------


def send_message_digests(*, now=None, minutes: int | None = None) -> int:
    """One e-mail per person with their unread messages older than `minutes`, each message once.

    A participant's seat is claimed with a conditional UPDATE of `digested_through_id`, so two
    runs (or two hosts) never send the same messages twice. Returns the number of e-mails."""
    from ayni.notifications.services import localized_link, wants_email

    now = now or timezone.now()
    cutoff = now - timedelta(minutes=digest_minutes() if minutes is None else minutes)
    seats = (
        Participant.objects.filter(left_at__isnull=True, user__is_active=True)
        .exclude(user__email="")
        .filter(conversation__last_message_at__lte=now)
        .select_related("user", "conversation", "conversation__circle")
    )
    by_user: dict[int, list] = {}
    for seat in seats.iterator():
        floor = max(seat.last_read_message_id, seat.digested_through_id)
        pending = list(
            Message.objects.filter(conversation_id=seat.conversation_id, id__gt=floor, created_at__lte=cutoff,
                                   hidden_by_moderation=False)
            .exclude(author_id=seat.user_id).select_related("author").order_by("id")[:200]
        )
        if not pending:
            continue
        newest = pending[-1].pk
        claimed = Participant.objects.filter(pk=seat.pk, digested_through_id=seat.digested_through_id,
                                             last_read_message_id__lt=newest).update(digested_through_id=newest)
        if not claimed or not wants_email(seat.user, "messages"):
            continue
        by_user.setdefault(seat.user_id, [seat.user, []])[1].append((seat.conversation, pending))
    sent = 0
    for user, conversations in by_user.values():
        language = user.language or settings.LANGUAGE_CODE
        from ayni.messaging.selectors import conversation_title

        entries = [
            {"title": conversation_title(conversation, user), "count": len(messages),
             "authors": sorted({m.author.display_name for m in messages if m.author}),
             "link": localized_link(f"/messages/{conversation.pk}/", language)}
            for conversation, messages in conversations
        ]
        queue_email(to=user.email, language=language, subject_template="messaging/email/digest_subject.txt",
                    body_template="messaging/email/digest_body.txt",
                    context={"recipient": user, "conversations": entries,
                             "total": sum(entry["count"] for entry in entries),
                             "settings_link": localized_link("/notifications/preferences/", language)},
                    kind="messaging:digest")
        sent += 1
    return sent


def participants_q(user) -> Q:
    return Q(participants__user=user)

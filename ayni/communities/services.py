"""Writes about communities, memberships, topics and invitations.

Each service checks permission, validates, is atomic and writes its audit row.
"""

import hashlib
import json
import secrets
from datetime import timedelta
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ayni.communities.models import Community, Invitation, Membership, Topic, new_invite_code
from ayni.core.audit import audit_log
from ayni.core.emails import queue_email

STARTER_TOPICS_FILE = Path(__file__).parent / "data" / "starter_topics.json"
LANGUAGE_CODE_LENGTH = (2, 3)


def _require_coordinator(actor, community: Community) -> Membership:
    membership = Membership.objects.filter(
        community=community, user=actor, status=Membership.Status.ACTIVE, is_coordinator=True
    ).first()
    if membership is None:
        raise PermissionDenied(_("Only the community's coordinators can do this."))
    return membership


def _clean_languages(languages) -> list[str]:
    cleaned = []
    for code in languages or []:
        code = str(code).strip().lower()
        if not code:
            continue
        if not (code.isalpha() and len(code) in LANGUAGE_CODE_LENGTH):
            raise ValidationError(
                {"languages": [_("“%(code)s” is not a language code. Use codes such as es, en or qu.") % {"code": code}]}
            )
        if code not in cleaned:
            cleaned.append(code)
    return cleaned


@cache
def starter_topics() -> dict[str, list[dict]]:
    if not STARTER_TOPICS_FILE.exists():
        return {}
    return json.loads(STARTER_TOPICS_FILE.read_text(encoding="utf-8"))


# Communities --------------------------------------------------------------------------------

COMMUNITY_FIELDS = (
    "name", "kind", "description_es", "description_en", "values_es", "values_en", "languages",
    "country", "visibility", "join_policy",
)


def _validate_community(data: dict) -> dict:
    errors: dict[str, list[str]] = {}
    data = dict(data)
    data["name"] = (data.get("name") or "").strip()
    if not data["name"]:
        errors["name"] = [_("Give the community a name.")]
    if data.get("kind") not in Community.Kind.values:
        errors["kind"] = [_("Choose what kind of community this is.")]
    if data.get("visibility") not in Community.Visibility.values:
        errors["visibility"] = [_("Choose whether the community is listed.")]
    if data.get("join_policy") not in Community.JoinPolicy.values:
        errors["join_policy"] = [_("Choose how people join.")]
    country = (data.get("country") or "").strip().upper()
    if country and not (len(country) == 2 and country.isalpha()):
        errors["country"] = [_("Use a two-letter country code, for example ES, MX or GB.")]
    data["country"] = country
    try:
        data["languages"] = _clean_languages(data.get("languages"))
    except ValidationError as error:
        errors.update(error.message_dict)
    if not data.get("languages") and "languages" not in errors:
        errors["languages"] = [_("Name at least one language the community uses.")]
    if errors:
        raise ValidationError(errors)
    return data


def community_create(*, actor, slug: str = "", load_starter_topics: bool = True, **fields) -> Community:
    """Create a community; its creator becomes its first coordinator."""
    if not settings.AYNI["ALLOW_COMMUNITY_CREATION"] and not actor.is_staff:
        raise PermissionDenied(_("Only staff can create communities on this site."))
    data = _validate_community({key: fields.get(key) for key in COMMUNITY_FIELDS})
    slug = slugify(slug or data["name"])[:60].strip("-")
    if not slug:
        raise ValidationError({"slug": [_("Choose a short name for links, with letters or numbers.")]})
    try:
        with transaction.atomic():
            if Community.objects.filter(slug=slug).exists():
                raise ValidationError({"slug": [_("Another community already uses this short name.")]})
            community = Community.objects.create(slug=slug, **data)
            now = timezone.now()
            Membership.objects.create(
                community=community, user=actor, is_coordinator=True, is_supporter=False,
                status=Membership.Status.ACTIVE, joined_at=now, values_agreed_at=now,
            )
            if load_starter_topics:
                _load_starter_topics(community)
            audit_log(actor=actor, action="community.create", target=community, community=community)
    except IntegrityError as error:
        raise ValidationError({"slug": [_("Another community already uses this short name.")]}) from error
    return community


@transaction.atomic
def community_update(*, actor, community: Community, **fields) -> Community:
    _require_coordinator(actor, community)
    current = {key: getattr(community, key) for key in COMMUNITY_FIELDS}
    current.update({key: value for key, value in fields.items() if key in COMMUNITY_FIELDS})
    data = _validate_community(current)
    changed = [key for key in COMMUNITY_FIELDS if getattr(community, key) != data[key]]
    for key in changed:
        setattr(community, key, data[key])
    if changed:
        community.save(update_fields=[*changed, "updated_at"])
        audit_log(actor=actor, action="community.update", target=community, community=community,
                  details={"fields": changed})
    return community


@transaction.atomic
def community_regenerate_invite_code(*, actor, community: Community) -> str:
    _require_coordinator(actor, community)
    community.invite_code = new_invite_code()
    community.save(update_fields=["invite_code", "updated_at"])
    audit_log(actor=actor, action="community.regenerate_invite_code", target=community, community=community)
    return community.invite_code


# Joining ------------------------------------------------------------------------------------


def community_join(
    *, actor, community: Community, agree_values: bool, as_seeker: bool = True,
    as_supporter: bool = False, invite_code: str = "", invitation: Invitation | None = None,
) -> Membership:
    """Ask to join (or join at once, when the community is open or the invitation is valid)."""
    if not agree_values:
        raise ValidationError({"agree_values": [_("To join, please read and accept the community's shared values.")]})
    if not (as_seeker or as_supporter or (invitation and invitation.as_coordinator)):
        raise ValidationError(_("Choose at least one way to take part: asking for support, giving it, or both."))
    invited = invitation is not None or (
        invite_code and secrets.compare_digest(invite_code.strip(), community.invite_code)
    )
    if community.join_policy == Community.JoinPolicy.INVITATION and not invited:
        raise PermissionDenied(_("This community is by invitation only. Ask a coordinator for a link or code."))
    becomes_active = invited or community.join_policy == Community.JoinPolicy.OPEN
    now = timezone.now()
    with transaction.atomic():
        membership = Membership.objects.select_for_update().filter(community=community, user=actor).first()
        if membership is not None:
            if membership.status == Membership.Status.ACTIVE:
                raise ValidationError(_("You are already a member of this community."))
            if membership.status == Membership.Status.PENDING:
                raise ValidationError(_("Your request to join is already waiting for a coordinator."))
            if membership.status == Membership.Status.SUSPENDED:
                raise PermissionDenied(_("Your membership is suspended. Contact a coordinator."))
        else:
            membership = Membership(community=community, user=actor)
        membership.is_seeker = as_seeker or membership.is_seeker
        membership.is_supporter = as_supporter or membership.is_supporter
        if invitation is not None and invitation.as_coordinator:
            membership.is_coordinator = True
        membership.values_agreed_at = now
        membership.requested_at = now
        membership.status_reason = ""
        membership.status = Membership.Status.ACTIVE if becomes_active else Membership.Status.PENDING
        membership.joined_at = now if becomes_active else None
        membership.save()
        audit_log(actor=actor, action="membership.join" if becomes_active else "membership.request",
                  target=membership, community=community,
                  details={"seeker": membership.is_seeker, "supporter": membership.is_supporter,
                           "via": "invitation" if invited else community.join_policy})
        if not becomes_active:
            _notify_coordinators_of_request(membership)
    return membership


def _notify_coordinators_of_request(membership: Membership) -> None:
    coordinators = Membership.objects.filter(
        community=membership.community, is_coordinator=True, status=Membership.Status.ACTIVE
    ).select_related("user")
    for coordinator in coordinators:
        user = coordinator.user
        with translation.override(user.language):
            link = settings.SITE_URL + reverse(
                "communities:manage_members", kwargs={"slug": membership.community.slug}
            ) + "?status=pending"
        queue_email(
            to=user.email, language=user.language, kind="membership_request",
            subject_template="communities/email/join_request_subject.txt",
            body_template="communities/email/join_request_body.txt",
            context={"coordinator": user, "membership": membership, "link": link},
        )


@transaction.atomic
def membership_leave(*, actor, membership: Membership) -> None:
    if membership.user_id != actor.pk:
        raise PermissionDenied(_("Only the member themself can leave a community."))
    if membership.is_coordinator and _other_active_coordinators(membership) == 0:
        raise ValidationError(_("You are the only coordinator. Name another coordinator before you leave."))
    Membership.objects.filter(pk=membership.pk).update(status=Membership.Status.LEFT, updated_at=timezone.now())
    membership.status = Membership.Status.LEFT
    audit_log(actor=actor, action="membership.leave", target=membership, community=membership.community_id)


# Coordinators managing members --------------------------------------------------------------


def _other_active_coordinators(membership: Membership) -> int:
    return (
        Membership.objects.filter(community_id=membership.community_id, is_coordinator=True,
                                  status=Membership.Status.ACTIVE)
        .exclude(pk=membership.pk)
        .count()
    )


def _transition(*, actor, membership: Membership, allowed_from: set[str], to: str, action: str,
                reason: str = "") -> Membership:
    _require_coordinator(actor, membership.community)
    if membership.user_id == actor.pk and to != Membership.Status.ACTIVE:
        raise ValidationError(_("You cannot do this to your own membership."))
    now = timezone.now()
    updates = {"status": to, "status_reason": (reason or "").strip()[:300], "updated_at": now}
    if to == Membership.Status.ACTIVE and membership.joined_at is None:
        updates["joined_at"] = now
    changed = Membership.objects.filter(pk=membership.pk, status__in=allowed_from).update(**updates)
    if not changed:
        membership.refresh_from_db()
        raise ValidationError(
            _("This membership is now “%(status)s”, so this action does not apply.") % {"status": membership.get_status_display()}
        )
    membership.refresh_from_db()
    audit_log(actor=actor, action=action, target=membership, community=membership.community_id,
              details={"reason": updates["status_reason"]} if updates["status_reason"] else {})
    return membership


@transaction.atomic
def membership_approve(*, actor, membership: Membership) -> Membership:
    membership = _transition(actor=actor, membership=membership, allowed_from={Membership.Status.PENDING},
                             to=Membership.Status.ACTIVE, action="membership.approve")
    user = membership.user
    with translation.override(user.language):
        link = settings.SITE_URL + reverse("people:membership_profile", kwargs={"slug": membership.community.slug})
    queue_email(
        to=user.email, language=user.language, kind="membership_approved",
        subject_template="communities/email/approved_subject.txt",
        body_template="communities/email/approved_body.txt",
        context={"user": user, "community": membership.community, "link": link},
    )
    return membership


@transaction.atomic
def membership_reject(*, actor, membership: Membership, reason: str = "") -> Membership:
    return _transition(actor=actor, membership=membership, allowed_from={Membership.Status.PENDING},
                       to=Membership.Status.REJECTED, action="membership.reject", reason=reason)


@transaction.atomic
def membership_suspend(*, actor, membership: Membership, reason: str) -> Membership:
    if not (reason or "").strip():
        raise ValidationError({"reason": [_("Say briefly why: the person and other coordinators will see it.")]})
    if membership.is_coordinator and _other_active_coordinators(membership) == 0:
        raise ValidationError(_("A community needs at least one active coordinator."))
    return _transition(actor=actor, membership=membership, allowed_from={Membership.Status.ACTIVE},
                       to=Membership.Status.SUSPENDED, action="membership.suspend", reason=reason)


@transaction.atomic
def membership_reactivate(*, actor, membership: Membership) -> Membership:
    return _transition(
        actor=actor, membership=membership,
        allowed_from={Membership.Status.SUSPENDED, Membership.Status.REJECTED, Membership.Status.LEFT},
        to=Membership.Status.ACTIVE, action="membership.reactivate",
    )


@transaction.atomic
def membership_set_roles(
    *, actor, membership: Membership, is_seeker: bool, is_supporter: bool, is_coordinator: bool,
    group: str | None = None,
) -> Membership:
    _require_coordinator(actor, membership.community)
    if not (is_seeker or is_supporter or is_coordinator):
        raise ValidationError(_("A member needs at least one role."))
    if membership.is_coordinator and not is_coordinator and _other_active_coordinators(membership) == 0:
        raise ValidationError(_("A community needs at least one active coordinator."))
    before = {"seeker": membership.is_seeker, "supporter": membership.is_supporter,
              "coordinator": membership.is_coordinator, "group": membership.group}
    membership.is_seeker, membership.is_supporter, membership.is_coordinator = is_seeker, is_supporter, is_coordinator
    fields = ["is_seeker", "is_supporter", "is_coordinator", "updated_at"]
    if group is not None:
        membership.group = group.strip()[:80]
        fields.append("group")
    membership.save(update_fields=fields)
    after = {"seeker": is_seeker, "supporter": is_supporter, "coordinator": is_coordinator, "group": membership.group}
    audit_log(actor=actor, action="membership.set_roles", target=membership, community=membership.community_id,
              details={"before": before, "after": after})
    return membership


# Invitations --------------------------------------------------------------------------------


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def invitation_send(
    *, actor, community: Community, email: str, as_seeker: bool = True, as_supporter: bool = False,
    as_coordinator: bool = False, language: str | None = None,
) -> Invitation:
    _require_coordinator(actor, community)
    from ayni.accounts.models import normalize_email

    email = normalize_email(email)
    if not email or "@" not in email:
        raise ValidationError({"email": [_("Enter a valid e-mail address.")]})
    if not (as_seeker or as_supporter or as_coordinator):
        raise ValidationError(_("Choose at least one role for the invited person."))
    if Membership.objects.filter(community=community, user__email=email, status=Membership.Status.ACTIVE).exists():
        raise ValidationError({"email": [_("This person is already an active member.")]})
    token = secrets.token_urlsafe(24)
    invitation = Invitation.objects.create(
        community=community, email=email, token_hash=_hash_token(token), as_seeker=as_seeker,
        as_supporter=as_supporter, as_coordinator=as_coordinator, invited_by=actor,
        expires_at=timezone.now() + timedelta(days=settings.AYNI["INVITATION_DAYS"]),
    )
    from ayni.accounts.models import User

    existing = User.objects.filter(email=email).first()
    language = (existing.language if existing else None) or language or translation.get_language() or "es"
    with translation.override(language):
        link = settings.SITE_URL + reverse("communities:invitation", kwargs={"token": token})
    queue_email(
        to=email, language=language, kind="invitation",
        subject_template="communities/email/invitation_subject.txt",
        body_template="communities/email/invitation_body.txt",
        context={"community": community, "inviter": actor, "link": link,
                 "days": settings.AYNI["INVITATION_DAYS"]},
    )
    audit_log(actor=actor, action="invitation.send", target=invitation, community=community,
              details={"seeker": as_seeker, "supporter": as_supporter, "coordinator": as_coordinator})
    return invitation


def invitation_by_token(token: str) -> Invitation | None:
    return Invitation.objects.select_related("community").filter(token_hash=_hash_token(token or "")).first()


@transaction.atomic
def invitation_accept(*, actor, invitation: Invitation, agree_values: bool) -> Membership:
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not locked.is_usable:
        raise ValidationError(_("This invitation has expired or was already used. Ask the coordinator for a new one."))
    membership = community_join(
        actor=actor, community=locked.community, agree_values=agree_values,
        as_seeker=locked.as_seeker, as_supporter=locked.as_supporter, invitation=locked,
    )
    Invitation.objects.filter(pk=locked.pk).update(accepted_at=timezone.now(), accepted_by=actor)
    audit_log(actor=actor, action="invitation.accept", target=locked, community=locked.community_id)
    return membership


@transaction.atomic
def invitation_revoke(*, actor, invitation: Invitation) -> None:
    _require_coordinator(actor, invitation.community)
    if Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    ):
        audit_log(actor=actor, action="invitation.revoke", target=invitation, community=invitation.community_id)


# Topics -------------------------------------------------------------------------------------


def _validate_topic(data: dict) -> dict:
    errors = {}
    cleaned = {key: (data.get(key) or "").strip() for key in ("name_es", "name_en", "description_es", "description_en")}
    if not cleaned["name_es"]:
        errors["name_es"] = [_("Write the topic's name in Spanish.")]
    if not cleaned["name_en"]:
        errors["name_en"] = [_("Write the topic's name in English.")]
    cleaned["is_sensitive"] = bool(data.get("is_sensitive"))
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def topic_create(*, actor, community: Community, key: str = "", **fields) -> Topic:
    _require_coordinator(actor, community)
    data = _validate_topic(fields)
    key = slugify(key or data["name_en"] or data["name_es"])[:60]
    if not key:
        raise ValidationError({"key": [_("Choose a key with letters or numbers.")]})
    if community.topics.filter(key=key).exists():
        raise ValidationError({"key": [_("This community already has a topic with this key.")]})
    position = (community.topics.aggregate(top=Max("position"))["top"] or 0) + 1
    topic = Topic.objects.create(community=community, key=key, position=position, **data)
    audit_log(actor=actor, action="topic.create", target=topic, community=community)
    return topic


@transaction.atomic
def topic_update(*, actor, topic: Topic, **fields) -> Topic:
    _require_coordinator(actor, topic.community)
    data = _validate_topic({**{k: getattr(topic, k) for k in ("name_es", "name_en", "description_es", "description_en", "is_sensitive")}, **fields})
    changed = [key for key, value in data.items() if getattr(topic, key) != value]
    for key in changed:
        setattr(topic, key, data[key])
    if changed:
        topic.save(update_fields=changed)
        audit_log(actor=actor, action="topic.update", target=topic, community=topic.community_id,
                  details={"fields": changed})
    return topic


@transaction.atomic
def topic_set_archived(*, actor, topic: Topic, archived: bool) -> Topic:
    _require_coordinator(actor, topic.community)
    if topic.is_archived != archived:
        topic.is_archived = archived
        topic.save(update_fields=["is_archived"])
        audit_log(actor=actor, action="topic.archive" if archived else "topic.restore", target=topic,
                  community=topic.community_id)
    return topic


def _load_starter_topics(community: Community) -> int:
    existing = set(community.topics.values_list("key", flat=True))
    position = (community.topics.aggregate(top=Max("position"))["top"] or 0)
    created = 0
    for entry in starter_topics().get(community.kind, []):
        if entry["key"] in existing:
            continue
        position += 1
        Topic.objects.create(
            community=community, key=entry["key"], position=position,
            name_es=entry["name"]["es"], name_en=entry["name"]["en"],
            description_es=entry.get("description", {}).get("es", ""),
            description_en=entry.get("description", {}).get("en", ""),
            is_sensitive=bool(entry.get("sensitive")),
        )
        created += 1
    return created


@transaction.atomic
def community_load_starter_topics(*, actor, community: Community) -> int:
    _require_coordinator(actor, community)
    created = _load_starter_topics(community)
    audit_log(actor=actor, action="topic.load_starter", target=community, community=community,
              details={"created": created})
    return created

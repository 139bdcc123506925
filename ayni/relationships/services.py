"""Writes about relationships. Each service checks permission, validates, is atomic and audited.

Lifecycle changes go through `_apply`, which asks the plain transition table in `lifecycle.py`
and then moves the row with a conditional UPDATE (`WHERE status = old`), so two people pressing
"pause" and "close" at once never both win.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ayni.communities.models import Membership, Topic
from ayni.core.audit import audit_log
from ayni.relationships import lifecycle
from ayni.relationships.models import Relationship
from ayni.relationships.signals import relationship_started, relationship_status_changed


def roles_of(actor, relationship: Relationship) -> set[str]:
    """The lifecycle roles `actor` holds in `relationship`: participant, coordinator, both or none."""
    roles = set()
    if actor is None or not getattr(actor, "is_authenticated", False):
        return roles
    if actor.pk in (relationship.seeker.user_id, relationship.supporter.user_id):
        roles.add(lifecycle.PARTICIPANT)
    if Membership.objects.filter(community_id=relationship.community_id, user=actor, is_coordinator=True,
                                 status=Membership.Status.ACTIVE).exists():
        roles.add(lifecycle.COORDINATOR)
    return roles


def _is_blocked(first_user, second_user) -> bool:
    try:
        from ayni.safety.selectors import is_blocked
    except ImportError:  # the safety work lands on main at 16:25
        return False
    return is_blocked(first_user, second_user)


@transaction.atomic
def relationship_start(*, actor, seeker: Membership, supporter: Membership, topics, note: str = "",
                       rematched_from: Relationship | None = None) -> Relationship:
    """Create a relationship between two members of one community, status "proposed".

    It becomes active once both acknowledge the agreement (`agreement_acknowledge`). The actor is a
    coordinator of the community or one of the two people (for example the seeker accepting a
    proposal). Capacity is the caller's business (support settles it when a proposal is accepted).
    Sends `relationship_started`.
    """
    community = seeker.community
    if supporter.community_id != community.pk:
        raise ValidationError(_("Both people must belong to the same community."))
    is_coordinator = Membership.objects.filter(community=community, user=actor, is_coordinator=True,
                                               status=Membership.Status.ACTIVE).exists()
    if not is_coordinator and actor.pk not in (seeker.user_id, supporter.user_id):
        raise PermissionDenied(_("Only the two people or a coordinator of the community can start a relationship."))
    if seeker.pk == supporter.pk or seeker.user_id == supporter.user_id:
        raise ValidationError(_("A person cannot support themself."))
    for member in (seeker, supporter):
        if member.status != Membership.Status.ACTIVE:
            raise ValidationError(_("%(name)s is not an active member of the community.")
                                  % {"name": member.user.display_name})
    if not seeker.is_seeker:
        raise ValidationError(_("%(name)s is not a seeker in this community.") % {"name": seeker.user.display_name})
    if not supporter.is_supporter:
        raise ValidationError(_("%(name)s is not a supporter in this community.")
                              % {"name": supporter.user.display_name})
    if _is_blocked(seeker.user, supporter.user):
        raise ValidationError(_("These two people cannot be paired."))
    topic_ids = [getattr(topic, "pk", topic) for topic in (topics or [])]
    topic_objects = list(Topic.objects.filter(pk__in=topic_ids, community=community))
    if len(topic_objects) != len(set(topic_ids)):
        raise ValidationError(_("Every topic must belong to the relationship's community."))
    now = timezone.now()
    try:
        with transaction.atomic():
            relationship = Relationship.objects.create(
                community=community, seeker=seeker, supporter=supporter, note=(note or "").strip(),
                created_by=actor, created_at=now, rematched_from=rematched_from,
            )
    except IntegrityError as error:
        raise ValidationError(_("These two people already have a relationship in progress.")) from error
    relationship.topics.set(topic_objects)
    audit_log(actor=actor, action="relationship.start", target=relationship, community=community,
              details={"seeker": seeker.pk, "supporter": supporter.pk, "topics": sorted(t.pk for t in topic_objects),
                       "rematched_from": rematched_from.pk if rematched_from else None})
    relationship_started.send(sender=Relationship, relationship=relationship)
    from ayni.relationships import notifications

    notifications.relationship_proposed(relationship)
    return relationship


def _apply(*, actor, relationship: Relationship, action: str, updates: dict | None = None,
           details: dict | None = None, as_system: bool = False) -> Relationship:
    """Move `relationship` by `action`, as the actor's roles allow. Raises PermissionDenied or
    ValidationError with a clear message; writes nothing when refused."""
    old = relationship.status
    roles = {lifecycle.SYSTEM} if as_system else roles_of(actor, relationship)
    if not roles:
        raise PermissionDenied(_("Only the two people in this relationship or its coordinators can do this."))
    if (old, action) not in lifecycle.TRANSITIONS:
        raise ValidationError(_("This relationship is “%(status)s”, so this action does not apply.")
                              % {"status": relationship.get_status_display()})
    if not any(lifecycle.can(old, action, role) for role in roles):
        raise PermissionDenied(_("Only a coordinator of the community can do this."))
    new = lifecycle.TRANSITIONS[(old, action)][0]
    fields = {"status": new, "updated_at": timezone.now(), **(updates or {})}
    changed = Relationship.objects.filter(pk=relationship.pk, status=old).update(**fields)
    if not changed:
        relationship.refresh_from_db()
        raise ValidationError(_("This relationship changed in the meantime; it is now “%(status)s”.")
                              % {"status": relationship.get_status_display()})
    for field, value in fields.items():
        setattr(relationship, field, value)
    audit_log(actor=actor, action=f"relationship.{action}", target=relationship,
              community=relationship.community_id, details={"old": old, "new": new, **(details or {})})
    relationship_status_changed.send(sender=Relationship, relationship=relationship, old=old, new=new)
    from ayni.relationships import notifications

    notifications.status_changed(relationship, actor=actor, old=old, new=new)
    return relationship


@transaction.atomic
def relationship_activate(*, actor, relationship: Relationship) -> Relationship:
    """Both acknowledged the agreement: the relationship starts (called by agreement_acknowledge)."""
    return _apply(actor=actor, relationship=relationship, action=lifecycle.ACTIVATE, as_system=True,
                  updates={"started_at": timezone.now()})


@transaction.atomic
def relationship_pause(*, actor, relationship: Relationship, reason: str = "") -> Relationship:
    return _apply(actor=actor, relationship=relationship, action=lifecycle.PAUSE,
                  updates={"paused_at": timezone.now()}, details={"reason": (reason or "").strip()[:500]})


@transaction.atomic
def relationship_resume(*, actor, relationship: Relationship) -> Relationship:
    return _apply(actor=actor, relationship=relationship, action=lifecycle.RESUME,
                  updates={"paused_at": None, "closing_started_at": None, "closing_started_by": None})


def _clean_closure(kind: str, reason: str) -> tuple[str, str]:
    if kind not in Relationship.ClosureKind.values:
        raise ValidationError(_("Say whether the ending was planned or unplanned."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give a short reason for ending the relationship."))
    if len(reason) > 500:
        raise ValidationError(_("The reason can be at most 500 characters long."))
    return kind, reason


@transaction.atomic
def relationship_start_closing(*, actor, relationship: Relationship, kind: str, reason: str) -> Relationship:
    """Either person or a coordinator starts the ending: both are asked for the exit survey."""
    kind, reason = _clean_closure(kind, reason)
    relationship = _apply(
        actor=actor, relationship=relationship, action=lifecycle.START_CLOSING,
        updates={"closing_started_at": timezone.now(), "closing_started_by": actor,
                 "closure_kind": kind, "closure_reason": reason},
        details={"kind": kind},
    )
    from ayni.relationships import notifications

    notifications.exit_survey_requested(relationship)
    return relationship


@transaction.atomic
def relationship_close(*, actor, relationship: Relationship, kind: str = "", reason: str = "") -> Relationship:
    """End the relationship. From "closing" anyone of the two (or the coordinator) finishes it; from
    "active" or "paused" only a coordinator may close at once (an unplanned ending, with a reason).
    The supporter's place is freed and the conversation becomes read-only (through the signal)."""
    if relationship.status == lifecycle.CLOSING and not kind:
        kind, reason = relationship.closure_kind or Relationship.ClosureKind.PLANNED, relationship.closure_reason
    kind, reason = _clean_closure(kind, reason)
    relationship = _apply(actor=actor, relationship=relationship, action=lifecycle.CLOSE,
                          updates={"closed_at": timezone.now(), "closure_kind": kind, "closure_reason": reason},
                          details={"kind": kind})
    _settle_goal_attainment(relationship)
    return relationship


@transaction.atomic
def relationship_cancel(*, actor, relationship: Relationship, reason: str = "") -> Relationship:
    """A proposed relationship that will not start (someone declined the agreement)."""
    reason = (reason or "").strip()[:500] or _("It did not start.")
    return _apply(actor=actor, relationship=relationship, action=lifecycle.CANCEL,
                  updates={"closed_at": timezone.now(), "closure_kind": Relationship.ClosureKind.UNPLANNED,
                           "closure_reason": reason})


@transaction.atomic
def relationship_rematch(*, actor, relationship: Relationship, supporter: Membership, reason: str,
                         topics=None) -> Relationship:
    """A coordinator moves the seeker to another supporter. The old relationship ends "rematched"
    and stays, with its sessions and goals; the new one (proposed) points back at it."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give a short reason for the rematch."))
    if supporter.pk == relationship.supporter_id:
        raise ValidationError(_("Choose a different supporter for the rematch."))
    old = _apply(actor=actor, relationship=relationship, action=lifecycle.REMATCH,
                 updates={"closed_at": timezone.now(), "closure_kind": Relationship.ClosureKind.UNPLANNED,
                          "closure_reason": reason[:500]},
                 details={"supporter": supporter.pk})
    topics = list(relationship.topics.all()) if topics is None else topics
    return relationship_start(actor=actor, seeker=old.seeker, supporter=supporter, topics=topics,
                              note=reason, rematched_from=old)


def _settle_goal_attainment(relationship: Relationship) -> None:
    """Each goal's attainment is the rounded mean of the ratings both people gave in the exit survey."""
    surveys = list(relationship.exit_surveys.all())
    for goal in relationship.goals.filter(attainment__isnull=True):
        ratings = [int(s.goal_ratings[str(goal.pk)]) for s in surveys if str(goal.pk) in (s.goal_ratings or {})]
        if ratings:
            goal.attainment = round(sum(ratings) / len(ratings))
            goal.save(update_fields=["attainment"])


# The agreement ------------------------------------------------------------------------------


def agreement_text(community, language: str) -> str:
    """The community's agreement in `language` (its own text, else the default one)."""
    from ayni.relationships.agreement import DEFAULT_AGREEMENT
    from ayni.relationships.models import AgreementTemplate

    language = (language or "es")[:2]
    template = AgreementTemplate.objects.filter(community=community).first()
    if template is not None:
        text = getattr(template, f"text_{language}", "") or template.text_es or template.text_en
        if text:
            return text
    return DEFAULT_AGREEMENT.get(language, DEFAULT_AGREEMENT["es"])


@transaction.atomic
def agreement_template_update(*, actor, community, text_es: str, text_en: str):
    """A coordinator rewrites the community's agreement (both languages are required)."""
    from ayni.communities.services import _require_coordinator
    from ayni.relationships.models import AgreementTemplate

    _require_coordinator(actor, community)
    text_es, text_en = (text_es or "").strip(), (text_en or "").strip()
    if not text_es or not text_en:
        raise ValidationError(_("Write the agreement in both Spanish and English."))
    if len(text_es) > 10000 or len(text_en) > 10000:
        raise ValidationError(_("The agreement can be at most 10,000 characters long in each language."))
    template, _created = AgreementTemplate.objects.update_or_create(
        community=community,
        defaults={"text_es": text_es, "text_en": text_en, "updated_by": actor, "updated_at": timezone.now()},
    )
    audit_log(actor=actor, action="relationship.agreement_update", target=template, community=community)
    return template


@transaction.atomic
def agreement_acknowledge(*, actor, relationship: Relationship, frequency: str, session_minutes: int,
                          planned_months: int, expectations: str = "", language: str = "es"):
    """One of the two people acknowledges the agreement with what they plan. When both have, the
    relationship becomes active."""
    from ayni.relationships.models import Acknowledgement, Frequency

    if actor.pk not in (relationship.seeker.user_id, relationship.supporter.user_id):
        raise PermissionDenied(_("Only the two people in this relationship can acknowledge its agreement."))
    if relationship.status != lifecycle.PROPOSED:
        raise ValidationError(_("This relationship is “%(status)s”, so this action does not apply.")
                              % {"status": relationship.get_status_display()})
    if frequency not in Frequency.values:
        raise ValidationError(_("Choose how often you plan to meet."))
    try:
        session_minutes, planned_months = int(session_minutes), int(planned_months)
    except (TypeError, ValueError) as error:
        raise ValidationError(_("Give the meeting length in minutes and the number of months as whole numbers.")) from error
    if not 10 <= session_minutes <= 240:
        raise ValidationError(_("A meeting lasts between 10 and 240 minutes."))
    if not 1 <= planned_months <= 24:
        raise ValidationError(_("Plan between 1 and 24 months."))
    expectations = (expectations or "").strip()
    if len(expectations) > 2000:
        raise ValidationError(_("What you expect can be at most 2,000 characters long."))
    try:
        with transaction.atomic():
            acknowledgement = Acknowledgement.objects.create(
                relationship=relationship, user=actor, frequency=frequency, session_minutes=session_minutes,
                planned_months=planned_months, expectations=expectations, language=language[:8],
                agreement_text=agreement_text(relationship.community, language),
            )
    except IntegrityError as error:
        raise ValidationError(_("You have already acknowledged this agreement.")) from error
    audit_log(actor=actor, action="relationship.acknowledge", target=relationship,
              community=relationship.community_id, details={"frequency": frequency})
    if relationship.acknowledgements.count() == 2:
        relationship_activate(actor=actor, relationship=relationship)
    return acknowledgement

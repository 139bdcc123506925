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
    from ayni.safety.selectors import is_blocked

    return is_blocked(first_user, second_user)


def _both_accepted_a_proposal(seeker: Membership, supporter: Membership) -> bool:
    """Whether the two accepted a proposal that no relationship came from yet."""
    from ayni.support.models import Proposal

    return Proposal.objects.filter(seeker=seeker, supporter=supporter, status=Proposal.Status.ACCEPTED,
                                   relationship_id__isnull=True).exists()


@transaction.atomic
def relationship_start(*, actor, seeker: Membership, supporter: Membership, topics, note: str = "",
                       rematched_from: Relationship | None = None) -> Relationship:
    """Create a relationship between two members of one community, status "proposed".

    It becomes active once both acknowledge the agreement (`agreement_acknowledge`). The actor is a
    coordinator of the community, or one of the two people once both accepted a proposal that pairs
    them (support starts it for whoever accepted last): nobody else picks a partner directly, or a
    supporter could open a conversation with any seeker, past matching, training and capacity.
    Capacity is the caller's business (support settles it when a proposal is accepted).
    Sends `relationship_started`.
    """
    community = seeker.community
    if supporter.community_id != community.pk:
        raise ValidationError(_("Both people must belong to the same community."))
    is_coordinator = Membership.objects.filter(community=community, user=actor, is_coordinator=True,
                                               status=Membership.Status.ACTIVE).exists()
    if not is_coordinator and not (actor.pk in (seeker.user_id, supporter.user_id)
                                   and _both_accepted_a_proposal(seeker, supporter)):
        raise PermissionDenied(_("Only a coordinator of the community can start a relationship; the two people "
                                 "start one by both accepting a proposal."))
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
    if lifecycle.COORDINATOR not in roles_of(actor, relationship):
        raise PermissionDenied(_("Only a coordinator of the community can do this."))  # before judging the input
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
    for goal in relationship.goals.all():
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


# Screening of what people write -------------------------------------------------------------


def screen(*, author, text: str, community, source: str, source_id):
    """Run the safety screening (crisis check and coordinator alert) on free text; never blocks.

    Returns the Screening (its `resources` are shown to the writer at once), or None when there is
    nothing to screen."""
    from ayni.safety.screening import screen_text

    if not (text or "").strip():
        return None
    return screen_text(author=author, text=text, community=community, source=source, source_id=source_id)


def _require_participant(actor, relationship: Relationship) -> None:
    if actor is None or actor.pk not in (relationship.seeker.user_id, relationship.supporter.user_id):
        raise PermissionDenied(_("Only the two people in this relationship can do this."))


def _require_live(relationship: Relationship, allowed=(lifecycle.ACTIVE, lifecycle.PAUSED, lifecycle.CLOSING)) -> None:
    if relationship.status not in allowed:
        raise ValidationError(_("This relationship is “%(status)s”, so this action does not apply.")
                              % {"status": relationship.get_status_display()})


def _clean_text(value: str, *, limit: int, message: str) -> str:
    value = (value or "").strip()
    if len(value) > limit:
        raise ValidationError(message)
    return value


# Sessions -----------------------------------------------------------------------------------


@transaction.atomic
def session_schedule(*, actor, relationship: Relationship, starts_at, planned_minutes: int = 60,
                     place: str = "", online_link: str = ""):
    """One of the two schedules a session (date and time, and a place or an online link)."""
    from django.core.validators import URLValidator

    from ayni.relationships.models import Session

    _require_participant(actor, relationship)
    _require_live(relationship, allowed=(lifecycle.ACTIVE, lifecycle.CLOSING))
    if starts_at is None or timezone.is_naive(starts_at):
        raise ValidationError({"starts_at": _("Give the date and time of the session.")})
    try:
        planned_minutes = int(planned_minutes)
    except (TypeError, ValueError) as error:
        raise ValidationError({"planned_minutes": _("Give the length in minutes as a whole number.")}) from error
    if not 5 <= planned_minutes <= 480:
        raise ValidationError({"planned_minutes": _("A session lasts between 5 and 480 minutes.")})
    place = _clean_text(place, limit=200, message=_("The place can be at most 200 characters long."))
    online_link = (online_link or "").strip()
    if online_link:
        try:
            URLValidator(schemes=["https", "http"])(online_link)
        except ValidationError as error:
            raise ValidationError({"online_link": _("The online link must be a web address (https://…).")}) from error
    if not place and not online_link:
        raise ValidationError(_("Say where you will meet: a place or an online link."))
    session = Session.objects.create(relationship=relationship, starts_at=starts_at, planned_minutes=planned_minutes,
                                     place=place, online_link=online_link, scheduled_by=actor)
    audit_log(actor=actor, action="relationship.session_schedule", target=session,
              community=relationship.community_id, details={"relationship": relationship.pk})
    from ayni.notifications.services import notify
    from ayni.relationships.notifications import relationship_url

    other = relationship.other_membership(actor).user
    notify(other, "relationships.session_scheduled",
           context={"name": actor.display_name, "when": timezone.localtime(starts_at).strftime("%Y-%m-%d %H:%M")},
           url=relationship_url(relationship), community=relationship.community)
    return session


@transaction.atomic
def session_cancel(*, actor, session):
    from ayni.relationships.models import Session

    relationship = session.relationship
    _require_participant(actor, relationship)
    changed = Session.objects.filter(pk=session.pk, status=Session.Status.SCHEDULED).update(
        status=Session.Status.CANCELLED)
    if not changed:
        raise ValidationError(_("Only a scheduled session can be cancelled."))
    session.status = Session.Status.CANCELLED
    audit_log(actor=actor, action="relationship.session_cancel", target=session, community=relationship.community_id)
    return session


@transaction.atomic
def session_log(*, actor, relationship: Relationship, session=None, held_on, duration_minutes: int, kind: str,
                shared_notes: str = "", private_notes: str = ""):
    """Log a session after it happened (a scheduled one, or one that was not scheduled).

    Shared notes are for both people; private notes only for the writer. Both go through the safety
    screening; the Screening results are attached as `session.screenings` for the page to show."""
    from datetime import datetime, time

    from ayni.relationships.models import PrivateNote, Session

    _require_participant(actor, relationship)
    _require_live(relationship)
    if session is not None and session.relationship_id != relationship.pk:
        raise ValidationError(_("This session belongs to another relationship."))
    if session is not None and session.status == Session.Status.CANCELLED:
        raise ValidationError(_("This session was cancelled."))
    if held_on is None:
        raise ValidationError({"held_on": _("Give the date of the session.")})
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": _("A session can only be logged once it has happened.")})
    try:
        duration_minutes = int(duration_minutes)
    except (TypeError, ValueError) as error:
        raise ValidationError({"duration_minutes": _("Give the duration in minutes as a whole number.")}) from error
    if not 1 <= duration_minutes <= 600:
        raise ValidationError({"duration_minutes": _("A session lasts between 1 and 600 minutes.")})
    if kind not in Session.Kind.values:
        raise ValidationError({"kind": _("Choose what kind of session it was.")})
    shared_notes = _clean_text(shared_notes, limit=5000, message=_("Notes can be at most 5,000 characters long."))
    private_notes = _clean_text(private_notes, limit=5000, message=_("Notes can be at most 5,000 characters long."))
    now = timezone.now()
    fields = {"status": Session.Status.HELD, "held_on": held_on, "duration_minutes": duration_minutes, "kind": kind,
              "shared_notes": shared_notes, "logged_by": actor, "logged_at": now}
    if session is None:
        session = Session.objects.create(
            relationship=relationship, scheduled_by=actor, planned_minutes=duration_minutes,
            starts_at=timezone.make_aware(datetime.combine(held_on, time(12, 0))), **fields)
    else:
        for field, value in fields.items():
            setattr(session, field, value)
        session.save(update_fields=list(fields))
    if private_notes:
        PrivateNote.objects.update_or_create(session=session, author=actor,
                                             defaults={"text": private_notes, "updated_at": now})
    held_at = timezone.make_aware(datetime.combine(held_on, time(0, 0)))
    if relationship.last_session_at is None or held_at > relationship.last_session_at:
        Relationship.objects.filter(pk=relationship.pk).update(last_session_at=held_at)
        relationship.last_session_at = held_at
    audit_log(actor=actor, action="relationship.session_log", target=session, community=relationship.community_id,
              details={"duration_minutes": duration_minutes, "kind": kind})
    session.screenings = [
        result for result in (
            screen(author=actor, text=shared_notes, community=relationship.community,
                   source="relationships.session_notes", source_id=session.pk),
            screen(author=actor, text=private_notes, community=relationship.community,
                   source="relationships.private_notes", source_id=session.pk),
        ) if result is not None
    ]
    return session


@transaction.atomic
def session_feedback_give(*, actor, session, usefulness: int, feeling: str, comment: str = ""):
    """A short feedback after a held session: how useful (1-5), how one feels, an optional comment."""
    from ayni.relationships.models import Feeling, Session, SessionFeedback

    relationship = session.relationship
    _require_participant(actor, relationship)
    if session.status != Session.Status.HELD:
        raise ValidationError(_("Feedback is given after the session has been logged."))
    try:
        usefulness = int(usefulness)
    except (TypeError, ValueError) as error:
        raise ValidationError({"usefulness": _("Rate how useful it was from 1 to 5.")}) from error
    if not 1 <= usefulness <= 5:
        raise ValidationError({"usefulness": _("Rate how useful it was from 1 to 5.")})
    if feeling not in Feeling.values:
        raise ValidationError({"feeling": _("Choose how you feel.")})
    comment = _clean_text(comment, limit=2000, message=_("The comment can be at most 2,000 characters long."))
    try:
        with transaction.atomic():
            feedback = SessionFeedback.objects.create(session=session, author=actor, usefulness=usefulness,
                                                      feeling=feeling, comment=comment)
    except IntegrityError as error:
        raise ValidationError(_("You have already given feedback on this session.")) from error
    audit_log(actor=actor, action="relationship.session_feedback", target=session,
              community=relationship.community_id, details={"usefulness": usefulness, "feeling": feeling})
    feedback.screening = screen(author=actor, text=comment, community=relationship.community,
                                source="relationships.session_feedback", source_id=feedback.pk)
    return feedback


# Goals --------------------------------------------------------------------------------------


@transaction.atomic
def goal_create(*, actor, relationship: Relationship, title: str, description: str = "", milestones=()):
    from ayni.relationships.models import Goal, Milestone

    _require_participant(actor, relationship)
    _require_live(relationship)
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("Give the goal a short title.")})
    if len(title) > 200:
        raise ValidationError({"title": _("The title can be at most 200 characters long.")})
    description = _clean_text(description, limit=2000,
                              message=_("The description can be at most 2,000 characters long."))
    if relationship.goals.count() >= 20:
        raise ValidationError(_("A relationship can hold at most 20 goals."))
    goal = Goal.objects.create(relationship=relationship, title=title, description=description, created_by=actor)
    for milestone in milestones or ():
        name = (milestone.get("title") if isinstance(milestone, dict) else str(milestone)).strip()
        if name:
            Milestone.objects.create(goal=goal, title=name[:200],
                                     due_on=milestone.get("due_on") if isinstance(milestone, dict) else None)
    audit_log(actor=actor, action="relationship.goal_create", target=goal, community=relationship.community_id)
    return goal


@transaction.atomic
def milestone_add(*, actor, goal, title: str, due_on=None):
    from ayni.relationships.models import Milestone

    _require_participant(actor, goal.relationship)
    _require_live(goal.relationship)
    title = (title or "").strip()
    if not title or len(title) > 200:
        raise ValidationError({"title": _("Give the milestone a title of at most 200 characters.")})
    milestone = Milestone.objects.create(goal=goal, title=title, due_on=due_on)
    audit_log(actor=actor, action="relationship.milestone_add", target=milestone,
              community=goal.relationship.community_id)
    return milestone


@transaction.atomic
def milestone_set_done(*, actor, milestone, done: bool = True):
    _require_participant(actor, milestone.goal.relationship)
    _require_live(milestone.goal.relationship)
    milestone.done_at = timezone.now() if done else None
    milestone.save(update_fields=["done_at"])
    audit_log(actor=actor, action="relationship.milestone_done" if done else "relationship.milestone_undone",
              target=milestone, community=milestone.goal.relationship.community_id)
    return milestone


@transaction.atomic
def progress_update_add(*, actor, goal, text: str, progress: int):
    from ayni.relationships.models import ProgressUpdate

    relationship = goal.relationship
    _require_participant(actor, relationship)
    _require_live(relationship)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Say in a few words what changed.")})
    text = _clean_text(text, limit=2000, message=_("The update can be at most 2,000 characters long."))
    try:
        progress = int(progress)
    except (TypeError, ValueError) as error:
        raise ValidationError({"progress": _("Give the progress as a whole number from 0 to 100.")}) from error
    if not 0 <= progress <= 100:
        raise ValidationError({"progress": _("Give the progress as a whole number from 0 to 100.")})
    update = ProgressUpdate.objects.create(goal=goal, author=actor, text=text, progress=progress)
    goal.progress = progress
    goal.save(update_fields=["progress"])
    audit_log(actor=actor, action="relationship.goal_progress", target=goal, community=relationship.community_id,
              details={"progress": progress})
    update.screening = screen(author=actor, text=text, community=relationship.community,
                              source="relationships.goal_update", source_id=update.pk)
    return update


# Check-ins ----------------------------------------------------------------------------------


@transaction.atomic
def check_in_answer(*, actor, check_in, answer: str, comment: str = ""):
    """The person asked answers their check-in (coordinators see the answer and the comment)."""
    from ayni.relationships.models import CheckIn

    if check_in.user_id != actor.pk:
        raise PermissionDenied(_("Only the person asked can answer this check-in."))
    if answer not in CheckIn.Answer.values:
        raise ValidationError({"answer": _("Choose how it is going.")})
    comment = _clean_text(comment, limit=2000, message=_("The comment can be at most 2,000 characters long."))
    changed = CheckIn.objects.filter(pk=check_in.pk, answered_at__isnull=True).update(
        answer=answer, comment=comment, answered_at=timezone.now())
    if not changed:
        raise ValidationError(_("You have already answered this check-in."))
    check_in.refresh_from_db()
    audit_log(actor=actor, action="relationship.check_in_answer", target=check_in.relationship,
              community=check_in.relationship.community_id, details={"answer": answer, "sequence": check_in.sequence})
    check_in.screening = screen(author=actor, text=comment, community=check_in.relationship.community,
                                source="relationships.check_in", source_id=check_in.pk)
    return check_in


@transaction.atomic
def monitoring_settings_update(*, actor, community, **values):
    """A coordinator sets the community's check-in cadence and inactivity thresholds."""
    from ayni.communities.services import _require_coordinator
    from ayni.relationships.models import MonitoringSettings

    _require_coordinator(actor, community)
    settings_row, _created = MonitoringSettings.objects.get_or_create(community=community)
    errors = {}
    for field in ("first_contact_hours", "first_month_check_ins", "then_every_days", "inactivity_reminder_days",
                  "inactivity_alert_days"):
        if field not in values:
            continue
        model_field = MonitoringSettings._meta.get_field(field)
        try:
            value = int(values[field])
            for validator in model_field.validators:
                validator(value)
        except (TypeError, ValueError):
            errors[field] = [_("Give a whole number.")]
            continue
        except ValidationError as error:
            errors[field] = error.messages
            continue
        setattr(settings_row, field, value)
    if not errors and settings_row.inactivity_alert_days <= settings_row.inactivity_reminder_days:
        errors["inactivity_alert_days"] = [_("Alert the coordinator later than the reminder to both people.")]
    if errors:
        raise ValidationError(errors)
    settings_row.save()
    audit_log(actor=actor, action="relationship.monitoring_update", target=settings_row, community=community)
    return settings_row


def monitoring_settings_for(community):
    """The community's settings, or unsaved defaults."""
    from ayni.relationships.models import MonitoringSettings

    return MonitoringSettings.objects.filter(community=community).first() or MonitoringSettings(community=community)


# Closure ------------------------------------------------------------------------------------


@transaction.atomic
def exit_survey_submit(*, actor, relationship: Relationship, would_continue: str, helped: str = "",
                       did_not_help: str = "", goal_ratings: dict | None = None):
    """One of the two answers the exit survey. When both have answered, a closing relationship closes."""
    from ayni.relationships.models import Attainment, ExitSurvey

    _require_participant(actor, relationship)
    _require_live(relationship, allowed=(lifecycle.CLOSING, lifecycle.CLOSED, lifecycle.REMATCHED))
    if would_continue not in ExitSurvey.Continue.values:
        raise ValidationError({"would_continue": _("Say whether you would continue.")})
    helped = _clean_text(helped, limit=3000, message=_("Each answer can be at most 3,000 characters long."))
    did_not_help = _clean_text(did_not_help, limit=3000, message=_("Each answer can be at most 3,000 characters long."))
    goal_ids = {str(pk) for pk in relationship.goals.values_list("pk", flat=True)}
    ratings = {}
    for goal_id, rating in (goal_ratings or {}).items():
        if str(goal_id) not in goal_ids:
            raise ValidationError({"goal_ratings": _("A rating names a goal of another relationship.")})
        try:
            rating = int(rating)
        except (TypeError, ValueError) as error:
            raise ValidationError({"goal_ratings": _("Rate each goal from 1 to 4.")}) from error
        if rating not in Attainment.values:
            raise ValidationError({"goal_ratings": _("Rate each goal from 1 to 4.")})
        ratings[str(goal_id)] = rating
    try:
        with transaction.atomic():
            survey = ExitSurvey.objects.create(relationship=relationship, user=actor, helped=helped,
                                               did_not_help=did_not_help, would_continue=would_continue,
                                               goal_ratings=ratings)
    except IntegrityError as error:
        raise ValidationError(_("You have already answered the exit survey.")) from error
    audit_log(actor=actor, action="relationship.exit_survey", target=relationship,
              community=relationship.community_id, details={"would_continue": would_continue})
    if relationship.status == lifecycle.CLOSING and relationship.exit_surveys.count() == 2:
        _apply(actor=actor, relationship=relationship, action=lifecycle.CLOSE, as_system=True,
               updates={"closed_at": timezone.now()})
        _settle_goal_attainment(relationship)
    elif relationship.status in lifecycle.TERMINAL:
        _settle_goal_attainment(relationship)
    return survey


# Calendar feed ------------------------------------------------------------------------------


def calendar_feed_for(user):
    from ayni.relationships.models import CalendarFeed

    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    return feed


@transaction.atomic
def calendar_feed_regenerate(*, actor):
    """A new secret address for the person's calendar feed; the old one stops working."""
    from ayni.relationships.models import CalendarFeed, new_feed_token

    feed, _created = CalendarFeed.objects.get_or_create(user=actor)
    feed.token = new_feed_token()
    feed.save(update_fields=["token"])
    audit_log(actor=actor, action="relationship.calendar_feed_regenerate", target=feed)
    return feed

"""The relationships API: the same journeys and permissions as the pages (see access.py)."""

from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from ayni.communities.access import access_community_as_coordinator, membership_of
from ayni.communities.models import Membership, Topic
from ayni.core.api import Pagination
from ayni.relationships import lifecycle, selectors, services
from ayni.relationships.access import (
    access_goal,
    access_relationship,
    access_relationship_as_participant,
    access_session,
)
from ayni.relationships.models import CheckIn, Milestone, Relationship, Session

router = Router(tags=["relationships"])


class PersonOut(Schema):
    membership_id: int
    display_name: str


class RelationshipOut(Schema):
    id: int
    community: str
    status: str
    seeker: PersonOut
    supporter: PersonOut
    topics: list[str]
    created_at: datetime
    started_at: datetime | None
    closed_at: datetime | None
    closure_kind: str
    closure_reason: str
    last_session_at: datetime | None
    rematched_from: int | None
    actions: list[str]


class StartIn(Schema):
    seeker_membership_id: int
    supporter_membership_id: int
    topic_ids: list[int] = []
    note: str = ""


class AcknowledgeIn(Schema):
    frequency: str
    session_minutes: int
    planned_months: int
    expectations: str = ""


class StatusIn(Schema):
    kind: str = ""
    reason: str = ""


class RematchIn(Schema):
    supporter_membership_id: int
    reason: str


class SessionOut(Schema):
    id: int
    status: str
    starts_at: datetime
    planned_minutes: int
    place: str
    online_link: str
    held_on: date | None
    duration_minutes: int | None
    kind: str
    shared_notes: str
    my_private_notes: str
    my_feedback: dict | None


class ScheduleIn(Schema):
    starts_at: datetime
    planned_minutes: int = 60
    place: str = ""
    online_link: str = ""


class LogIn(Schema):
    held_on: date
    duration_minutes: int
    kind: str
    shared_notes: str = ""
    private_notes: str = ""


class FeedbackIn(Schema):
    usefulness: int
    feeling: str
    comment: str = ""


class MilestoneOut(Schema):
    id: int
    title: str
    due_on: date | None
    done_at: datetime | None


class GoalOut(Schema):
    id: int
    title: str
    description: str
    progress: int
    attainment: int | None
    milestones: list[MilestoneOut]


class GoalIn(Schema):
    title: str
    description: str = ""
    milestones: list[str] = []


class ProgressIn(Schema):
    text: str
    progress: int


class MilestoneIn(Schema):
    title: str
    due_on: date | None = None


class DoneIn(Schema):
    done: bool = True


class CheckInOut(Schema):
    id: int
    relationship: int
    person: str
    sequence: int
    due_at: datetime
    asked_at: datetime
    answered_at: datetime | None
    answer: str
    comment: str


class CheckInAnswerIn(Schema):
    answer: str
    comment: str = ""


class ExitSurveyIn(Schema):
    would_continue: str
    helped: str = ""
    did_not_help: str = ""
    goal_ratings: dict[str, int] = {}


class SettingsOut(Schema):
    first_contact_hours: int
    first_month_check_ins: int
    then_every_days: int
    inactivity_reminder_days: int
    inactivity_alert_days: int
    agreement_es: str
    agreement_en: str


class SettingsIn(Schema):
    first_contact_hours: int | None = None
    first_month_check_ins: int | None = None
    then_every_days: int | None = None
    inactivity_reminder_days: int | None = None
    inactivity_alert_days: int | None = None
    agreement_es: str | None = None
    agreement_en: str | None = None


def relationship_out(relationship: Relationship, roles) -> dict:
    return {
        "id": relationship.pk, "community": relationship.community.slug, "status": relationship.status,
        "seeker": {"membership_id": relationship.seeker_id, "display_name": relationship.seeker.user.display_name},
        "supporter": {"membership_id": relationship.supporter_id,
                      "display_name": relationship.supporter.user.display_name},
        "topics": [topic.key for topic in relationship.topics.all()],
        "created_at": relationship.created_at, "started_at": relationship.started_at,
        "closed_at": relationship.closed_at, "closure_kind": relationship.closure_kind,
        "closure_reason": relationship.closure_reason, "last_session_at": relationship.last_session_at,
        "rematched_from": relationship.rematched_from_id,
        "actions": lifecycle.allowed_actions(relationship.status, roles),
    }


def _out(request, relationship: Relationship) -> dict:
    return relationship_out(relationship, access_relationship(request.user, relationship.pk).roles)


def session_out(session: Session, user) -> dict:
    note = next((n for n in session.private_notes.all() if n.author_id == user.pk), None)
    feedback = next((f for f in session.feedback.all() if f.author_id == user.pk), None)
    return {
        "id": session.pk, "status": session.status, "starts_at": session.starts_at,
        "planned_minutes": session.planned_minutes, "place": session.place, "online_link": session.online_link,
        "held_on": session.held_on, "duration_minutes": session.duration_minutes, "kind": session.kind,
        "shared_notes": session.shared_notes, "my_private_notes": note.text if note else "",
        "my_feedback": ({"usefulness": feedback.usefulness, "feeling": feedback.feeling, "comment": feedback.comment}
                        if feedback else None),
    }


def goal_out(goal) -> dict:
    return {"id": goal.pk, "title": goal.title, "description": goal.description, "progress": goal.progress,
            "attainment": goal.attainment,
            "milestones": [{"id": m.pk, "title": m.title, "due_on": m.due_on, "done_at": m.done_at}
                           for m in goal.milestones.all()]}


def check_in_out(check_in: CheckIn) -> dict:
    return {"id": check_in.pk, "relationship": check_in.relationship_id, "person": check_in.user.display_name,
            "sequence": check_in.sequence, "due_at": check_in.due_at, "asked_at": check_in.asked_at,
            "answered_at": check_in.answered_at, "answer": check_in.answer, "comment": check_in.comment}


# Coordinators --------------------------------------------------------------------------------


@router.get("/community/{slug}", response=list[RelationshipOut], summary="A community's relationships (coordinators)")
@paginate(Pagination)
def community_relationships(request, slug: str, status: str = ""):
    community, _own = access_community_as_coordinator(request.user, slug)
    if status and status not in Relationship.Status.values:
        raise ValidationError({"status": [_("Unknown status. Use proposed, active, paused, closing, closed or rematched.")]})
    relationships = (Relationship.objects.filter(community=community)
                     .select_related("community", "seeker__user", "supporter__user").prefetch_related("topics"))
    if status:
        relationships = relationships.filter(status=status)
    return [relationship_out(r, {lifecycle.COORDINATOR}) for r in relationships]


@router.get("/community/{slug}/check-ins/unanswered", response=list[CheckInOut],
            summary="Check-ins not answered for three days (coordinators)")
@paginate(Pagination)
def community_unanswered(request, slug: str):
    from ayni.relationships.monitoring import overdue_check_ins

    community, _own = access_community_as_coordinator(request.user, slug)
    return [check_in_out(c) for c in overdue_check_ins(community)]


def _settings_out(community) -> dict:
    row = services.monitoring_settings_for(community)
    return {"first_contact_hours": row.first_contact_hours, "first_month_check_ins": row.first_month_check_ins,
            "then_every_days": row.then_every_days, "inactivity_reminder_days": row.inactivity_reminder_days,
            "inactivity_alert_days": row.inactivity_alert_days,
            "agreement_es": services.agreement_text(community, "es"),
            "agreement_en": services.agreement_text(community, "en")}


@router.get("/community/{slug}/settings", response=SettingsOut, summary="Agreement and check-in settings (coordinators)")
def get_settings(request, slug: str):
    community, _own = access_community_as_coordinator(request.user, slug)
    return _settings_out(community)


@router.patch("/community/{slug}/settings", response=SettingsOut,
              summary="Change the agreement and check-in settings (coordinators)")
def patch_settings(request, slug: str, payload: SettingsIn):
    community, _own = access_community_as_coordinator(request.user, slug)
    data = payload.dict(exclude_none=True)
    agreement = {key: data.pop(key) for key in ("agreement_es", "agreement_en") if key in data}
    if agreement:
        services.agreement_template_update(actor=request.user, community=community,
                                           text_es=agreement.get("agreement_es", services.agreement_text(community, "es")),
                                           text_en=agreement.get("agreement_en", services.agreement_text(community, "en")))
    if data:
        services.monitoring_settings_update(actor=request.user, community=community, **data)
    return _settings_out(community)


# The two people (and coordinators, for the status) ----------------------------------------


@router.get("", response=list[RelationshipOut], summary="My relationships")
@paginate(Pagination)
def my_relationships(request):
    relationships = selectors.relationships_of(user=request.user).prefetch_related("topics")
    return [relationship_out(r, {lifecycle.PARTICIPANT}) for r in relationships]


@router.post("", response={201: RelationshipOut},
             summary="Start a relationship (coordinators); it is proposed until both accept the agreement")
def start(request, payload: StartIn):
    seeker = Membership.objects.select_related("community", "user").filter(pk=payload.seeker_membership_id).first()
    if seeker is None or membership_of(request.user, seeker.community) is None:
        raise Http404(_("No such member."))
    supporter = Membership.objects.select_related("user").filter(pk=payload.supporter_membership_id,
                                                                 community=seeker.community).first()
    if supporter is None:
        raise Http404(_("No such member."))
    topics = list(Topic.objects.filter(pk__in=payload.topic_ids))
    if len(topics) != len(set(payload.topic_ids)):
        raise ValidationError({"topic_ids": [_("Every topic must belong to the relationship's community.")]})
    relationship = services.relationship_start(actor=request.user, seeker=seeker, supporter=supporter, topics=topics,
                                               note=payload.note)
    return Status(201, _out(request, relationship))


@router.get("/{relationship_id}", response=RelationshipOut, summary="One relationship (the two people and coordinators)")
def get_relationship(request, relationship_id: int):
    access = access_relationship(request.user, relationship_id)
    return relationship_out(access.relationship, access.roles)


@router.get("/{relationship_id}/agreement", summary="The agreement text in the reader's language")
def get_agreement(request, relationship_id: int):
    relationship = access_relationship_as_participant(request.user, relationship_id)
    language = getattr(request, "LANGUAGE_CODE", "es")
    return {"text": services.agreement_text(relationship.community, language),
            "acknowledged_by": [a.user.display_name for a in relationship.acknowledgements.select_related("user")]}


@router.post("/{relationship_id}/acknowledge", response=RelationshipOut, summary="Accept the agreement")
def acknowledge(request, relationship_id: int, payload: AcknowledgeIn):
    relationship = access_relationship_as_participant(request.user, relationship_id)
    services.agreement_acknowledge(actor=request.user, relationship=relationship, language=getattr(
        request, "LANGUAGE_CODE", "es"), **payload.dict())
    relationship.refresh_from_db()
    return _out(request, relationship)


STATUS_ACTIONS = {
    "pause": lambda actor, r, p: services.relationship_pause(actor=actor, relationship=r, reason=p.reason),
    "resume": lambda actor, r, p: services.relationship_resume(actor=actor, relationship=r),
    "start-closing": lambda actor, r, p: services.relationship_start_closing(actor=actor, relationship=r, kind=p.kind,
                                                                              reason=p.reason),
    "close": lambda actor, r, p: services.relationship_close(actor=actor, relationship=r, kind=p.kind, reason=p.reason),
    "cancel": lambda actor, r, p: services.relationship_cancel(actor=actor, relationship=r, reason=p.reason),
}


@router.post("/{relationship_id}/rematch", response={201: RelationshipOut},
             summary="Move the seeker to another supporter, keeping the history (coordinators)")
def rematch(request, relationship_id: int, payload: RematchIn):
    access = access_relationship(request.user, relationship_id)
    supporter = Membership.objects.filter(pk=payload.supporter_membership_id,
                                          community=access.relationship.community).select_related("user").first()
    if supporter is None:
        raise Http404(_("No such member."))
    new = services.relationship_rematch(actor=request.user, relationship=access.relationship, supporter=supporter,
                                        reason=payload.reason)
    return Status(201, _out(request, new))


@router.get("/{relationship_id}/sessions", response=list[SessionOut], summary="Sessions (the two people)")
@paginate(Pagination)
def list_sessions(request, relationship_id: int):
    relationship = access_relationship_as_participant(request.user, relationship_id)
    sessions = relationship.sessions.prefetch_related("private_notes", "feedback").order_by("-starts_at")
    return [session_out(s, request.user) for s in sessions]


@router.post("/{relationship_id}/sessions", response={201: SessionOut}, summary="Schedule a session")
def schedule(request, relationship_id: int, payload: ScheduleIn):
    relationship = access_relationship_as_participant(request.user, relationship_id)
    session = services.session_schedule(actor=request.user, relationship=relationship, **payload.dict())
    return Status(201, session_out(session, request.user))


@router.post("/{relationship_id}/sessions/log", response={201: SessionOut}, summary="Log a session that was not scheduled")
def log_unscheduled(request, relationship_id: int, payload: LogIn):
    relationship = access_relationship_as_participant(request.user, relationship_id)
    session = services.session_log(actor=request.user, relationship=relationship, **payload.dict())
    return Status(201, session_out(session, request.user))


@router.post("/{relationship_id}/sessions/{session_id}/log", response=SessionOut, summary="Log a scheduled session")
def log_session(request, relationship_id: int, session_id: int, payload: LogIn):
    relationship, session = access_session(request.user, relationship_id, session_id)
    session = services.session_log(actor=request.user, relationship=relationship, session=session, **payload.dict())
    return session_out(session, request.user)


@router.post("/{relationship_id}/sessions/{session_id}/cancel", response=SessionOut, summary="Cancel a session")
def cancel_session(request, relationship_id: int, session_id: int):
    _relationship, session = access_session(request.user, relationship_id, session_id)
    return session_out(services.session_cancel(actor=request.user, session=session), request.user)


@router.post("/{relationship_id}/sessions/{session_id}/feedback", response={201: dict},
             summary="Feedback after a session")
def session_feedback(request, relationship_id: int, session_id: int, payload: FeedbackIn):
    _relationship, session = access_session(request.user, relationship_id, session_id)
    feedback = services.session_feedback_give(actor=request.user, session=session, **payload.dict())
    return Status(201, {"usefulness": feedback.usefulness, "feeling": feedback.feeling, "comment": feedback.comment})


@router.get("/{relationship_id}/goals", response=list[GoalOut], summary="Goals (the two people; coordinators see titles)")
def list_goals(request, relationship_id: int):
    access = access_relationship(request.user, relationship_id)
    goals = access.relationship.goals.prefetch_related(Prefetch("milestones", queryset=Milestone.objects.all()))
    if not access.is_participant:
        return [{**goal_out(goal), "description": "", "milestones": []} for goal in goals]
    return [goal_out(goal) for goal in goals]


@router.post("/{relationship_id}/goals", response={201: GoalOut}, summary="Add a goal")
def create_goal(request, relationship_id: int, payload: GoalIn):
    relationship = access_relationship_as_participant(request.user, relationship_id)
    goal = services.goal_create(actor=request.user, relationship=relationship, title=payload.title,
                                description=payload.description, milestones=payload.milestones)
    return Status(201, goal_out(goal))


@router.post("/{relationship_id}/goals/{goal_id}/progress", response=GoalOut, summary="Record progress on a goal")
def goal_progress(request, relationship_id: int, goal_id: int, payload: ProgressIn):
    _relationship, goal = access_goal(request.user, relationship_id, goal_id)
    services.progress_update_add(actor=request.user, goal=goal, text=payload.text, progress=payload.progress)
    goal.refresh_from_db()
    return goal_out(goal)


@router.post("/{relationship_id}/goals/{goal_id}/milestones", response={201: GoalOut}, summary="Add a milestone")
def add_milestone(request, relationship_id: int, goal_id: int, payload: MilestoneIn):
    _relationship, goal = access_goal(request.user, relationship_id, goal_id)
    services.milestone_add(actor=request.user, goal=goal, title=payload.title, due_on=payload.due_on)
    return Status(201, goal_out(goal))


@router.post("/{relationship_id}/goals/{goal_id}/milestones/{milestone_id}", response=GoalOut,
             summary="Mark a milestone done or not done")
def set_milestone(request, relationship_id: int, goal_id: int, milestone_id: int, payload: DoneIn):
    _relationship, goal = access_goal(request.user, relationship_id, goal_id)
    milestone = goal.milestones.filter(pk=milestone_id).first()
    if milestone is None:
        raise Http404(_("No such milestone."))
    services.milestone_set_done(actor=request.user, milestone=milestone, done=payload.done)
    return goal_out(goal)


@router.get("/{relationship_id}/check-ins", response=list[CheckInOut],
            summary="Check-ins: one's own for the two people, everyone's answers for coordinators")
def list_check_ins(request, relationship_id: int):
    access = access_relationship(request.user, relationship_id)
    check_ins = access.relationship.check_ins.select_related("user").order_by("-asked_at")
    if not access.is_coordinator:
        check_ins = check_ins.filter(user=request.user)
    return [check_in_out(c) for c in check_ins[:100]]


@router.post("/{relationship_id}/check-ins/{check_in_id}", response=CheckInOut, summary="Answer my check-in")
def answer_check_in(request, relationship_id: int, check_in_id: int, payload: CheckInAnswerIn):
    relationship = access_relationship_as_participant(request.user, relationship_id)
    check_in = relationship.check_ins.select_related("user", "relationship__community").filter(pk=check_in_id).first()
    if check_in is None:
        raise Http404(_("No such check-in."))
    if check_in.user_id != request.user.pk:
        raise PermissionDenied(_("Only the person asked can answer this check-in."))
    return check_in_out(services.check_in_answer(actor=request.user, check_in=check_in, **payload.dict()))


@router.post("/{relationship_id}/exit-survey", response={201: RelationshipOut}, summary="Answer the exit survey")
def exit_survey(request, relationship_id: int, payload: ExitSurveyIn):
    relationship = access_relationship_as_participant(request.user, relationship_id)
    services.exit_survey_submit(actor=request.user, relationship=relationship, **payload.dict())
    relationship.refresh_from_db()
    return Status(201, _out(request, relationship))


@router.post("/{relationship_id}/{action}", response=RelationshipOut,
             summary="pause, resume, start-closing, close or cancel a relationship")
def change_status(request, relationship_id: int, action: str, payload: StatusIn | None = None):
    if action not in STATUS_ACTIONS:
        raise Http404(_("Unknown action. Use pause, resume, start-closing, close or cancel."))
    access = access_relationship(request.user, relationship_id)
    relationship = STATUS_ACTIONS[action](request.user, access.relationship, payload or StatusIn())
    return relationship_out(relationship, access.roles)

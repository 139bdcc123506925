from datetime import datetime

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from ayni.circles import access, forming, selectors, services
from ayni.circles.models import CircleMeeting, CircleMembership
from ayni.communities.access import access_community_as_coordinator, access_community_as_member
from ayni.communities.models import Membership
from ayni.core.api import Pagination

router = Router(tags=["circles"])


class CircleOut(Schema):
    id: int
    community: str
    name: str
    description: str
    topic: str | None
    language: str
    schedule: str
    next_meeting_at: datetime | None
    min_size: int
    max_size: int
    status: str
    members: int
    conversation_id: int | None


class SeatOut(Schema):
    id: int
    circle_id: int
    display_name: str
    role: str
    status: str
    message: str
    requested_at: datetime


class CircleIn(Schema):
    name: str
    topic_id: int | None = None
    language: str = "es"
    description: str = ""
    schedule: str = ""
    min_size: int = 4
    max_size: int = 8
    facilitator_ids: list[int] = []


class JoinIn(Schema):
    message: str = ""


class DecisionIn(Schema):
    accept: bool


class MeetingIn(Schema):
    starts_at: datetime
    place: str = ""
    notes: str = ""


class MeetingOut(Schema):
    id: int
    starts_at: datetime
    place: str
    notes: str


class AttendanceIn(Schema):
    present: list[int]


class AttendanceOut(Schema):
    seat_id: int
    display_name: str
    present: bool


class ProposalOut(Schema):
    topic_id: int
    language: str
    membership_ids: list[int]
    shared_slots: list[str]
    facilitator_id: int | None
    place: str


class FormingOut(Schema):
    method: str
    proposals: list[ProposalOut]
    waiting: int


def circle_out(circle, *, members: int | None = None, show_conversation: bool = False) -> dict:
    conversation = getattr(circle, "conversation", None) if show_conversation else None
    return {
        "id": circle.pk, "community": circle.community.slug, "name": circle.name, "description": circle.description,
        "topic": circle.topic.key if circle.topic else None, "language": circle.language, "schedule": circle.schedule,
        "next_meeting_at": circle.next_meeting_at, "min_size": circle.min_size, "max_size": circle.max_size,
        "status": circle.status,
        "members": members if members is not None else getattr(circle, "member_count", None) or services.accepted_members_count(circle),
        "conversation_id": conversation.pk if conversation else None,
    }


def seat_out(seat) -> dict:
    return {"id": seat.pk, "circle_id": seat.circle_id, "display_name": seat.membership.user.display_name,
            "role": seat.role, "status": seat.status, "message": seat.message, "requested_at": seat.requested_at}


@router.get("/mine", response=list[SeatOut], summary="My circles and requests")
def my_circles(request):
    return [seat_out(seat) for seat in selectors.my_circle_seats(request.user).select_related("membership__user")]


@router.get("/community/{slug}", response=list[CircleOut], summary="The circles of a community (members)")
@paginate(Pagination)
def community_circles(request, slug: str):
    community, membership = access_community_as_member(request.user, slug)
    return [circle_out(circle, members=circle.member_count)
            for circle in selectors.circles_of_community(community, membership=membership)]


@router.post("/community/{slug}", response={201: CircleOut}, summary="Create a circle (coordinators)")
def create_circle(request, slug: str, payload: CircleIn):
    community, _membership = access_community_as_coordinator(request.user, slug)
    topic = None
    if payload.topic_id is not None:
        topic = community.topics.filter(pk=payload.topic_id).first()
        if topic is None:
            raise Http404(_("No such topic."))
    facilitators = list(Membership.objects.filter(community=community, pk__in=payload.facilitator_ids))
    if len(facilitators) != len(set(payload.facilitator_ids)):
        raise Http404(_("No such member."))
    circle = services.circle_create(actor=request.user, community=community, name=payload.name, topic=topic,
                                    language=payload.language, description=payload.description,
                                    schedule=payload.schedule, min_size=payload.min_size, max_size=payload.max_size,
                                    facilitators=facilitators)
    return Status(201, circle_out(circle, show_conversation=True))


@router.get("/community/{slug}/forming", response=FormingOut, summary="Groups Ayni proposes from waiting seekers (coordinators)")
def propose(request, slug: str, min_size: int = 4, max_size: int = 8):
    community, _membership = access_community_as_coordinator(request.user, slug)
    result = forming.propose_circles(community, min_size=max(2, min_size), max_size=max(min_size, max_size))
    return {"method": result.method, "waiting": len(result.waiting),
            "proposals": [p.__dict__ for p in result.proposals]}


@router.get("/{circle_id}", response=CircleOut, summary="One circle")
def get_circle(request, circle_id: int):
    circle, _membership, seat = access.access_circle(request.user, circle_id)
    return circle_out(circle, show_conversation=access.may_see_members(request.user, circle, seat))


@router.get("/{circle_id}/members", response=list[SeatOut], summary="Who is in the circle (its members and managers)")
def circle_members(request, circle_id: int):
    circle, _membership, seat = access.access_circle(request.user, circle_id)
    manager = services.can_manage(request.user, circle)
    if not access.may_see_members(request.user, circle, seat):
        raise Http404(_("No such circle."))
    seats = selectors.seats_of_circle(circle)
    if not manager:
        seats = seats.filter(status=CircleMembership.Status.ACCEPTED)
    return [seat_out(s) for s in seats]


@router.post("/{circle_id}/join", response={201: SeatOut}, summary="Ask to join")
def join(request, circle_id: int, payload: JoinIn):
    circle, _membership, _seat = access.access_circle(request.user, circle_id)
    return Status(201, seat_out(services.circle_request_join(actor=request.user, circle=circle, message=payload.message)))


@router.post("/{circle_id}/leave", response=SeatOut, summary="Leave the circle or withdraw a request")
def leave(request, circle_id: int):
    circle, _membership, _seat = access.access_circle(request.user, circle_id)
    return seat_out(services.circle_leave(actor=request.user, circle=circle))


@router.post("/{circle_id}/requests/{seat_id}", response=SeatOut, summary="Accept or decline a request (facilitators, coordinators)")
def decide(request, circle_id: int, seat_id: int, payload: DecisionIn):
    circle, _membership, _seat = access.access_circle_as_manager(request.user, circle_id)
    seat = CircleMembership.objects.filter(circle=circle, pk=seat_id).select_related("circle", "membership__user").first()
    if seat is None:
        raise Http404(_("No such request."))
    return seat_out(services.circle_membership_decide(actor=request.user, seat=seat, accept=payload.accept))


@router.get("/{circle_id}/meetings", response=list[MeetingOut], summary="Meetings (members and managers)")
def meetings(request, circle_id: int):
    circle, _membership, seat = access.access_circle(request.user, circle_id)
    if not access.may_see_members(request.user, circle, seat):
        raise Http404(_("No such circle."))
    return [{"id": m.pk, "starts_at": m.starts_at, "place": m.place, "notes": m.notes} for m in selectors.meetings_of(circle)]


@router.post("/{circle_id}/meetings", response={201: MeetingOut}, summary="Schedule a meeting (facilitators, coordinators)")
def create_meeting(request, circle_id: int, payload: MeetingIn):
    circle, _membership, _seat = access.access_circle_as_manager(request.user, circle_id)
    meeting = services.meeting_create(actor=request.user, circle=circle, starts_at=payload.starts_at,
                                      place=payload.place, notes=payload.notes)
    return Status(201, {"id": meeting.pk, "starts_at": meeting.starts_at, "place": meeting.place, "notes": meeting.notes})


@router.put("/{circle_id}/meetings/{meeting_id}/attendance", response=list[AttendanceOut],
            summary="Record who came (facilitators, coordinators)")
def record_attendance(request, circle_id: int, meeting_id: int, payload: AttendanceIn):
    circle, _membership, _seat = access.access_circle_as_manager(request.user, circle_id)
    meeting = CircleMeeting.objects.filter(circle=circle, pk=meeting_id).first()
    if meeting is None:
        raise Http404(_("No such meeting."))
    rows = services.attendance_record(actor=request.user, meeting=meeting, present_ids=payload.present)
    names = {s.pk: s.membership.user.display_name for s in selectors.seats_of_circle(circle)}
    return [{"seat_id": row.circle_membership_id, "display_name": names.get(row.circle_membership_id, ""),
             "present": row.present} for row in rows]

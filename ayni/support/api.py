"""Requests, proposals and matching rounds through /api/v1/support, with the pages' permissions."""

import dataclasses
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from ayni.communities.access import access_community_as_coordinator, access_community_as_member
from ayni.communities.models import Membership
from ayni.core.api import Pagination
from ayni.support import access, matching, selectors, services
from ayni.support.models import MatchingRound, Proposal, SupportRequest

router = Router(tags=["support"])


class RequestIn(Schema):
    kinds: list[str]
    topics: list[int]
    situation: str
    language: str = "es"
    mode: str = "online"
    urgency: str = "normal"
    prefer_similar_age: bool = False
    prefer_same_gender: bool = False
    choice: str = "propose"


class ScreeningOut(Schema):
    level: str
    resources: list[dict] = []


class RequestOut(Schema):
    id: int
    community: str
    seeker: str
    kinds: list[str]
    topics: list[str]
    situation: str
    language: str
    mode: str
    urgency: str
    prefer_similar_age: bool
    prefer_same_gender: bool
    choice: str
    status: str
    created_at: datetime
    waiting_since: datetime
    closed_at: datetime | None = None  # the relationship it led to ended
    screening: ScreeningOut | None = None


class SuggestionOut(Schema):
    supporter_id: int
    display_name: str
    score: int
    explanation: list[str]
    reasons: list[dict]


class PickIn(Schema):
    supporter_id: int


class ProposeIn(Schema):
    request_id: int
    supporter_id: int


class ProposalOut(Schema):
    id: int
    community: str
    request_id: int
    side: str
    other_name: str
    status: str
    seeker_answer: str
    supporter_answer: str
    score: int
    explanation: list[str]
    shared_topics: list[str]
    languages: list[str]
    availability_overlap: list[str]
    supporter_reply_hours: float | None
    supporter_last_active: datetime | None
    expires_at: datetime
    decline_reason: str | None = None


class DeclineIn(Schema):
    reason: str


class QuestionIn(Schema):
    question: str


class RoundOut(Schema):
    id: int
    community: str
    status: str
    progress: int
    pairs: list[dict]
    unmatched: list[dict]
    locked_pairs: list[list[int]]
    vetoed_pairs: list[list[int]]


class PairIn(Schema):
    request_id: int
    supporter_id: int
    action: str  # lock, veto, clear


def _screening_out(screening) -> dict | None:
    if screening is None:
        return None
    resources = []
    for resource in getattr(screening, "resources", None) or []:
        if isinstance(resource, dict):
            resources.append(resource)
        elif dataclasses.is_dataclass(resource):
            resources.append({key: str(value) for key, value in dataclasses.asdict(resource).items()})
        else:
            resources.append({"text": str(resource)})
    return {"level": getattr(screening, "level", ""), "resources": resources}


def request_out(support_request: SupportRequest, screening=None) -> dict:
    return {
        "id": support_request.pk, "community": support_request.community.slug,
        "seeker": support_request.seeker.user.display_name, "kinds": support_request.kinds,
        "topics": [topic.key for topic in support_request.topics.all()], "situation": support_request.situation,
        "language": support_request.language, "mode": support_request.mode, "urgency": support_request.urgency,
        "prefer_similar_age": support_request.prefer_similar_age,
        "prefer_same_gender": support_request.prefer_same_gender, "choice": support_request.choice,
        "status": support_request.status, "created_at": support_request.created_at,
        "waiting_since": support_request.waiting_since, "closed_at": support_request.closed_at,
        "screening": _screening_out(screening),
    }


def proposal_out(proposal: Proposal, side: str) -> dict:
    view = selectors.proposal_view(proposal, "seeker" if side == "seeker" else "supporter")
    return {
        "id": proposal.pk, "community": proposal.community.slug, "request_id": proposal.request_id, "side": side,
        "other_name": view["other_name"] if side != "coordinator" else proposal.supporter.user.display_name,
        "status": proposal.status, "seeker_answer": proposal.seeker_answer,
        "supporter_answer": proposal.supporter_answer, "score": proposal.score,
        "explanation": view["explanation"], "shared_topics": [t.key for t in view["shared_topics"]],
        "languages": view["languages"], "availability_overlap": [str(s) for s in view["availability_overlap"]],
        "supporter_reply_hours": view["reply_hours"], "supporter_last_active": view["last_active"],
        "expires_at": proposal.expires_at,
        "decline_reason": proposal.decline_reason if side == "coordinator" else None,
    }


def round_out(matching_round: MatchingRound) -> dict:
    return {"id": matching_round.pk, "community": matching_round.community.slug, "status": matching_round.status,
            "progress": matching_round.progress, "pairs": matching_round.pairs, "unmatched": matching_round.unmatched,
            "locked_pairs": matching_round.locked_pairs, "vetoed_pairs": matching_round.vetoed_pairs}


# Requests --------------------------------------------------------------------------------------


@router.get("/requests", response=list[RequestOut], summary="My requests for support")
@paginate(Pagination)
def my_requests(request):
    return [request_out(r) for r in selectors.requests_of(request.user).select_related("seeker__user")]


@router.post("/communities/{slug}/requests", response={201: RequestOut}, summary="Ask for support in a community")
def create_request(request, slug: str, payload: RequestIn):
    _community, membership = access_community_as_member(request.user, slug)
    support_request, screening = services.request_create(actor=request.user, membership=membership,
                                                         **payload.dict())
    return Status(201, request_out(support_request, screening))


@router.get("/requests/{request_id}", response=RequestOut, summary="One request (its seeker or coordinators)")
def get_request(request, request_id: int):
    support_request, _coordinator = access.access_request(request.user, request_id)
    return request_out(support_request)


@router.put("/requests/{request_id}", response=RequestOut, summary="Change my request")
def update_request(request, request_id: int, payload: RequestIn):
    support_request = access.access_own_request(request.user, request_id)
    support_request, screening = services.request_update(actor=request.user, request=support_request,
                                                         **payload.dict())
    return request_out(support_request, screening)


@router.post("/requests/{request_id}/withdraw", response=RequestOut, summary="Withdraw my request")
def withdraw_request(request, request_id: int):
    support_request = access.access_own_request(request.user, request_id)
    return request_out(services.request_withdraw(actor=request.user, request=support_request))


@router.get("/requests/{request_id}/suggestions", response=list[SuggestionOut],
            summary="The best supporters for a request, with explanations")
def request_suggestions(request, request_id: int, n: int = 5):
    support_request, coordinator = access.access_request(request.user, request_id)
    if not 1 <= n <= 20:
        raise ValidationError({"n": [_("Ask for between 1 and 20 suggestions.")]})
    if not coordinator and support_request.choice != SupportRequest.Choice.PICK:
        raise PermissionDenied(_("You chose to let the coordinator propose someone. Change your request to pick "
                                 "yourself."))
    found = matching.suggestions_for(support_request, limit=n)
    people = Membership.objects.select_related("user").in_bulk([s.supporter_id for s in found])
    names = matching.topic_names(support_request.community_id, get_language()[:2])
    return [{"supporter_id": s.supporter_id, "display_name": people[s.supporter_id].user.display_name,
             "score": s.score, "reasons": s.reasons,
             "explanation": matching.explain_reasons(s.reasons, names=names)} for s in found]


@router.post("/requests/{request_id}/pick", response={201: ProposalOut}, summary="Pick a suggested supporter")
def pick(request, request_id: int, payload: PickIn):
    support_request = access.access_own_request(request.user, request_id)
    supporter = Membership.objects.select_related("user").filter(
        community=support_request.community, pk=payload.supporter_id).first()
    if supporter is None:
        raise ValidationError({"supporter_id": [_("No such supporter in this community.")]})
    found = {s.supporter_id: s for s in matching.suggestions_for(support_request, limit=20)}
    chosen = found.get(supporter.pk)
    proposal = services.proposal_create(actor=request.user, request=support_request, supporter=supporter,
                                        score=chosen.score if chosen else 0, reasons=chosen.reasons if chosen else [],
                                        origin=Proposal.Origin.PICKED)
    return Status(201, proposal_out(proposal, "seeker"))


# Proposals -------------------------------------------------------------------------------------


@router.get("/proposals", response=list[ProposalOut], summary="My proposals (as seeker or supporter)")
@paginate(Pagination)
def my_proposals(request):
    rows = selectors.proposals_of(request.user).select_related(
        "request", "seeker__user__profile", "supporter__user__profile")
    return [proposal_out(p, "seeker" if p.seeker.user_id == request.user.pk else "supporter") for p in rows]


@router.post("/communities/{slug}/proposals", response={201: ProposalOut},
             summary="Propose a supporter for a request (coordinators)")
def propose(request, slug: str, payload: ProposeIn):
    community, _own = access_community_as_coordinator(request.user, slug)
    support_request = SupportRequest.objects.filter(community=community, pk=payload.request_id).first()
    supporter = Membership.objects.filter(community=community, pk=payload.supporter_id).first()
    if support_request is None:
        raise Http404(_("No such request."))
    if supporter is None:
        raise ValidationError({"supporter_id": [_("No such supporter in this community.")]})
    proposal = services.proposal_create(actor=request.user, request=support_request, supporter=supporter,
                                        origin=Proposal.Origin.MANUAL)
    return Status(201, proposal_out(proposal, "coordinator"))


@router.get("/proposals/{proposal_id}", response=ProposalOut, summary="One proposal")
def get_proposal(request, proposal_id: int):
    proposal, side = access.access_proposal(request.user, proposal_id)
    return proposal_out(proposal, side)


def _answering(request, proposal_id: int) -> Proposal:
    proposal, side = access.access_proposal(request.user, proposal_id)
    if side == "coordinator":
        raise PermissionDenied(_("Only the two people in this proposal can answer it."))
    return proposal


@router.post("/proposals/{proposal_id}/accept", response=ProposalOut, summary="Accept a proposal")
def accept(request, proposal_id: int):
    proposal = services.proposal_accept(actor=request.user, proposal=_answering(request, proposal_id))
    return proposal_out(proposal, access.access_proposal(request.user, proposal_id)[1])


@router.post("/proposals/{proposal_id}/decline", response=ProposalOut,
             summary="Decline a proposal (the reason is for coordinators only)")
def decline(request, proposal_id: int, payload: DeclineIn):
    proposal = services.proposal_decline(actor=request.user, proposal=_answering(request, proposal_id),
                                         reason=payload.reason)
    return proposal_out(proposal, access.access_proposal(request.user, proposal_id)[1])


@router.post("/proposals/{proposal_id}/questions", response={201: dict},
             summary="I need more information (does not decline)")
def ask(request, proposal_id: int, payload: QuestionIn):
    question = services.proposal_ask(actor=request.user, proposal=_answering(request, proposal_id),
                                     question=payload.question)
    return Status(201, {"id": question.pk, "text": question.text, "asked_by": question.asked_by})


# Matching rounds -------------------------------------------------------------------------------


@router.post("/communities/{slug}/rounds", response={202: RoundOut}, summary="Start a matching round (coordinators)")
def start_round(request, slug: str):
    community, _own = access_community_as_coordinator(request.user, slug)
    matching_round = services.round_start(actor=request.user, community=community)
    matching_round.refresh_from_db()
    return Status(202, round_out(matching_round))


@router.get("/communities/{slug}/rounds/{round_id}", response=RoundOut, summary="A round, its progress and preview")
def get_round(request, slug: str, round_id: int):
    return round_out(access.access_round(request.user, slug, round_id))


@router.post("/communities/{slug}/rounds/{round_id}/pairs", response=RoundOut, summary="Lock, veto or clear a pair")
def round_pair(request, slug: str, round_id: int, payload: PairIn):
    matching_round = access.access_round(request.user, slug, round_id)
    return round_out(services.round_set_pair(actor=request.user, matching_round=matching_round,
                                             request_id=payload.request_id, supporter_id=payload.supporter_id,
                                             action=payload.action))


@router.post("/communities/{slug}/rounds/{round_id}/rerun", response={202: RoundOut}, summary="Run the round again")
def rerun_round(request, slug: str, round_id: int):
    matching_round = access.access_round(request.user, slug, round_id)
    matching_round = services.round_rerun(actor=request.user, matching_round=matching_round)
    matching_round.refresh_from_db()
    return Status(202, round_out(matching_round))


@router.post("/communities/{slug}/rounds/{round_id}/publish", response=dict,
             summary="Publish the round: every proposal at once, or none")
def publish_round(request, slug: str, round_id: int):
    matching_round = access.access_round(request.user, slug, round_id)
    created = services.round_publish(actor=request.user, matching_round=matching_round)
    return {"published": len(created), "proposals": [p.pk for p in created]}

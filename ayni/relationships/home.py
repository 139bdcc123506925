"""The signed-in home page: what a seeker and a supporter need this week, in one place.

ayni.core.views.home delegates here for a signed-in person. Other apps' parts are read through
their published contracts (support capacity, training eligibility)."""

from datetime import timedelta

from django.db.models import Q
from django.shortcuts import render
from django.utils import timezone

from ayni.communities.models import Membership
from ayni.relationships import lifecycle
from ayni.relationships.models import CheckIn, Goal, Relationship, Session
from ayni.relationships.selectors import occupied_places
from ayni.support.capacity import free_places_map
from ayni.support.models import Proposal, SupportRequest
from ayni.training.eligibility import eligibility_map


def _attach_people(rows, memberships: dict) -> None:
    """Give each row (relationship, proposal) its `seeker` and `supporter` memberships with their
    person: `memberships` (id: membership with its user) and one query for the others, none when
    there are no rows. `select_related` of the same joins costs about a millisecond of CPU per
    query even when nothing is found, which is the common case on this page."""
    missing = ({row.seeker_id for row in rows} | {row.supporter_id for row in rows}) - memberships.keys()
    if missing:
        memberships = {**memberships, **Membership.objects.select_related("user").order_by().in_bulk(missing)}
    for row in rows:
        row.seeker = memberships[row.seeker_id]
        row.supporter = memberships[row.supporter_id]


def home_context(user) -> dict:
    # All of the person's memberships in one query: the page lists those not left or rejected, and
    # the relationships of any of them are found by their ids (no subquery for the database to plan).
    every_membership = list(Membership.objects.filter(user=user).select_related("community").order_by("community__name"))
    memberships = [m for m in every_membership
                   if m.status not in (Membership.Status.LEFT, Membership.Status.REJECTED)]
    active = [m for m in memberships if m.status == Membership.Status.ACTIVE]
    membership_ids = [m.pk for m in every_membership]
    communities = {m.community_id: m.community for m in every_membership}
    mine = {}
    for membership in every_membership:
        membership.user = user  # the person's own memberships need no second look-up
        mine[membership.pk] = membership
    current = list(
        Relationship.objects.filter(Q(seeker_id__in=membership_ids) | Q(supporter_id__in=membership_ids),
                                    status__in=lifecycle.CURRENT).order_by("-created_at")
    ) if membership_ids else []
    _attach_people(current, mine)
    by_pk = {relationship.pk: relationship for relationship in current}
    for relationship in current:
        # The relationship's community is the one of the person's membership in it, loaded above.
        if relationship.community_id in communities:
            relationship.community = communities[relationship.community_id]
    as_seeker = [r for r in current if r.seeker.user_id == user.pk]
    as_supporter = [r for r in current if r.supporter.user_id == user.pk]
    # Each query below is skipped when it cannot find anything (most people have no relationship
    # yet): building a query costs about a millisecond of CPU even when the database is instant.
    # Their relationships are those loaded above.
    next_sessions = list(
        Session.objects.filter(relationship__in=current, status=Session.Status.SCHEDULED,
                               starts_at__gte=timezone.now()).order_by("starts_at")[:3]
    ) if current else []
    for session in next_sessions:
        session.relationship = by_pk[session.relationship_id]
        session.other = session.relationship.other_membership(user).user
    goals = list(Goal.objects.filter(relationship__in=as_seeker).order_by("-created_at")[:6]) if as_seeker else []
    for goal in goals:
        goal.relationship = by_pk[goal.relationship_id]
    awaiting_me = [r for r in current if r.status == lifecycle.PROPOSED]
    acknowledged = set(
        Relationship.objects.filter(pk__in=[r.pk for r in awaiting_me], acknowledgements__user=user)
        .values_list("pk", flat=True)) if awaiting_me else set()
    awaiting_me = [r for r in awaiting_me if r.pk not in acknowledged]
    check_ins = list(CheckIn.objects.filter(user=user, answered_at__isnull=True, relationship__status=lifecycle.ACTIVE)
                     .order_by("due_at")[:10]) if any(r.status == lifecycle.ACTIVE for r in current) else []
    for check_in in check_ins:
        if check_in.relationship_id in by_pk:
            check_in.relationship = by_pk[check_in.relationship_id]
    closing = [r for r in current if r.status == lifecycle.CLOSING]
    supporter_memberships = [m for m in active if m.is_supporter]
    occupied = occupied_places([m.pk for m in supporter_memberships]) if supporter_memberships else {}
    free = free_places_map(supporter_memberships, occupied=occupied) if supporter_memberships else {}
    eligibility = eligibility_map(supporter_memberships)
    supporting = []
    for membership in supporter_memberships:
        supporting.append({
            "membership": membership, "occupied": occupied.get(membership.pk, 0),
            "free": free.get(membership.pk, 0), "away": membership.is_away(),
            "eligibility": eligibility.get(membership.pk),
            "people": [r for r in as_supporter if r.supporter_id == membership.pk],
        })
    coordinating = [m for m in active if m.is_coordinator]
    # Open requests, and those closed in the last month (their relationship ended), so the seeker sees
    # where each one stands and can ask again. The page shows them in the seeker's part only (and
    # proposals in the supporter's part only): skipped for the others.
    is_seeker = any(m.is_seeker for m in active)
    recently = timezone.now() - timedelta(days=30)
    requests = list(
        SupportRequest.objects.filter(seeker_id__in=membership_ids).filter(
            Q(status__in=SupportRequest.OPEN_STATUSES)
            | Q(status=SupportRequest.Status.CLOSED, closed_at__gte=recently))
        .prefetch_related("topics").order_by("-created_at", "-id")[:5]
    ) if is_seeker else []
    proposals = list(Proposal.objects.filter(supporter_id__in=membership_ids, status=Proposal.Status.OPEN,
                                             supporter_answer=Proposal.Answer.PENDING).order_by("expires_at")[:5]
                     ) if supporter_memberships else []
    _attach_people(proposals, mine)
    for item in [*requests, *proposals]:
        if item.community_id in communities:
            item.community = communities[item.community_id]
    for relationship in current:
        relationship.other = relationship.other_membership(user).user
    return {
        "memberships": memberships, "is_seeker": is_seeker,
        "is_supporter": bool(supporter_memberships), "as_seeker": as_seeker, "as_supporter": as_supporter,
        "next_sessions": next_sessions, "goals": goals, "awaiting_me": awaiting_me, "check_ins": check_ins,
        "closing": closing, "supporting": supporting, "coordinating": coordinating,
        "requests": requests, "proposals": proposals,
    }


def home_page(request):
    return render(request, "relationships/home.html", home_context(request.user))

"""Support's part of the demo: waiting requests from the seekers' needs, a few proposals
waiting for answers, and one matching round ready to review in the biggest community.
Running it again changes nothing."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count

from ayni.communities.models import Membership
from ayni.core.audit import audit_log
from ayni.people.models import Need
from ayni.support import matching, services
from ayni.support.models import MatchingRound, Proposal, SupportRequest

# Every fourth seeker would rather choose from suggestions; a few are in a hurry.
PICK_EVERY = 4
PENDING_PROPOSALS_PER_COMMUNITY = 3

FALLBACK_SITUATION = {
    "es": "Estoy pasando por un momento difícil con esto y me vendría bien hablar con alguien que lo haya vivido.",
    "en": "I am going through a hard time with this and it would help to talk to someone who has lived it.",
}


def load(*, communities, stdout=None) -> dict[str, int]:
    counts = {"support_requests": 0, "support_proposals": 0, "matching_rounds": 0}
    with transaction.atomic():
        for community in communities.values():
            counts["support_requests"] += _requests(community)
    for community in communities.values():
        counts["support_proposals"] += _pending_proposals(community)
    biggest = max(communities.values(), key=lambda c: c.memberships.count(), default=None)
    if biggest is not None and not MatchingRound.objects.filter(community=biggest).exists():
        counts["matching_rounds"] += _round_preview(biggest)
    if stdout is not None and any(counts.values()):
        stdout.write(f"support: {counts['support_requests']} requests, {counts['support_proposals']} proposals, "
                     f"{counts['matching_rounds']} round ready to review\n")
    return counts


def _requests(community) -> int:
    """One waiting request per seeker with needs, from what they wrote about their needs."""
    seekers = (Membership.objects.filter(community=community, is_seeker=True, status=Membership.Status.ACTIVE)
               .annotate(asked=Count("support_requests")).filter(asked=0)
               .select_related("user", "user__profile").order_by("pk"))
    needs: dict[int, list[Need]] = {}
    for need in Need.objects.filter(membership__in=seekers).select_related("topic").order_by("pk"):
        needs.setdefault(need.membership_id, []).append(need)
    created = 0
    for position, membership in enumerate(seekers):
        wanted = needs.get(membership.pk)
        if not wanted:
            continue
        language = (membership.user.language or "es")[:2]
        situation = " ".join(n.note for n in wanted if n.note).strip() or FALLBACK_SITUATION.get(
            language, FALLBACK_SITUATION["es"])
        profile = getattr(membership.user, "profile", None)
        request = SupportRequest.objects.create(
            community=community, seeker=membership,
            kinds=["emotional", "practical"] if position % 2 else ["emotional"],
            situation=situation[:3000], terms=matching.request_terms(situation) or [], language=language,
            mode=getattr(profile, "meeting_mode", "online") or "online",
            urgency=SupportRequest.Urgency.HIGH if position % 7 == 3 else SupportRequest.Urgency.NORMAL,
            choice=SupportRequest.Choice.PICK if position % PICK_EVERY == 1 else SupportRequest.Choice.PROPOSE,
            status=SupportRequest.Status.WAITING,
        )
        request.topics.set([n.topic for n in wanted])
        audit_log(actor=None, action="support.request_create", target=request, community=community,
                  details={"demo": True})
        created += 1
    return created


def _pending_proposals(community) -> int:
    """A few proposals waiting for answers, from the engine's best suggestion."""
    if Proposal.objects.filter(community=community).exists():
        return 0
    waiting = (SupportRequest.objects.filter(community=community, status=SupportRequest.Status.WAITING,
                                             choice=SupportRequest.Choice.PROPOSE)
               .select_related("seeker__user", "seeker__user__profile", "community").order_by("pk"))
    created = 0
    for request in waiting[:PENDING_PROPOSALS_PER_COMMUNITY * 3]:
        if created >= PENDING_PROPOSALS_PER_COMMUNITY:
            break
        for suggestion in matching.suggestions_for(request, limit=3):
            supporter = Membership.objects.select_related("user").get(pk=suggestion.supporter_id)
            try:
                services.proposal_create(actor=None, request=request, supporter=supporter, score=suggestion.score,
                                         reasons=suggestion.reasons, origin=Proposal.Origin.MANUAL,
                                         notify_people=False)
            except (ValidationError, PermissionDenied):  # a pair that breaks a rule is simply skipped
                continue
            created += 1
            break
    return created


def _round_preview(community) -> int:
    coordinator = (Membership.objects.filter(community=community, is_coordinator=True,
                                             status=Membership.Status.ACTIVE).select_related("user").first())
    matching_round = MatchingRound.objects.create(community=community,
                                                  started_by=coordinator.user if coordinator else None)
    matching.round_run(matching_round.pk)
    return 1

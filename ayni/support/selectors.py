"""Reads for requests and proposals, in bulk (no query per row)."""

from statistics import median

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import get_language

from ayni.people import domain
from ayni.people.forms import COMMON_LANGUAGES, slot_label
from ayni.people.models import Profile
from ayni.support import rules
from ayni.support.models import MatchingRound, Proposal, SupportRequest

LANGUAGE_NAMES = dict(COMMON_LANGUAGES)


def _memberships_of(user):
    # "seeker is one of my memberships OR supporter is one of them" lets the database use the
    # foreign-key indexes; "seeker__user = me OR supporter__user = me" joins every member first.
    from ayni.communities.models import Membership

    return Membership.objects.filter(user=user).values("pk")


def language_name(code: str) -> str:
    return str(LANGUAGE_NAMES.get(code, code))


def requests_of(user) -> QuerySet[SupportRequest]:
    open_proposals = Proposal.objects.filter(status=Proposal.Status.OPEN).select_related("supporter__user")
    return (SupportRequest.objects.filter(seeker__user=user).select_related("community")
            .prefetch_related("topics", Prefetch("proposals", queryset=open_proposals, to_attr="open_proposals"))
            .order_by("-created_at", "-id"))


def requests_for_coordinator(community, *, status: str = "") -> QuerySet[SupportRequest]:
    queryset = (SupportRequest.objects.filter(community=community).select_related("seeker__user")
                .prefetch_related("topics").order_by("waiting_since", "id"))
    if status:
        queryset = queryset.filter(status=status)
    else:
        queryset = queryset.filter(status__in=SupportRequest.OPEN_STATUSES)
    return queryset


def proposals_of(user) -> QuerySet[Proposal]:
    return (Proposal.objects.filter(Q(seeker__in=_memberships_of(user)) | Q(supporter__in=_memberships_of(user)))
            .select_related("community", "seeker__user", "supporter__user").order_by("-created_at", "-id"))


def open_proposals_for_coordinator(community) -> QuerySet[Proposal]:
    return (Proposal.objects.filter(community=community, status=Proposal.Status.OPEN)
            .select_related("seeker__user", "supporter__user").order_by("expires_at", "id"))


def rounds_of(community) -> QuerySet[MatchingRound]:
    return MatchingRound.objects.filter(community=community).select_related("started_by").order_by("-created_at")


def responsiveness(supporter_ids) -> dict[int, float | None]:
    """Median hours a supporter took to answer proposals (None when they never answered one)."""
    rows = (Proposal.objects.filter(supporter_id__in=list(supporter_ids), supporter_answered_at__isnull=False)
            .values_list("supporter_id", "created_at", "supporter_answered_at"))
    hours: dict[int, list[float]] = {}
    for supporter_id, created, answered in rows:
        hours.setdefault(supporter_id, []).append(max(0.0, (answered - created).total_seconds() / 3600))
    return {pk: round(median(values), 1) if values else None
            for pk, values in ((pk, hours.get(pk, [])) for pk in supporter_ids)}


def _profile(membership) -> Profile:
    try:
        return membership.user.profile
    except Profile.DoesNotExist:
        return Profile(user=membership.user)


def proposal_view(proposal: Proposal, side: str, *, language: str | None = None) -> dict:
    """What each side needs to decide: the other's name, shared topics, the explanation, shared
    languages, the overlap of availability, and how responsive the supporter usually is."""
    from ayni.support.matching import explain_reasons

    language = language or get_language() or "es"
    seeker, supporter = proposal.seeker, proposal.supporter
    other = supporter if side == "seeker" else seeker
    seeker_profile, supporter_profile = _profile(seeker), _profile(supporter)
    shared_languages = sorted(rules.seeker_languages(proposal.request) & set(supporter_profile.languages or []))
    overlap_mask = seeker_profile.availability_mask & supporter_profile.availability_mask
    overlap = [slot_label(slot) for index, slot in enumerate(domain.SLOTS) if overlap_mask & (1 << index)]
    return {
        "other_name": other.user.display_name,
        "other_pronouns": other.user.pronouns,
        "shared_topics": rules.shared_topics(proposal.request, supporter),
        "explanation": explain_reasons(proposal.reasons, language),
        "languages": [language_name(code) for code in shared_languages],
        "availability_overlap": overlap,
        "reply_hours": responsiveness([supporter.pk]).get(supporter.pk),
        "last_active": supporter.user.last_seen_at,
        "questions": list(proposal.questions.all()),
        "expires_in_days": max(0, (proposal.expires_at - timezone.now()).days),
    }


def relationship_of_request(support_request):
    """The relationship a matched or closed request led to: the one its accepted proposal
    started, or, after rematches, the one the seeker went on with. None if there is none."""
    from ayni.relationships.models import Relationship

    relationship_id = (support_request.proposals.filter(status=Proposal.Status.ACCEPTED, relationship_id__isnull=False)
                       .values_list("relationship_id", flat=True).first())
    relationship = (Relationship.objects.select_related("seeker__user", "supporter__user")
                    .filter(pk=relationship_id).first() if relationship_id else None)
    seen = set()
    while relationship is not None and relationship.status == "rematched" and relationship.pk not in seen:
        seen.add(relationship.pk)
        following = (Relationship.objects.select_related("seeker__user", "supporter__user")
                     .filter(rematched_from=relationship).order_by("-pk").first())
        if following is None:
            break
        relationship = following
    return relationship

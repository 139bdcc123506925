"""Who may see which request, proposal or round. 404 for what someone may not know exists."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from ayni.communities.access import membership_of
from ayni.communities.models import Membership
from ayni.support.models import MatchingRound, Proposal, ProposalQuestion, SupportRequest


def _is_coordinator(user, community) -> bool:
    membership = membership_of(user, community)
    return bool(membership and membership.is_coordinator and membership.status == Membership.Status.ACTIVE)


def access_request(user, request_id: int) -> tuple[SupportRequest, bool]:
    """A request its seeker or the community's coordinators may read; and whether the reader coordinates."""
    request = (SupportRequest.objects.select_related("community", "seeker__user", "seeker__user__profile")
               .prefetch_related("topics").filter(pk=request_id).first())
    if request is None or not getattr(user, "is_authenticated", False):
        raise Http404(_("No such request."))
    coordinator = _is_coordinator(user, request.community)
    if request.seeker.user_id != user.pk and not coordinator:
        raise Http404(_("No such request."))
    return request, coordinator


def access_own_request(user, request_id: int) -> SupportRequest:
    """A request only its seeker may change (coordinators may read it: 403 for them)."""
    request, _coordinator = access_request(user, request_id)
    if request.seeker.user_id != user.pk:
        raise PermissionDenied(_("Only the person who asked can change this request."))
    return request


def access_proposal(user, proposal_id: int) -> tuple[Proposal, str]:
    """A proposal for its two people and the community's coordinators; and the reader's side:
    "seeker", "supporter" or "coordinator"."""
    proposal = (Proposal.objects.select_related(
        "community", "request", "seeker__user", "seeker__user__profile", "supporter__user",
        "supporter__user__profile").filter(pk=proposal_id).first())
    if proposal is None or not getattr(user, "is_authenticated", False):
        raise Http404(_("No such proposal."))
    if proposal.seeker.user_id == user.pk:
        return proposal, "seeker"
    if proposal.supporter.user_id == user.pk:
        return proposal, "supporter"
    if _is_coordinator(user, proposal.community):
        return proposal, "coordinator"
    raise Http404(_("No such proposal."))


def access_question(user, proposal_id: int, question_id: int) -> tuple[ProposalQuestion, str]:
    proposal, side = access_proposal(user, proposal_id)
    question = proposal.questions.filter(pk=question_id).first()
    if question is None:
        raise Http404(_("No such question."))
    return question, side


def access_round(user, slug: str, round_id: int) -> MatchingRound:
    from ayni.communities.access import access_community_as_coordinator

    community, _own = access_community_as_coordinator(user, slug)
    matching_round = MatchingRound.objects.select_related("community").filter(
        community=community, pk=round_id).first()
    if matching_round is None:
        raise Http404(_("No such matching round."))
    return matching_round

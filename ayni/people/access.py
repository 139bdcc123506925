"""Who may see whose lived experience."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from ayni.communities.access import access_community_as_member
from ayni.communities.models import Membership
from ayni.people.models import Experience, Visibility


def are_matched(viewer, membership: Membership) -> bool:
    """True when the viewer and the member share a relationship or circle in this community."""
    from ayni.relationships.selectors import people_are_matched

    return people_are_matched(community=membership.community, first=viewer, second=membership.user)


def access_member(viewer, slug: str, membership_id: int) -> tuple[Membership, Membership, bool]:
    """The member to look at, the viewer's own membership, and whether the viewer sees private data."""
    community, own = access_community_as_member(viewer, slug)
    member = (
        Membership.objects.select_related("user", "community")
        .filter(community=community, pk=membership_id)
        .first()
    )
    if member is None:
        raise Http404(_("No such member."))
    if member.status != Membership.Status.ACTIVE and not own.is_coordinator:
        raise Http404(_("No such member."))
    privileged = own.pk == member.pk or own.is_coordinator or are_matched(viewer, member)
    return member, own, privileged


def visible_experiences(member: Membership, *, privileged: bool) -> QuerySet[Experience]:
    experiences = member.experiences.select_related("topic").order_by("topic__position")
    if not privileged:
        experiences = experiences.filter(visibility=Visibility.COMMUNITY)
    return experiences


def access_own_membership(user, slug: str) -> Membership:
    _community, membership = access_community_as_member(user, slug)
    return membership


def check_owner(actor, membership: Membership) -> None:
    if membership.user_id != actor.pk:
        raise PermissionDenied(_("You can only change your own experiences and needs."))

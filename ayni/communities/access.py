"""Permission-checked fetchers. 404 for what the person may not know exists, 403 for the rest."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from ayni.communities.models import Community, Membership


def membership_of(user, community: Community) -> Membership | None:
    if not getattr(user, "is_authenticated", False):
        return None
    cache = getattr(user, "_ayni_memberships", None)
    if cache is None:
        cache = user._ayni_memberships = {}
    if community.pk not in cache:
        cache[community.pk] = Membership.objects.filter(community=community, user=user).first()
    return cache[community.pk]


def can_see_community(user, community: Community) -> bool:
    if community.visibility == Community.Visibility.LISTED:
        return True
    membership = membership_of(user, community)
    return membership is not None and membership.status != Membership.Status.REJECTED


def access_community(user, slug: str) -> Community:
    """A community this person may know about: listed ones, and the ones they belong to."""
    community = Community.objects.filter(slug=slug).first()
    if community is None or not can_see_community(user, community):
        raise Http404(_("No such community."))
    return community


def access_community_as_member(user, slug: str) -> tuple[Community, Membership]:
    """A community and the person's active membership in it."""
    community = access_community(user, slug)
    membership = membership_of(user, community)
    if membership is None or membership.status != Membership.Status.ACTIVE:
        if community.visibility == Community.Visibility.UNLISTED and membership is None:
            raise Http404(_("No such community."))
        raise PermissionDenied(_("Only active members of this community can see this."))
    return community, membership


def access_community_as_coordinator(user, slug: str) -> tuple[Community, Membership]:
    community, membership = access_community_as_member(user, slug)
    if not membership.is_coordinator:
        raise PermissionDenied(_("Only the community's coordinators can do this."))
    return community, membership


def access_membership_as_coordinator(user, slug: str, membership_id: int) -> tuple[Community, Membership]:
    community, _own = access_community_as_coordinator(user, slug)
    membership = (
        Membership.objects.select_related("user", "user__profile", "community")
        .filter(community=community, pk=membership_id)
        .first()
    )
    if membership is None:
        raise Http404(_("No such member."))
    return community, membership

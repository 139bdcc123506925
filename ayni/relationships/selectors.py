"""Reads about relationships (no permission checks here: see access.py for those)."""

from django.db.models import Count, Q

from ayni.relationships import lifecycle
from ayni.relationships.models import Relationship


def _memberships_of(user):
    # "seeker is one of my memberships OR supporter is one of them" lets the database use the
    # foreign-key indexes; "seeker__user = me OR supporter__user = me" joins every member first.
    from ayni.communities.models import Membership

    return Membership.objects.filter(user=user).values("pk")


def people_are_matched(*, community, first, second) -> bool:
    """True when the two users share a current relationship (proposed, active, paused, closing)
    in `community`. Used to let them see each other's private profile."""
    if first is None or second is None or getattr(first, "pk", None) is None or first.pk == second.pk:
        return False
    return Relationship.objects.filter(
        Q(seeker__user=first, supporter__user=second) | Q(seeker__user=second, supporter__user=first),
        community=community, status__in=lifecycle.CURRENT,
    ).exists()


def occupied_places(membership_ids) -> dict[int, int]:
    """{supporter membership id: relationships holding one of their places}, 0 for the others."""
    membership_ids = list(membership_ids)
    counts = dict.fromkeys(membership_ids, 0)
    rows = (
        Relationship.objects.filter(supporter_id__in=membership_ids, status__in=lifecycle.HOLDS_PLACE)
        .values("supporter_id").annotate(count=Count("pk"))
    )
    for row in rows:
        counts[row["supporter_id"]] = row["count"]
    return counts


def relationships_of(*, user, community=None):
    """The relationships `user` takes part in (as seeker or supporter), newest first."""
    queryset = Relationship.objects.filter(Q(seeker__in=_memberships_of(user)) | Q(supporter__in=_memberships_of(user)))
    if community is not None:
        queryset = queryset.filter(community=community)
    return queryset.select_related("community", "seeker__user", "supporter__user").order_by("-created_at")

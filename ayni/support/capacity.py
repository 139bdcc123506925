"""How many more people a supporter can take on.

free_places = capacity - places held by relationships (proposed, active, paused, closing)
            - proposals the supporter accepted that still wait for the seeker.
"""

from django.db.models import Count

from ayni.support import integrations
from ayni.support.models import Proposal


def accepted_waiting(membership_ids) -> dict[int, int]:
    """Open proposals each supporter already said yes to, by membership id (one query)."""
    rows = (Proposal.objects.filter(supporter_id__in=list(membership_ids), status=Proposal.Status.OPEN,
                                    supporter_answer=Proposal.Answer.ACCEPTED)
            .values("supporter_id").annotate(n=Count("id")))
    return {row["supporter_id"]: row["n"] for row in rows}


def free_places_map(memberships, *, occupied: dict[int, int] | None = None) -> dict[int, int]:
    """free_places for many memberships at once, without one query per person. `occupied`: the
    caller's occupied_places of these memberships, when it has them already (a query saved)."""
    memberships = list(memberships)
    ids = [membership.pk for membership in memberships]
    if occupied is None:
        occupied = integrations.occupied_places(ids)
    waiting = accepted_waiting(ids)
    return {
        membership.pk: max(0, membership.capacity - occupied.get(membership.pk, 0) - waiting.get(membership.pk, 0))
        for membership in memberships
    }


def free_places(membership) -> int:
    """The places a supporter has left (never below zero)."""
    return free_places_map([membership])[membership.pk]

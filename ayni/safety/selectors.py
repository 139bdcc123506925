"""Reads for safety: blocks, settings, crisis resources, duty ladders."""

from django.conf import settings as django_settings
from django.db.models import Q

from ayni.safety.models import Block, CrisisResource, DutyRota, SafetySettings


def is_blocked(first_user, second_user) -> bool:
    """True when either person has blocked the other."""
    first_id = getattr(first_user, "pk", first_user)
    second_id = getattr(second_user, "pk", second_user)
    if first_id is None or second_id is None or first_id == second_id:
        return False
    return Block.objects.filter(
        Q(blocker_id=first_id, blocked_id=second_id) | Q(blocker_id=second_id, blocked_id=first_id)
    ).exists()


def blocked_user_pairs(community) -> set[frozenset[int]]:
    """Every pair of user ids in `community` where one blocked the other (one query)."""
    community_id = getattr(community, "pk", community)
    rows = Block.objects.filter(
        blocker__memberships__community_id=community_id,
        blocked__memberships__community_id=community_id,
    ).values_list("blocker_id", "blocked_id")
    return {frozenset(row) for row in rows}


def blocked_by(user) -> set[int]:
    """Ids of the people `user` blocked or who blocked `user`."""
    pairs = Block.objects.filter(Q(blocker=user) | Q(blocked=user)).values_list("blocker_id", "blocked_id")
    return {other for pair in pairs for other in pair if other != user.pk}


def safety_settings_for(community) -> SafetySettings:
    """The community's safety settings (defaults when none were saved; nothing written)."""
    if community is None:
        return SafetySettings()
    cached = getattr(community, "_safety_settings_cache", None)
    if cached is not None:
        return cached
    found = SafetySettings.objects.filter(community=community).first() or SafetySettings(community=community)
    community._safety_settings_cache = found
    return found


def age_of_majority_for(community) -> int:
    configured = safety_settings_for(community).age_of_majority if community is not None else None
    return configured or django_settings.AYNI["AGE_OF_MAJORITY"]


def resources_for(community, *, country: str = "") -> list[CrisisResource]:
    """Active resources for a community: its own rows, else the shipped defaults for its country.

    Falls back to the international defaults (no country) so a writer always sees something.
    """
    from ayni.safety.services import crisis_resources_ensure_defaults

    crisis_resources_ensure_defaults()
    country = (country or getattr(community, "country", "") or "").upper()
    if community is not None:
        own = list(CrisisResource.objects.filter(community=community, is_active=True))
        if own:
            return own
    defaults = CrisisResource.objects.filter(community__isnull=True, is_active=True)
    for_country = list(defaults.filter(country=country)) if country else []
    if for_country:
        return for_country
    return list(defaults.filter(country=""))


def duty_ladder(community) -> list:
    """Coordinators in the order alerts reach them: the duty rota, else every active coordinator."""
    from ayni.communities.models import Membership

    active_coordinators = Membership.objects.filter(
        community=community, is_coordinator=True, status=Membership.Status.ACTIVE
    )
    coordinator_ids = set(active_coordinators.values_list("user_id", flat=True))
    rota = [
        entry.coordinator
        for entry in DutyRota.objects.filter(community=community, on_duty=True).select_related("coordinator")
        if entry.coordinator_id in coordinator_ids and entry.coordinator.is_active
    ]
    if rota:
        return rota
    return [
        membership.user
        for membership in active_coordinators.select_related("user").order_by("joined_at", "pk")
        if membership.user.is_active
    ]

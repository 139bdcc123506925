"""The other apps' contracts that support calls, in one place.

Each import is done on use so that this app works while the other parts are being built.
"""

from django.db.models import Q


def screen_text(*, author, text, community, source, source_id):
    """The safety check of a writer's text (`ayni.safety.screening.screen_text`).

    Returns its Screening (level, resources, alert), or None when the safety work is not installed.
    """
    try:
        from ayni.safety.screening import screen_text as safety_screen_text
    except ImportError:
        return None
    return safety_screen_text(author=author, text=text, community=community, source=source, source_id=source_id)


def occupied_places(membership_ids) -> dict[int, int]:
    """Places held by relationships (proposed, active, paused, closing), by supporter membership."""
    try:
        from ayni.relationships.selectors import occupied_places as relationship_places
    except ImportError:
        return {}
    return relationship_places(list(membership_ids))


def relationship_start(*, actor, seeker, supporter, topics, note=""):
    """Start the relationship once both accepted; None when relationships are not installed."""
    try:
        from ayni.relationships.services import relationship_start as start
    except ImportError:
        return None
    return start(actor=actor, seeker=seeker, supporter=supporter, topics=topics, note=note)


def is_blocked(first_user, second_user) -> bool:
    try:
        from ayni.safety.selectors import is_blocked as safety_is_blocked
    except ImportError:
        return False
    return safety_is_blocked(first_user, second_user)


def blocked_user_pairs(community) -> set[frozenset[int]]:
    try:
        from ayni.safety.selectors import blocked_user_pairs as safety_blocked_pairs
    except ImportError:
        return set()
    return safety_blocked_pairs(community)


def is_minor(membership) -> bool:
    """Minor, or age unknown: matching never treats an unknown age as adult (the safe side)."""
    try:
        from ayni.safety.minors import minor_status
    except ImportError:
        profile = getattr(membership.user, "profile", None)
        return True if profile is None or not profile.age_known else profile.is_minor
    status = minor_status(membership)
    return status is None or bool(status)


def eligibility_map(memberships) -> dict[int, object]:
    """{membership id: Eligibility(eligible, may_support_minors, missing)} from the training work.

    Without the training work nobody counts as trained: no proposal can break that hard rule.
    """
    memberships = list(memberships)
    try:
        from ayni.training.eligibility import eligibility_map as training_eligibility_map
    except ImportError:
        return {m.pk: _NotTrained() for m in memberships}
    return training_eligibility_map(memberships)


class _NotTrained:
    eligible = False
    may_support_minors = False
    missing: list = []


def ended_badly_pairs(community) -> set[frozenset[int]]:
    """Pairs of memberships whose earlier relationship ended badly (unplanned closure)."""
    try:
        from ayni.relationships.models import Relationship
    except ImportError:
        return set()
    fields = {field.name for field in Relationship._meta.get_fields()}
    if "closure_kind" not in fields:
        return set()
    rows = (Relationship.objects.filter(community=community)
            .filter(Q(closure_kind="unplanned") | Q(status="rematched"))
            .values_list("seeker_id", "supporter_id"))
    return {frozenset(row) for row in rows}


def people_are_matched(*, community, first, second) -> bool:
    from ayni.relationships.selectors import people_are_matched as matched

    return matched(community=community, first=first, second=second)

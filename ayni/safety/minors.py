"""Who is a minor: the profile's date of birth or age band, and the community's age setting."""

from django.utils import timezone

from ayni.people import domain
from ayni.safety.selectors import age_of_majority_for, safety_settings_for


def _profile(user):
    try:
        return user.profile
    except Exception:
        return None


def minor_status(membership) -> bool | None:
    """True/False when the age is known; None when the profile says nothing about age."""
    profile = _profile(membership.user)
    if profile is None:
        return None
    return domain.is_minor(
        date_of_birth=profile.date_of_birth,
        age_band=profile.age_band,
        today=timezone.localdate(),
        age_of_majority=age_of_majority_for(membership.community),
    )


def is_minor(membership) -> bool:
    """Whether this member counts as a minor in their community (unknown age: False).

    An age band that straddles the community's age of majority counts as minor. Callers that
    must not treat an unknown age as adult (matching) check `minor_status(...) is None` too.
    """
    return bool(minor_status(membership))


def minor_map(memberships) -> dict[int, bool]:
    """{membership id: is minor} for many memberships (select_related user__profile, community)."""
    return {membership.pk: is_minor(membership) for membership in memberships}


def age_on_today(membership) -> int | None:
    profile = _profile(membership.user)
    if profile is None:
        return None
    if profile.date_of_birth is not None:
        return domain.age_on(profile.date_of_birth, timezone.localdate())
    band = domain.age_band_range(profile.age_band) if profile.age_band else None
    return band[0] if band else None


def needs_parental_consent(membership) -> bool:
    """The community asks for consent and the member is younger than its consent age."""
    settings = safety_settings_for(membership.community)
    if not settings.parental_consent_required:
        return False
    age = age_on_today(membership)
    # Unknown age in a community that asks for consent: ask for it (the safe side).
    return age is None or age < settings.parental_consent_below_age


def has_parental_consent(membership) -> bool:
    return membership.parental_consents.filter(withdrawn_at__isnull=True).exists()

"""The hard rules for one pair, checked on every path that creates a proposal (rounds, picks,
manual proposals, the next best after an expiry). The engine applies the same rules in bulk;
this is the second lock on the door, so a pair that breaks one is never proposed."""

from django.utils import timezone
from django.utils.translation import gettext as _

from ayni.communities.models import Membership
from ayni.people.models import MeetingMode, Profile
from ayni.support import capacity, integrations


def _profile(membership) -> Profile:
    try:
        return membership.user.profile
    except Profile.DoesNotExist:
        return Profile(user=membership.user)


def seeker_languages(request) -> set[str]:
    profile = _profile(request.seeker)
    return {request.language, *(profile.languages or [])} - {""}


def shared_topics(request, supporter) -> list:
    wanted = list(request.topics.all())
    lived = set(supporter.experiences.values_list("topic_id", flat=True))
    return [topic for topic in wanted if topic.pk in lived]


def modes_compatible(seeker_mode: str, seeker_city: str, supporter_mode: str, supporter_city: str) -> bool:
    online = {MeetingMode.ONLINE, MeetingMode.EITHER}
    in_person = {MeetingMode.IN_PERSON, MeetingMode.EITHER}
    if seeker_mode in online and supporter_mode in online:
        return True
    return (seeker_mode in in_person and supporter_mode in in_person and bool(seeker_city)
            and seeker_city.strip().casefold() == (supporter_city or "").strip().casefold())


def pair_problems(request, supporter: Membership) -> list[str]:
    """Translated sentences, one per hard rule the pair breaks; empty when the pair is allowed."""
    from ayni.support.services import settings_for

    seeker = request.seeker
    problems = []
    if supporter.community_id != request.community_id:
        return [_("The supporter is not in this community.")]
    if supporter.pk == seeker.pk or supporter.user_id == seeker.user_id:
        return [_("Nobody can be proposed to support themself.")]
    if supporter.status != Membership.Status.ACTIVE or not supporter.is_supporter:
        problems.append(_("The supporter is not an active supporter."))
    if supporter.is_away(timezone.localdate()):
        problems.append(_("The supporter is away."))
    eligibility = integrations.eligibility_map([supporter]).get(supporter.pk)
    if eligibility is None or not eligibility.eligible:
        problems.append(_("The supporter has not completed the training and checks."))
    seeker_profile, supporter_profile = _profile(seeker), _profile(supporter)
    if not seeker_languages(request) & set(supporter_profile.languages or []):
        problems.append(_("They share no language."))
    if not shared_topics(request, supporter):
        problems.append(_("The supporter has no lived experience in the topics asked about."))
    if not modes_compatible(request.mode, seeker_profile.city, supporter_profile.meeting_mode,
                            supporter_profile.city):
        problems.append(_("They cannot meet: not both online, nor both in person in the same city."))
    seeker_minor, supporter_minor = integrations.is_minor(seeker), integrations.is_minor(supporter)
    if seeker_minor and not (eligibility is not None and eligibility.may_support_minors):
        problems.append(_("A minor can only be supported by someone with a valid background check or "
                          "the school's approval."))
    if supporter_minor and not seeker_minor:
        problems.append(_("An adult cannot be supported by a minor."))
    if integrations.is_blocked(seeker.user, supporter.user):
        problems.append(_("One of them has blocked the other."))
    settings = settings_for(request.community)
    if settings.avoid_same_group and seeker.group and seeker.group == supporter.group:
        problems.append(_("They are in the same team, class or area, which this community avoids."))
    if settings.avoid_reporting_line and (seeker.reports_to_id == supporter.pk
                                          or supporter.reports_to_id == seeker.pk):
        problems.append(_("One reports to the other, which this community avoids."))
    if frozenset((seeker.pk, supporter.pk)) in integrations.ended_badly_pairs(request.community):
        problems.append(_("An earlier relationship between them ended badly."))
    try:
        if integrations.people_are_matched(community=request.community, first=seeker.user, second=supporter.user):
            problems.append(_("They are already in a relationship."))
    except ImportError:
        pass
    if capacity.free_places(supporter) <= 0:
        problems.append(_("The supporter has no free place."))
    return problems

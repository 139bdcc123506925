"""Grouping waiting seekers into circles.

Uses the matching engine's `form_circles` when it is installed; otherwise groups here by
topic, then language, then weekly availability (greedy: each group grows with the seeker who
keeps the most shared time slots). The page says which one was used.
"""

from dataclasses import dataclass, field

from ayni.circles.models import Circle, CircleMembership
from ayni.communities.models import Membership
from ayni.messaging import integrations
from ayni.people.domain import SLOTS, slot_mask


@dataclass
class Candidate:
    membership_id: int
    name: str
    topic_ids: list[int]
    languages: list[str]
    availability: int  # bit mask of people.domain.SLOTS
    mode: str = "either"
    city: str = ""
    minor: bool = False
    waiting_since: object = None


@dataclass
class ProposedCircle:
    topic_id: int
    language: str
    membership_ids: list[int]
    shared_slots: list[str] = field(default_factory=list)
    facilitator_id: int | None = None
    place: str = ""


@dataclass
class Forming:
    proposals: list[ProposedCircle]
    waiting: dict[int, str]  # membership id -> why they are not in a group
    method: str  # "engine" or "fallback"


def waiting_seekers(community) -> list[Candidate]:
    """Active seekers with needs, not yet in (or asking to join) a circle, nor in an ongoing relationship."""
    in_circles = set(CircleMembership.objects.filter(
        circle__community=community, circle__status__in=[Circle.Status.FORMING, Circle.Status.ACTIVE],
        status__in=[CircleMembership.Status.ACCEPTED, CircleMembership.Status.REQUESTED],
    ).values_list("membership_id", flat=True))
    in_relationships = _in_relationships(community)
    memberships = (
        Membership.objects.filter(community=community, status=Membership.Status.ACTIVE, is_seeker=True)
        .exclude(pk__in=in_circles | in_relationships)
        .select_related("user", "user__profile")
        .prefetch_related("needs")
        .order_by("requested_at", "pk")
    )
    default_languages = list(community.languages or ["es"])
    candidates = []
    for membership in memberships:
        topics = [need.topic_id for need in membership.needs.all()]
        if not topics:
            continue
        profile = getattr(membership.user, "profile", None)
        languages = [code for code in (getattr(profile, "languages", None) or []) if code in ("es", "en")]
        candidates.append(Candidate(
            membership_id=membership.pk, name=membership.user.display_name, topic_ids=topics,
            languages=languages or default_languages[:1],
            availability=slot_mask(getattr(profile, "availability", None) or []),
            mode={"in_person": "in-person"}.get(getattr(profile, "meeting_mode", ""), getattr(profile, "meeting_mode", "")
                                                 or "either"),
            city=getattr(profile, "city", "") or "", minor=integrations.is_minor(membership),
            waiting_since=membership.joined_at.date() if membership.joined_at else None,
        ))
    return candidates


def _in_relationships(community) -> set[int]:
    try:
        from ayni.relationships.models import Relationship
    except ImportError:
        return set()
    ongoing = Relationship.objects.filter(community=community, status__in=["proposed", "active", "paused", "closing"])
    return set(ongoing.values_list("seeker_id", flat=True))


def _slots(mask: int) -> list[str]:
    return [slot for index, slot in enumerate(SLOTS) if mask & (1 << index)]


def group_fallback(candidates: list[Candidate], *, topic_order: list[int], min_size: int, max_size: int) -> Forming:
    placed: set[int] = set()
    proposals: list[ProposedCircle] = []
    for topic_id in topic_order:
        for language in ("es", "en"):
            pool = [c for c in candidates if c.membership_id not in placed and topic_id in c.topic_ids
                    and language in c.languages]
            while len(pool) >= min_size:
                pool.sort(key=lambda c: (-bin(c.availability).count("1"), c.membership_id))
                group = [pool.pop(0)]
                shared = group[0].availability
                while pool and len(group) < max_size:
                    best = max(pool, key=lambda c: (bin(shared & c.availability).count("1") if shared else 0,
                                                    -c.membership_id))
                    if shared and not shared & best.availability:
                        break  # nobody left who shares a time slot
                    pool.remove(best)
                    group.append(best)
                    if best.availability:
                        shared = shared & best.availability if shared else best.availability
                if len(group) < min_size:
                    break
                placed.update(c.membership_id for c in group)
                proposals.append(ProposedCircle(topic_id=topic_id, language=language,
                                                membership_ids=[c.membership_id for c in group],
                                                shared_slots=_slots(shared)))
    waiting = {c.membership_id: "no_group" for c in candidates if c.membership_id not in placed}
    return Forming(proposals=proposals, waiting=waiting, method="fallback")


def propose_circles(community, *, min_size: int = 4, max_size: int = 8, topic=None) -> Forming:
    candidates = waiting_seekers(community)
    topics = list(community.topics.filter(is_archived=False).order_by("position", "pk").values_list("pk", flat=True))
    if topic is not None:
        topics = [topic.pk]
    engine = integrations.form_circles_engine()
    if engine is not None:
        try:
            return _with_engine(engine, candidates, community, topics=topics, min_size=min_size, max_size=max_size)
        except Exception:
            integrations.logger.exception("matching's form_circles failed; grouping by topic, language and availability")
    return group_fallback(candidates, topic_order=topics, min_size=min_size, max_size=max_size)


def _membership_key(membership_id: int) -> str:
    # One id space for seekers and facilitators, so nobody facilitates their own circle.
    return f"m{membership_id}"


def _with_engine(engine, candidates, community, *, topics, min_size, max_size) -> Forming:
    """ayni.matching.engine.form_circles with the community's eligible supporters as facilitators
    (built by ayni.support.matching, which applies training, capacity and away rules)."""
    from ayni.matching.engine import Seeker
    from ayni.support.matching import build_supporters

    key_of = dict(community.topics.values_list("pk", "key"))
    id_of = {key: pk for pk, key in key_of.items()}
    wanted = set(topics)
    seekers = [
        Seeker(id=_membership_key(c.membership_id), name=c.name, languages=c.languages,
               topics=[key_of[t] for t in c.topic_ids if t in wanted and t in key_of],
               availability=_slots(c.availability), mode=c.mode or "either", city=c.city, minor=c.minor,
               waiting_since=c.waiting_since)
        for c in candidates
    ]
    facilitators = build_supporters(community)
    forbidden = set()
    try:
        from ayni.safety.selectors import blocked_user_pairs

        membership_of_user = dict(Membership.objects.filter(community=community).values_list("user_id", "pk"))
        for pair in blocked_user_pairs(community):
            first, second = (membership_of_user.get(user_id) for user_id in pair)
            if first and second:
                forbidden |= {(_membership_key(first), _membership_key(second)),
                              (_membership_key(second), _membership_key(first))}
    except ImportError:
        pass
    result = engine(seekers, facilitators, min_size=min_size, max_size=max_size, forbidden_pairs=forbidden)
    proposals = []
    placed: set[int] = set()
    by_id = {c.membership_id: c for c in candidates}
    for circle in result.circles:
        ids = [int(str(key)[1:]) for key in circle.seeker_ids]
        shared = 0
        for member_id in ids:
            mask = by_id[member_id].availability
            shared = shared & mask if shared else mask
        placed.update(ids)
        proposals.append(ProposedCircle(
            topic_id=id_of[circle.topic], language=circle.language, membership_ids=ids,
            shared_slots=[circle.slot] if circle.slot else _slots(shared),
            facilitator_id=int(str(circle.facilitator_id)[1:]) if circle.facilitator_id else None,
            place=circle.place,
        ))
    waiting = {c.membership_id: "no_group" for c in candidates if c.membership_id not in placed}
    return Forming(proposals=proposals, waiting=waiting, method="engine")

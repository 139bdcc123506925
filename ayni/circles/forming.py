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


@dataclass
class ProposedCircle:
    topic_id: int
    language: str
    membership_ids: list[int]
    shared_slots: list[str] = field(default_factory=list)


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
            return _with_engine(engine, candidates, topics=topics, min_size=min_size, max_size=max_size)
        except Exception:
            integrations.logger.exception("matching's form_circles failed; grouping by topic, language and availability")
    return group_fallback(candidates, topic_order=topics, min_size=min_size, max_size=max_size)


def _with_engine(engine, candidates, *, topics, min_size, max_size) -> Forming:
    """Adapter for ayni.matching.engine.form_circles (see its docstring)."""
    from ayni.matching.engine import Seeker

    seekers = [Seeker(id=c.membership_id, topics=frozenset(c.topic_ids), languages=frozenset(c.languages),
                      availability=c.availability) for c in candidates]
    groups = engine(seekers, min_size=min_size, max_size=max_size)
    proposals = []
    placed = set()
    by_id = {c.membership_id: c for c in candidates}
    for group in groups:
        ids = [int(i) for i in getattr(group, "seeker_ids", getattr(group, "members", []))]
        topic_id = getattr(group, "topic", None) or getattr(group, "topic_id", None)
        if topic_id not in topics:
            continue
        language = getattr(group, "language", "") or by_id[ids[0]].languages[0]
        shared = 0
        for member_id in ids:
            mask = by_id[member_id].availability
            shared = shared & mask if shared else mask
        placed.update(ids)
        proposals.append(ProposedCircle(topic_id=topic_id, language=language, membership_ids=ids, shared_slots=_slots(shared)))
    waiting = {c.membership_id: "no_group" for c in candidates if c.membership_id not in placed}
    return Forming(proposals=proposals, waiting=waiting, method="engine")

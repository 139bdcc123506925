"""Circles: groups of 4 to 8 waiting seekers who share a topic, a language and a time."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from .model import SLOTS, Reason, Seeker, Supporter


@dataclass(frozen=True, slots=True)
class Circle:
    """A proposed circle: its topic, language, weekly slot ("" when anyone can meet
    whenever), where it meets ("online" or a city), members and facilitator."""

    topic: str
    language: str
    slot: str
    place: str
    seeker_ids: tuple[str, ...]
    facilitator_id: str
    reasons: tuple[Reason, ...] = ()


@dataclass(slots=True)
class CirclesResult:
    circles: list[Circle]
    unplaced: dict[str, Reason] = field(default_factory=dict)


def _place(person: Seeker | Supporter) -> list[str]:
    places = []
    if person.online:
        places.append("online")
    if person.in_person and person.city:
        places.append(person.city.strip().casefold())
    return places


def form_circles(
    seekers: Sequence[Seeker],
    facilitators: Sequence[Supporter],
    *,
    min_size: int = 4,
    max_size: int = 8,
    forbidden_pairs: Iterable[tuple[str, str]] = (),
    today: date | None = None,
) -> CirclesResult:
    """Group seekers into circles of ``min_size`` to ``max_size`` with a facilitator.

    Greedy and deterministic: the largest group of still-waiting seekers sharing a topic,
    a language, a weekly slot and a place (online or a city) becomes circles first (split
    evenly when larger than ``max_size``); seekers who waited longest go first. A
    facilitator must be eligible, have a free place (one per circle), share the topic and
    language, be free at the slot, be able to meet at the place, be vetted when the
    members are minors, and not be excluded by any member (or exclude one). Minors and
    adults are never mixed.
    """
    if min_size < 2 or max_size < min_size:
        raise ValueError("circle sizes need 2 <= min_size <= max_size")
    today = today or date.today()
    forbidden = {(str(a), str(b)) for a, b in forbidden_pairs}
    people = sorted(seekers, key=lambda s: s.id)
    facilitators = sorted(facilitators, key=lambda f: f.id)
    places_left = {f.id: max(0, f.capacity) if f.eligible else 0 for f in facilitators}
    groups: dict[tuple, set[str]] = defaultdict(set)
    by_id = {s.id: s for s in people}
    for seeker in people:
        slots = sorted(seeker.availability) or [""]
        for topic in seeker.topics:
            for language in seeker.languages:
                for slot in slots:
                    for place in _place(seeker):
                        groups[(topic, language, slot, place, seeker.minor)].add(seeker.id)
    placed: set[str] = set()
    circles: list[Circle] = []
    dead: set[tuple] = set()

    def order(seeker_id: str) -> tuple:
        waiting = by_id[seeker_id].waiting_since or today
        return (waiting, seeker_id)

    def facilitator_for(key: tuple, members: list[str]) -> Supporter | None:
        topic, language, slot, place, minor = key
        best = None
        for person in facilitators:
            if places_left[person.id] <= 0 or person.id in members:
                continue
            if topic not in person.topics or language not in person.languages:
                continue
            if slot and person.availability and slot not in person.availability:
                continue
            if place not in _place(person):
                continue
            if (minor and not person.vetted) or (not minor and person.minor):
                continue
            if any(
                person.id in by_id[m].exclude or m in person.exclude or (m, person.id) in forbidden
                for m in members
            ):
                continue
            years = person.years_in(topic, today) or 0.0
            if best is None or years > best[0]:
                best = (years, person)
        return best[1] if best else None

    while True:
        live = [
            (key, sorted(ids - placed, key=order))
            for key, ids in groups.items()
            if key not in dead and len(ids - placed) >= min_size
        ]
        if not live:
            break
        key, waiting = min(live, key=lambda item: (-len(item[1]), item[0]))
        count = math.ceil(len(waiting) / max_size)
        size = math.ceil(len(waiting) / count)
        members = waiting[:size]
        facilitator = facilitator_for(key, members)
        if facilitator is None:
            dead.add(key)
            continue
        places_left[facilitator.id] -= 1
        placed.update(members)
        topic, language, slot, place, _ = key
        circles.append(
            Circle(
                topic=topic,
                language=language,
                slot=slot,
                place=place,
                seeker_ids=tuple(sorted(members)),
                facilitator_id=facilitator.id,
                reasons=(
                    Reason("topics", {"topic": topic, "gender": facilitator.gender[:1].lower()}),
                    Reason("languages", {"languages": [language]}),
                    *([Reason("availability", {"slots": [slot]})] if slot in SLOTS else []),
                ),
            )
        )
    unplaced = {}
    for seeker in people:
        if seeker.id in placed:
            continue
        sizes = [len(ids - placed) for key, ids in groups.items() if seeker.id in ids]
        code = "no_facilitator" if any(n >= min_size for n in sizes) else "too_few_for_circle"
        unplaced[seeker.id] = Reason(
            code, {"topics": sorted(seeker.topics), "languages": sorted(seeker.languages)}
        )
    return CirclesResult(circles=circles, unplaced=unplaced)

"""Reasons as data: why a pair was proposed, why a seeker stayed unmatched."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .model import SLOTS, Reason

if TYPE_CHECKING:
    from .core import _Problem


_ONLINE = Reason("online")
_AGE = Reason("age")
_GENDER = Reason("gender")
_FREE = Reason("load", {"people": 0})


def pair_reasons(
    problem: _Problem, si: np.ndarray, pj: np.ndarray, parts: dict
) -> list[tuple[Reason, ...]]:
    """The reasons of each pair, the most telling first."""
    s, index = problem.s, problem.index
    out: list[tuple[Reason, ...]] = []
    none = (np.zeros(len(si)), np.zeros(len(si), dtype=bool))

    def column(values) -> list:
        return np.broadcast_to(values, si.shape).tolist()

    text_value, text_applies = (column(x) for x in parts["text"])
    area_value, area_applies = (column(x) for x in parts["area"])
    age_value, age_applies = (column(x) for x in parts.get("age", none))
    gender_value, gender_applies = (column(x) for x in parts.get("gender", none))
    recip_value = column(parts.get("reciprocity", none)[0])
    shared_slots = (s.availability[si] & index.availability[pj]).tolist()
    topic_cache: dict[tuple[int, str], Reason] = {}
    language_cache: dict[frozenset, Reason] = {}
    prefer_group = problem.same_group == "prefer"
    today = index.today
    for n, (i, j) in enumerate(zip(si.tolist(), pj.tolist(), strict=True)):
        seeker = s.seekers[i]
        supporter = index.supporters[j]
        reasons: list[Reason] = []
        for topic in sorted(seeker.topics & supporter.topics)[:2]:
            reason = topic_cache.get((j, topic))
            if reason is None:
                years = supporter.years_in(topic, today)
                params: dict = {"topic": topic, "gender": supporter.gender.strip().lower()[:1]}
                if years is not None:
                    params["years"] = round(years, 1)
                reason = topic_cache[(j, topic)] = Reason("topics", params)
            reasons.append(reason)
        languages = seeker.languages & supporter.languages
        reason = language_cache.get(languages)
        if reason is None:
            reason = language_cache[languages] = Reason(
                "languages", {"languages": sorted(languages)}
            )
        reasons.append(reason)
        if text_applies[n] and text_value[n] >= 0.3:
            reasons.append(Reason("text", {"similarity": round(float(text_value[n]), 2)}))
        mask = shared_slots[n]
        if mask:
            slots = []
            while mask and len(slots) < 3:
                low = mask & -mask
                slots.append(SLOTS[low.bit_length() - 1])
                mask ^= low
            reasons.append(Reason("availability", {"slots": slots}))
        if seeker.online and supporter.online:
            reasons.append(_ONLINE)
        elif area_applies[n] and area_value[n] > 0:
            reasons.append(Reason("same_area", {"area": supporter.area or seeker.area}))
        else:
            reasons.append(Reason("same_city", {"city": supporter.city or seeker.city}))
        if age_applies[n] and age_value[n] >= 0.75:
            reasons.append(_AGE)
        if gender_applies[n] and gender_value[n] > 0:
            reasons.append(_GENDER)
        if supporter.load == 0:
            reasons.append(_FREE)
        if seeker.waiting_since is not None:
            days = (today - seeker.waiting_since).days
            if days >= 14:
                reasons.append(Reason("waiting", {"days": days}))
        if recip_value[n] > 0:
            offered = sorted((seeker.can_support - seeker.topics) & supporter.wants_topics)
            reasons.append(Reason("reciprocity", {"topic": offered[0]}))
        if (
            prefer_group
            and seeker.group
            and seeker.group.strip().casefold() == supporter.group.strip().casefold()
        ):
            reasons.append(Reason("same_group", {"group": supporter.group}))
        out.append(tuple(reasons))
    return out


def unmatched_reason(problem: _Problem, i: int) -> Reason:
    """Why seeker row ``i`` has no pair: the first hard rule that left nobody."""
    s, index = problem.s, problem.index
    seeker = s.seekers[i]
    languages = sorted(seeker.languages)
    topics = sorted(seeker.topics)
    if len(problem.block_feasible[problem.block_of[i]]):
        personal = problem.has_exclusions[i] or (
            problem.same_group == "forbid" and problem.s.group[i] >= 0
        )
        if not personal or len(problem.feasible(i)):
            return Reason("places_taken", {"topics": topics, "languages": languages})
        return Reason("all_excluded", {"topics": topics, "languages": languages})
    if not len(index):
        return Reason("no_eligible_supporter")
    speaks = (index.language_masks & s.language_masks[i]).any(axis=1)
    if not speaks.any():
        return Reason("no_language", {"languages": languages})
    both = speaks & (index.topic_masks & s.topic_masks[i]).any(axis=1)
    if not both.any():
        return Reason("no_topic_language", {"topics": topics, "languages": languages})
    both &= index.eligible
    if not both.any():
        return Reason("no_trained", {"topics": topics, "languages": languages})
    both &= index.capacity > 0
    if not both.any():
        return Reason("no_free_places", {"topics": topics, "languages": languages})
    if seeker.minor and not (both & index.vetted).any():
        return Reason("no_vetted_for_minor", {"topics": topics, "languages": languages})
    if not seeker.minor and not (both & ~index.minor).any():
        return Reason("no_adult", {"topics": topics, "languages": languages})
    return Reason(
        "no_mode",
        {"mode": seeker.mode, "city": seeker.city, "topics": topics, "languages": languages},
    )

"""Candidates, scores and the exact solve.

The supporters become arrays once (``SupporterIndex``); seekers are grouped into blocks that
share what the hard rules look at (topics, languages, mode, city, minor), so the feasible
supporters of a block are found once with array operations from an index by topic. Scores
are computed for whole blocks at a time, the best ``k`` per seeker are kept, a min-cost
flow (OR-Tools) finds the largest number of pairs and, among those, the highest total score,
and a repair step searches the complete feasible graph for an augmenting path so that the
pruning never costs a seeker who could have been matched.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
from scipy import sparse

from . import text as textlib
from .model import SAME_GROUP_CHOICES, SLOTS, Seeker, Supporter, Weights

SCALE = 10_000  # integer score units: 100.00 points
Progress = Callable[[str, float], None]

_SLOT_BIT = {slot: 1 << i for i, slot in enumerate(SLOTS)}


def _slots_mask(slots: Iterable[str]) -> int:
    mask = 0
    for slot in slots:
        mask |= _SLOT_BIT[slot]
    return mask


def _popcount(values: np.ndarray) -> np.ndarray:
    return np.bitwise_count(values)


class _Vocabulary:
    """Maps keys (languages, topics) to bits of a few uint64 words."""

    def __init__(self, keys: Iterable[str]) -> None:
        self.index = {key: i for i, key in enumerate(sorted(set(keys)))}
        self.words = max(1, (len(self.index) + 63) // 64)

    def mask(self, keys: Iterable[str]) -> np.ndarray:
        mask = np.zeros(self.words, dtype=np.uint64)
        for key in keys:
            i = self.index.get(key)
            if i is not None:
                mask[i // 64] |= np.uint64(1 << (i % 64))
        return mask

    def masks(self, key_sets: Sequence[Iterable[str]]) -> np.ndarray:
        out = np.zeros((len(key_sets), self.words), dtype=np.uint64)
        for row, keys in enumerate(key_sets):
            for key in keys:
                i = self.index.get(key)
                if i is not None:
                    out[row, i // 64] |= np.uint64(1 << (i % 64))
        return out


def _overlaps(masks: np.ndarray, mask: np.ndarray) -> np.ndarray:
    return (masks & mask).any(axis=1)


def _shared_count(masks: np.ndarray, mask: np.ndarray) -> np.ndarray:
    return _popcount(masks & mask).sum(axis=1)


def _ids_unique(people: Sequence[Seeker | Supporter], what: str) -> None:
    seen: set[str] = set()
    for person in people:
        if person.id in seen:
            raise ValueError(f"{what} id {person.id!r} appears twice")
        seen.add(person.id)


class SupporterIndex:
    """Supporters as arrays plus an index by topic; build once and reuse (``suggest``).

    ``text_model`` is the TF-IDF model used for the free texts; by default it is fitted on
    the supporters' experience texts (plus ``extra_texts``, for example the seekers').
    """

    def __init__(
        self,
        supporters: Iterable[Supporter],
        *,
        today: date | None = None,
        extra_terms: Iterable[Sequence[str]] = (),
    ) -> None:
        people = sorted(supporters, key=lambda p: p.id)
        _ids_unique(people, "supporter")
        self.today = today or date.today()
        self.supporters = people
        self.ids = [p.id for p in people]
        self.position = {p.id: i for i, p in enumerate(people)}
        n = len(people)
        self.languages = _Vocabulary(lang for p in people for lang in p.languages)
        self.topics = _Vocabulary(t for p in people for t in p.topics)
        self.language_masks = self.languages.masks([p.languages for p in people])
        self.topic_masks = self.topics.masks([p.topics for p in people])
        self.wants_masks = self.topics.masks([p.wants_topics for p in people])
        self.availability = np.array([_slots_mask(p.availability) for p in people], dtype=np.uint32)
        self.online = np.array([p.online for p in people], dtype=bool)
        self.in_person = np.array([p.in_person for p in people], dtype=bool)
        self.cities = _Codes()
        self.city = self.cities.encode([_place(p.city) for p in people])
        self.areas = _Codes()
        self.area = self.areas.encode([_place(p.area) for p in people])
        self.groups = _Codes()
        self.group = self.groups.encode([p.group.strip().casefold() for p in people])
        self.genders = _Codes()
        self.gender = self.genders.encode([p.gender.strip().casefold() for p in people])
        self.age = np.array([p.age if p.age is not None else -1 for p in people], dtype=np.int32)
        self.minor = np.array([p.minor for p in people], dtype=bool)
        self.vetted = np.array([p.vetted for p in people], dtype=bool)
        self.eligible = np.array([p.eligible for p in people], dtype=bool)
        self.capacity = np.array([max(0, p.capacity) for p in people], dtype=np.int64)
        self.load_part = 1.0 / (1.0 + np.array([max(0, p.load) for p in people], dtype=np.float32))
        self.available = self.eligible & (self.capacity > 0)
        # Years since the experience, per topic (NaN when unknown or not lived).
        self.years = np.full((n, max(1, len(self.topics.index))), np.nan, dtype=np.float32)
        for i, p in enumerate(people):
            for topic in p.topics:
                years = p.years_in(topic, self.today)
                if years is not None:
                    self.years[i, self.topics.index[topic]] = years
        # Index: available supporters by topic.
        by_topic: dict[int, list[int]] = defaultdict(list)
        for i, p in enumerate(people):
            if self.available[i]:
                for topic in p.topics:
                    by_topic[self.topics.index[topic]].append(i)
        self.by_topic = {t: np.array(rows, dtype=np.int64) for t, rows in by_topic.items()}
        # Who excludes whom (supporter side), by seeker id.
        self.excluded_by: dict[str, list[int]] = defaultdict(list)
        self.reports_to: dict[str, list[int]] = defaultdict(list)
        for i, p in enumerate(people):
            for other in p.exclude:
                self.excluded_by[other].append(i)
            if p.reports_to:
                self.reports_to[p.reports_to].append(i)
        self.terms = [
            p.terms if p.terms is not None else textlib.terms(p.experience) for p in people
        ]
        self.text_model = textlib.TextModel([*self.terms, *extra_terms])
        self.text_vectors = self.text_model.vectors(self.terms)
        self.has_text = np.diff(self.text_vectors.indptr) > 0

    def __len__(self) -> int:
        return len(self.supporters)


def _place(value: str) -> str:
    return textlib.fold(value).strip()


class _Codes:
    """Small integer codes for strings; the empty string is -1."""

    def __init__(self) -> None:
        self.codes: dict[str, int] = {}

    def encode(self, values: Iterable[str]) -> np.ndarray:
        return np.array([self.code(v) for v in values], dtype=np.int32)

    def code(self, value: str) -> int:
        if not value:
            return -1
        return self.codes.setdefault(value, len(self.codes))

    def lookup(self, value: str) -> int:
        if not value:
            return -1
        return self.codes.get(value, -2)


@dataclass(slots=True)
class _SeekerArrays:
    seekers: list[Seeker]
    ids: list[str]
    language_masks: np.ndarray
    topic_masks: np.ndarray
    can_support_masks: np.ndarray
    availability: np.ndarray
    online: np.ndarray
    in_person: np.ndarray
    city: np.ndarray
    area: np.ndarray
    group: np.ndarray
    gender: np.ndarray
    age: np.ndarray
    minor: np.ndarray
    prefers_age: np.ndarray
    prefers_gender: np.ndarray
    waiting_part: np.ndarray
    text_vectors: sparse.csr_matrix
    has_text: np.ndarray


def _seeker_arrays(
    seekers: list[Seeker], index: SupporterIndex, weights: Weights, seeker_terms
) -> _SeekerArrays:
    today = index.today
    waiting = np.array(
        [
            min(1.0, max(0, (today - s.waiting_since).days) / weights.waiting_full_days)
            if s.waiting_since
            else 0.0
            for s in seekers
        ],
        dtype=np.float32,
    )
    vectors = index.text_model.vectors(seeker_terms)
    return _SeekerArrays(
        seekers=seekers,
        ids=[s.id for s in seekers],
        language_masks=index.languages.masks([s.languages for s in seekers]),
        topic_masks=index.topics.masks([s.topics for s in seekers]),
        can_support_masks=index.topics.masks([s.can_support for s in seekers]),
        availability=np.array([_slots_mask(s.availability) for s in seekers], dtype=np.uint32),
        online=np.array([s.online for s in seekers], dtype=bool),
        in_person=np.array([s.in_person for s in seekers], dtype=bool),
        city=np.array([index.cities.lookup(_place(s.city)) for s in seekers], dtype=np.int32),
        area=np.array([index.areas.lookup(_place(s.area)) for s in seekers], dtype=np.int32),
        group=np.array(
            [index.groups.lookup(s.group.strip().casefold()) for s in seekers], dtype=np.int32
        ),
        gender=np.array(
            [index.genders.lookup(s.gender.strip().casefold()) for s in seekers], dtype=np.int32
        ),
        age=np.array([s.age if s.age is not None else -1 for s in seekers], dtype=np.int32),
        minor=np.array([s.minor for s in seekers], dtype=bool),
        prefers_age=np.array([s.prefers_similar_age for s in seekers], dtype=bool),
        prefers_gender=np.array([s.prefers_same_gender for s in seekers], dtype=bool),
        waiting_part=waiting,
        text_vectors=vectors,
        has_text=np.diff(vectors.indptr) > 0,
    )


class _Problem:
    """One matching problem: the seekers against a ``SupporterIndex``."""

    def __init__(
        self,
        seekers: Sequence[Seeker],
        index: SupporterIndex,
        *,
        weights: Weights,
        forbidden_pairs: Iterable[tuple[str, str]],
        same_group: str,
        seeker_terms: Sequence[Sequence[str]] | None = None,
    ) -> None:
        if same_group not in SAME_GROUP_CHOICES:
            raise ValueError(f"same_group must be one of {', '.join(SAME_GROUP_CHOICES)}")
        people = sorted(seekers, key=lambda s: s.id)
        _ids_unique(people, "seeker")
        self.index = index
        self.weights = weights
        self.same_group = same_group
        if seeker_terms is None:
            seeker_terms = [
                s.terms if s.terms is not None else textlib.terms(s.about) for s in people
            ]
        self.s = _seeker_arrays(people, index, weights, seeker_terms)
        self.position = {s.id: i for i, s in enumerate(people)}
        # Per-seeker exclusions (supporter rows), from every source.
        excluded: dict[int, set[int]] = defaultdict(set)
        for i, seeker in enumerate(people):
            rows = excluded[i]
            for other in seeker.exclude:
                j = index.position.get(other)
                if j is not None:
                    rows.add(j)
            rows.update(index.excluded_by.get(seeker.id, ()))
            j = index.position.get(seeker.id)
            if j is not None:
                rows.add(j)  # nobody supports themself
            if same_group == "forbid":
                # A reporting line is a conflict of interest, like the same group.
                j = index.position.get(seeker.reports_to) if seeker.reports_to else None
                if j is not None:
                    rows.add(j)
                rows.update(index.reports_to.get(seeker.id, ()))
            if not rows:
                del excluded[i]
        for seeker_id, supporter_id in forbidden_pairs:
            i = self.position.get(str(seeker_id))
            j = index.position.get(str(supporter_id))
            if i is not None and j is not None:
                excluded[i].add(j)
        self.excluded = {i: np.array(sorted(rows), dtype=np.int64) for i, rows in excluded.items()}
        self._blocks()

    # -- hard rules -------------------------------------------------------------------
    def _blocks(self) -> None:
        """Group seekers by what the hard rules look at; feasible supporters per block."""
        s = self.s
        keys: dict[tuple, int] = {}
        block_of = np.empty(len(s.ids), dtype=np.int64)
        for i in range(len(s.ids)):
            key = (
                s.topic_masks[i].tobytes(),
                s.language_masks[i].tobytes(),
                bool(s.online[i]),
                int(s.city[i]) if s.in_person[i] else -3,
                bool(s.minor[i]),
            )
            block_of[i] = keys.setdefault(key, len(keys))
        self.block_of = block_of
        order = np.argsort(block_of, kind="stable")
        bounds = np.searchsorted(block_of[order], np.arange(len(keys) + 1))
        self.block_members = [order[bounds[b] : bounds[b + 1]] for b in range(len(keys))]
        self.block_feasible = [self._feasible_for(members[0]) for members in self.block_members]

    def _feasible_for(self, i: int) -> np.ndarray:
        """Supporter rows that pass every block-level hard rule for seeker ``i``."""
        index, s = self.index, self.s
        topic_mask = s.topic_masks[i]
        topic_rows = [index.by_topic[t] for t in _bits(topic_mask) if t in index.by_topic]
        if not topic_rows:
            return np.empty(0, dtype=np.int64)
        rows = topic_rows[0] if len(topic_rows) == 1 else np.unique(np.concatenate(topic_rows))
        ok = _overlaps(index.language_masks[rows], s.language_masks[i])
        mode_ok = np.zeros(len(rows), dtype=bool)
        if s.online[i]:
            mode_ok |= index.online[rows]
        if s.in_person[i] and s.city[i] >= 0:
            mode_ok |= index.in_person[rows] & (index.city[rows] == s.city[i])
        ok &= mode_ok
        if s.minor[i]:
            ok &= index.vetted[rows]
        else:
            ok &= ~index.minor[rows]
        return rows[ok]

    def feasible(self, i: int) -> np.ndarray:
        """All supporter rows seeker ``i`` may be paired with (every hard rule)."""
        rows = self.block_feasible[self.block_of[i]]
        excluded = self.excluded.get(i)
        if excluded is not None and len(rows):
            rows = rows[~np.isin(rows, excluded)]
        if self.same_group == "forbid" and self.s.group[i] >= 0 and len(rows):
            rows = rows[self.index.group[rows] != self.s.group[i]]
        return rows

    # -- scores -----------------------------------------------------------------------
    def scores(self, seeker_rows: np.ndarray, supporter_rows: np.ndarray) -> np.ndarray:
        """Integer scores (0..SCALE) for aligned arrays of seeker and supporter rows."""
        return self.parts(seeker_rows, supporter_rows)[0]

    def parts(
        self, si: np.ndarray, pj: np.ndarray, text: np.ndarray | None = None
    ) -> tuple[np.ndarray, dict[str, tuple[np.ndarray, np.ndarray]]]:
        """Scores and their parts {name: (value 0..1, applies)} for aligned row arrays."""
        w, s, p = self.weights, self.s, self.index
        n = len(si)
        ones = np.ones(n, dtype=bool)
        parts: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        seeker_topics = s.topic_masks[si]
        shared = _popcount(seeker_topics & p.topic_masks[pj]).sum(axis=1)
        asked = np.maximum(1, _popcount(seeker_topics).sum(axis=1))
        parts["topics"] = (shared / asked, ones)
        # Further along: the most years in a topic both share.
        years = np.where(_topic_matrix(seeker_topics, p.years.shape[1]), p.years[pj], np.nan)
        with np.errstate(all="ignore"):
            best = np.nanmax(np.where(np.isnan(years), -1.0, years), axis=1)
        parts["further_along"] = (np.clip(best / w.years_full, 0.0, 1.0), ones)
        if text is None:
            text = _row_dots(s.text_vectors, si, p.text_vectors, pj)
        parts["text"] = (np.minimum(1.0, text / w.text_full), s.has_text[si] & p.has_text[pj])
        sa, pa = s.availability[si], p.availability[pj]
        parts["availability"] = (
            _popcount(sa & pa) / np.maximum(1, _popcount(sa)),
            (sa > 0) & (pa > 0),
        )
        only_in_person = ~(s.online[si] & p.online[pj])
        parts["area"] = (
            ((s.area[si] == p.area[pj]) & (s.area[si] >= 0)).astype(float),
            only_in_person,
        )
        age_known = (s.age[si] >= 0) & (p.age[pj] >= 0)
        parts["age"] = (
            1.0 - np.minimum(1.0, np.abs(s.age[si] - p.age[pj]) / 20.0),
            s.prefers_age[si] & age_known,
        )
        parts["gender"] = (
            ((s.gender[si] == p.gender[pj]) & (s.gender[si] >= 0)).astype(float),
            s.prefers_gender[si] & (s.gender[si] >= 0) & (p.gender[pj] >= 0),
        )
        parts["load"] = (p.load_part[pj], ones)
        parts["waiting"] = (s.waiting_part[si], ones)
        parts["hard_to_match"] = (self.hard_part[si], ones)
        can_support = s.can_support_masks[si] & ~seeker_topics
        parts["reciprocity"] = (
            (can_support & p.wants_masks[pj]).any(axis=1).astype(float),
            can_support.any(axis=1),
        )
        if self.same_group == "prefer":
            parts["same_group"] = (
                ((s.group[si] == p.group[pj]) & (s.group[si] >= 0)).astype(float),
                s.group[si] >= 0,
            )
        numerator = np.zeros(n, dtype=np.float64)
        denominator = np.zeros(n, dtype=np.float64)
        for name, (value, applies) in parts.items():
            weight = getattr(w, name)
            if weight:
                numerator += np.where(applies, weight * value, 0.0)
                denominator += np.where(applies, weight, 0.0)
        with np.errstate(invalid="ignore", divide="ignore"):
            total = np.where(denominator > 0, numerator / denominator, 0.0)
        return np.rint(total * SCALE).astype(np.int64), parts

    # -- candidates -------------------------------------------------------------------
    def candidates(self, k: int, seekers: np.ndarray | None = None):
        """Edges (seeker rows, supporter rows, scores): the best ``k`` per seeker."""
        s_out: list[np.ndarray] = []
        p_out: list[np.ndarray] = []
        c_out: list[np.ndarray] = []
        rows = range(len(self.s.ids)) if seekers is None else seekers
        for i in rows:
            feasible = self.feasible(i)
            if not len(feasible):
                continue
            si = np.full(len(feasible), i, dtype=np.int64)
            score = self.scores(si, feasible)
            if len(feasible) > k:
                # Deterministic top k: highest score, then lowest supporter row.
                keep = np.lexsort((feasible, -score))[:k]
                feasible, score, si = feasible[keep], score[keep], si[keep]
            s_out.append(si)
            p_out.append(feasible)
            c_out.append(score)
        if not s_out:
            empty = np.empty(0, dtype=np.int64)
            return empty, empty, empty
        return np.concatenate(s_out), np.concatenate(p_out), np.concatenate(c_out)

    def prepare_fairness(self) -> None:
        """Hard-to-match part: seekers with few possible supporters get more."""
        counts = np.array([len(f) for f in self.block_feasible], dtype=np.float64)
        per_seeker = counts[self.block_of] if len(self.block_of) else counts
        self.feasible_count = per_seeker
        self.hard_part = np.where(
            per_seeker > 0, np.minimum(1.0, 5.0 / np.maximum(per_seeker, 1)), 0.0
        )


def _bits(mask: np.ndarray) -> list[int]:
    out = []
    for word_index, word in enumerate(mask.tolist()):
        while word:
            low = word & -word
            out.append(word_index * 64 + low.bit_length() - 1)
            word ^= low
    return out


def _topic_matrix(masks: np.ndarray, count: int) -> np.ndarray:
    """Boolean (n, count) matrix of which topics each mask holds."""
    bits = np.arange(count)
    words = masks[:, bits // 64]
    return ((words >> (bits % 64).astype(np.uint64)) & np.uint64(1)).astype(bool)


def _row_dots(
    a: sparse.csr_matrix, ai: np.ndarray, b: sparse.csr_matrix, bj: np.ndarray
) -> np.ndarray:
    if not len(ai) or a.shape[1] == 0:
        return np.zeros(len(ai), dtype=np.float64)
    return np.asarray(a[ai].multiply(b[bj]).sum(axis=1)).ravel()


# -- the flow ------------------------------------------------------------------------
def _min_cost_flow(
    edge_s: np.ndarray,
    edge_p: np.ndarray,
    edge_score: np.ndarray,
    n_seekers: int,
    capacity: np.ndarray,
) -> np.ndarray:
    """Chosen edge positions of a maximum flow of minimum cost (maximum total score)."""
    from ortools.graph.python import min_cost_flow

    if not len(edge_s):
        return np.empty(0, dtype=np.int64)
    seekers_used = np.unique(edge_s)
    supporters_used = np.unique(edge_p)
    n_a, n_b = len(seekers_used), len(supporters_used)
    source, sink = 0, 1 + n_a + n_b
    s_node = 1 + np.searchsorted(seekers_used, edge_s)
    p_node = 1 + n_a + np.searchsorted(supporters_used, edge_p)
    tails = np.concatenate([np.zeros(n_a, dtype=np.int64), s_node, 1 + n_a + np.arange(n_b)])
    heads = np.concatenate([1 + np.arange(n_a), p_node, np.full(n_b, sink)])
    caps = np.concatenate(
        [
            np.ones(n_a, dtype=np.int64),
            np.ones(len(edge_s), dtype=np.int64),
            capacity[supporters_used],
        ]
    )
    costs = np.concatenate(
        [
            np.zeros(n_a, dtype=np.int64),
            SCALE - edge_score.astype(np.int64),
            np.zeros(n_b, dtype=np.int64),
        ]
    )
    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(
        tails.astype(np.int32), heads.astype(np.int32), caps, costs
    )
    supply = int(min(n_a, capacity[supporters_used].sum()))
    flow.set_node_supply(source, supply)
    flow.set_node_supply(sink, -supply)
    status = flow.solve_max_flow_with_min_cost()
    if status != flow.OPTIMAL:  # pragma: no cover - the graph is always well formed
        raise RuntimeError(f"min-cost flow failed with status {status}")
    flows = flow.flows(np.arange(n_a, n_a + len(edge_s), dtype=np.int32))
    return np.flatnonzero(flows > 0)


def now() -> float:
    return time.perf_counter()

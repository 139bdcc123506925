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

from . import semantic as semanticlib
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
        index = self.index
        values = []
        for keys in key_sets:
            value = 0
            for key in keys:
                i = index.get(key)
                if i is not None:
                    value |= 1 << i
            values.append(value)
        out = np.zeros((len(values), self.words), dtype=np.uint64)
        full = (1 << 64) - 1
        for word in range(self.words):
            out[:, word] = np.array([(v >> (64 * word)) & full for v in values], dtype=np.uint64)
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
        # Years since the experience, per topic (-1 when unknown or not lived).
        self.years = np.full((n, max(1, len(self.topics.index))), -1.0, dtype=np.float32)
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
        # With stored embeddings (ayni[semantic]) the text part compares vectors, not words.
        self.semantic = any(p.vector is not None for p in people)
        if self.semantic:
            self.text_vectors, self.has_text = semanticlib.matrix([p.vector for p in people])
        else:
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
    if index.semantic:
        vectors, has_text = semanticlib.matrix(
            [s.vector for s in seekers], index.text_vectors.shape[1]
        )
    else:
        vectors = index.text_model.vectors(seeker_terms)
        has_text = np.diff(vectors.indptr) > 0
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
        has_text=has_text,
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
        # Each seeker's topics known to the supporters, as a -1 padded table.
        self.topic_list = _bit_table(self.s.topic_masks)
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
        self.has_exclusions = np.zeros(len(people), dtype=bool)
        self.has_exclusions[list(self.excluded)] = True
        self.excluded_keys = (
            np.sort(np.concatenate([i * len(index) + rows for i, rows in self.excluded.items()]))
            if self.excluded
            else None
        )
        self._blocks()
        self.prepare_fairness()
        self._fast: dict | None = None  # see _tables
        self._rank_cache: tuple | None = None  # see _ranked

    # -- hard rules -------------------------------------------------------------------
    def _blocks(self) -> None:
        """Group seekers by what the hard rules look at; feasible supporters per block."""
        s = self.s
        n = len(s.ids)
        words = s.topic_masks.shape[1]
        table = np.zeros((n, 2 * words + 3), dtype=np.int64)
        table[:, :words] = s.topic_masks.view(np.int64)
        table[:, words : 2 * words] = s.language_masks.view(np.int64)
        table[:, 2 * words] = s.online
        table[:, 2 * words + 1] = np.where(s.in_person, s.city, -3)
        table[:, 2 * words + 2] = s.minor
        if n:
            keys, block_of = np.unique(table, axis=0, return_inverse=True)
            block_of = block_of.ravel()
        else:
            keys, block_of = table[:0], np.empty(0, dtype=np.int64)
        self.block_of = block_of
        order = np.argsort(block_of, kind="stable")
        bounds = np.searchsorted(block_of[order], np.arange(len(keys) + 1))
        self.block_members = [order[bounds[b] : bounds[b + 1]] for b in range(len(keys))]
        self.block_feasible = [self._feasible_for(members[0]) for members in self.block_members]
        # Families: blocks of the same topics and languages (keys are sorted, so adjacent).
        families: dict[bytes, list[int]] = {}
        for block in range(len(keys)):
            families.setdefault(keys[block, : 2 * words].tobytes(), []).append(block)
        self.families = list(families.values())

    def _topic_rows(self, topic_mask: np.ndarray) -> np.ndarray:
        """Available supporters who lived one of the topics (the last answer is kept: blocks
        of the same topics are adjacent)."""
        key = topic_mask.tobytes()
        cached = getattr(self, "_topic_rows_cache", None)
        if cached is not None and cached[0] == key:
            return cached[1]
        index = self.index
        topic_rows = [index.by_topic[t] for t in _bits(topic_mask) if t in index.by_topic]
        if not topic_rows:
            rows = np.empty(0, dtype=np.int64)
        elif len(topic_rows) == 1:
            rows = topic_rows[0]
        else:
            union = np.zeros(len(index), dtype=bool)
            for part in topic_rows:
                union[part] = True
            rows = np.flatnonzero(union)
        self._topic_rows_cache = (key, rows)
        return rows

    def _feasible_for(self, i: int) -> np.ndarray:
        """Supporter rows that pass every block-level hard rule for seeker ``i``."""
        index, s = self.index, self.s
        rows = self._topic_rows(s.topic_masks[i])
        if not len(rows):
            return rows
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
            at = np.searchsorted(rows, excluded)
            at = at[(at < len(rows)) & (rows[np.minimum(at, len(rows) - 1)] == excluded)]
            rows = np.delete(rows, at)
        if self.same_group == "forbid" and self.s.group[i] >= 0 and len(rows):
            rows = rows[self.index.group[rows] != self.s.group[i]]
        return rows

    # -- scores -----------------------------------------------------------------------
    def edge_scores(self, si: np.ndarray, pj: np.ndarray) -> np.ndarray:
        """Scores of aligned edges, with the text similarity computed as in the grids."""
        out = np.empty(len(si), dtype=np.int64)
        step = 100_000
        for start in range(0, len(si), step):
            a, b = si[start : start + step], pj[start : start + step]
            rows, columns = np.unique(a), np.unique(b)
            if len(rows) * len(columns) > 20_000_000:
                text = _row_dots(self.s.text_vectors, a, self.index.text_vectors, b)
            else:
                grid = _grid_dots(self.s.text_vectors, rows, self.index.text_vectors, columns)
                text = grid[np.searchsorted(rows, a), np.searchsorted(columns, b)]
            out[start : start + step] = self.parts(a, b, text)[0]
        return out

    def scores(self, seeker_rows: np.ndarray, supporter_rows: np.ndarray) -> np.ndarray:
        """Integer scores (0..SCALE) for aligned arrays of seeker and supporter rows."""
        return self.parts(seeker_rows, supporter_rows)[0]

    def parts(
        self, si: np.ndarray, pj: np.ndarray, text: np.ndarray | None = None
    ) -> tuple[np.ndarray, dict[str, tuple[np.ndarray, np.ndarray]]]:
        """Scores and their parts {name: (value 0..1, applies)}.

        ``si`` and ``pj`` are seeker and supporter rows, either aligned (same shape) or a
        column and a row (shapes (a, 1) and (1, b)) for a grid of every pair; ``text`` is
        their text similarity if already known.
        """
        w, s, p = self.weights, self.s, self.index
        shape = np.broadcast_shapes(si.shape, pj.shape)
        parts: dict[str, tuple[np.ndarray, np.ndarray | bool]] = {}
        seeker_topics = s.topic_masks[si]
        supporter_topics = p.topic_masks[pj]
        shared = _popcount(seeker_topics & supporter_topics).sum(axis=-1)
        asked = np.maximum(1, _popcount(seeker_topics).sum(axis=-1))
        parts["topics"] = (shared / asked, True)
        # Further along: the most years in a topic both share.
        best = np.full(shape, -1.0, dtype=np.float32)
        asked_list = self.topic_list[si]  # the seeker's topics, -1 padded
        for t in range(asked_list.shape[-1]):
            topic = asked_list[..., t]
            years = p.years[pj, np.maximum(topic, 0)]
            best = np.maximum(best, np.where(topic >= 0, years, np.float32(-1.0)))
        parts["further_along"] = (np.clip(best / np.float32(w.years_full), 0.0, 1.0), True)
        if text is None:
            if si.shape == pj.shape:
                text = _row_dots(s.text_vectors, si.ravel(), p.text_vectors, pj.ravel()).reshape(
                    shape
                )
            else:
                text = _grid_dots(s.text_vectors, si.ravel(), p.text_vectors, pj.ravel())
        parts["text"] = (
            semanticlib.calibrate(text)
            if p.semantic
            else np.minimum(np.float32(1.0), text / np.float32(w.text_full)),
            s.has_text[si] & p.has_text[pj],
        )
        sa, pa = s.availability[si], p.availability[pj]
        parts["availability"] = (
            _popcount(sa & pa) / np.maximum(1, _popcount(sa)).astype(np.float32),
            (sa > 0) & (pa > 0),
        )
        only_in_person = ~(s.online[si] & p.online[pj])
        parts["area"] = ((s.area[si] == p.area[pj]) & (s.area[si] >= 0), only_in_person)
        if s.prefers_age.any():
            age_known = (s.age[si] >= 0) & (p.age[pj] >= 0)
            parts["age"] = (
                1.0 - np.minimum(1.0, np.abs(s.age[si] - p.age[pj]) / np.float32(20.0)),
                s.prefers_age[si] & age_known,
            )
        if s.prefers_gender.any():
            parts["gender"] = (
                (s.gender[si] == p.gender[pj]) & (s.gender[si] >= 0),
                s.prefers_gender[si] & (s.gender[si] >= 0) & (p.gender[pj] >= 0),
            )
        parts["load"] = (p.load_part[pj], True)
        parts["waiting"] = (s.waiting_part[si], True)
        parts["hard_to_match"] = (self.hard_part[si], True)
        can_support = s.can_support_masks[si] & ~seeker_topics
        if can_support.any():
            parts["reciprocity"] = (
                (can_support & p.wants_masks[pj]).any(axis=-1),
                can_support.any(axis=-1),
            )
        if self.same_group == "prefer":
            parts["same_group"] = (
                (s.group[si] == p.group[pj]) & (s.group[si] >= 0),
                s.group[si] >= 0,
            )
        numerator = np.zeros(shape, dtype=np.float32)
        denominator = np.zeros(shape, dtype=np.float32)
        for name, (value, applies) in parts.items():
            weight = np.float32(getattr(w, name))
            if not weight:
                continue
            if applies is True:
                numerator += weight * value
                denominator += weight
            else:
                numerator += np.where(applies, weight * value, np.float32(0.0))
                denominator += np.where(applies, weight, np.float32(0.0))
        with np.errstate(invalid="ignore", divide="ignore"):
            total = np.where(denominator > 0, numerator / denominator, np.float32(0.0))
        return np.rint(total * SCALE).astype(np.int64), parts

    # -- fast scores of a batch --------------------------------------------------------
    def _tables(self) -> dict:
        """Per-person terms and small lookup tables for ``batch_scores`` (built once).

        Every table entry is computed with the same NumPy operations and dtypes as ``parts``
        computes the value of a cell, so that the scores come out bit for bit the same.
        """
        if self._fast is not None:
            return self._fast
        w, s, p = self.weights, self.s, self.index
        f32 = np.float32
        asked = np.maximum(1, _popcount(s.topic_masks).sum(axis=-1)).astype(np.int64)
        top = int(asked.max()) if len(asked) else 1
        shared_grid = np.arange(top + 1, dtype=np.uint64)[None, :]
        asked_grid = np.arange(top + 1, dtype=np.int64)[:, None]
        with np.errstate(invalid="ignore", divide="ignore"):
            topics = (f32(w.topics) * (shared_grid / np.maximum(1, asked_grid))).astype(f32)
        n_topics = p.years.shape[1]
        further = np.zeros((len(p), n_topics + 1), dtype=f32)  # last column: no topic
        further[:, :n_topics] = f32(w.further_along) * np.clip(
            p.years / f32(w.years_full), 0.0, 1.0
        )
        slots = np.arange(len(SLOTS) + 1, dtype=np.uint8)
        availability = f32(w.availability) * (
            slots[None, :] / np.maximum(1, slots[:, None]).astype(f32)
        )
        ages = int(max(s.age.max(initial=0), p.age.max(initial=0))) + 2
        age_gap = np.arange(ages, dtype=np.int32)
        age = f32(w.age) * (1.0 - np.minimum(1.0, np.abs(age_gap) / f32(20.0)))
        # Denominator for each combination of the parts that apply only sometimes, added in
        # the order of ``parts``.
        names = ["text", "availability", "area", "age", "gender", "reciprocity", "same_group"]
        always = ["topics", "further_along", "load", "waiting", "hard_to_match"]
        order = [
            "topics", "further_along", "text", "availability", "area", "age", "gender",
            "load", "waiting", "hard_to_match", "reciprocity", "same_group",
        ]  # fmt: skip
        denominators = np.zeros(1 << len(names), dtype=f32)
        for code in range(1 << len(names)):
            total = np.zeros(1, dtype=f32)
            for name in order:
                weight = f32(getattr(w, name))
                if not weight:
                    continue
                if name in always or code >> names.index(name) & 1:
                    total += weight
            denominators[code] = total[0]
        recip = s.can_support_masks & ~s.topic_masks
        self._fast = {
            "asked": asked,
            "topics": topics.ravel(),
            "top": top + 1,
            "further": further.ravel(),
            "further_width": n_topics + 1,
            "topic_list": np.where(self.topic_list >= 0, self.topic_list, n_topics),
            "seeker_slots": _popcount(s.availability).astype(np.int64),
            "availability": availability.ravel(),
            "slot_width": len(SLOTS) + 1,
            "age": age,
            "denominators": denominators,
            "recip": recip,
            "has_recip": recip.any(axis=-1),
            "load": f32(w.load) * p.load_part,
            "waiting": f32(w.waiting) * s.waiting_part,
            "hard": f32(w.hard_to_match) * self.hard_part,
        }
        return self._fast

    def batch_scores(
        self,
        batch: list[tuple[np.ndarray, np.ndarray]],
        si: np.ndarray,
        pj: np.ndarray,
        text: np.ndarray,
    ) -> np.ndarray:
        """``parts(si, pj, text)[0]`` for the cells of a batch of groups, faster.

        The cells are the groups' (member, column) pairs, member-major. The members of a
        group share their topics (they come from one block), so the topic parts are computed
        once per column. The numerator adds the parts in the order of ``parts`` with the
        same dtypes, and the denominator comes from a table over the parts that apply, so the
        integer scores are identical.
        """
        w, s, p = self.weights, self.s, self.index
        f32 = np.float32
        t = self._tables()

        def on(name: str) -> bool:
            return bool(f32(getattr(w, name)))

        # Topics and further along, per group column (members of a group share topics).
        first = np.concatenate([np.full(len(c), m[0], dtype=np.int64) for m, c in batch])
        columns = np.concatenate([c for _, c in batch])
        shared = _popcount(s.topic_masks[first] & p.topic_masks[columns]).sum(axis=-1)
        head = np.zeros(len(columns), dtype=f32)
        if on("topics"):
            head += t["topics"][t["asked"][first] * t["top"] + shared.astype(np.int64)]
        if on("further_along"):
            listed = t["topic_list"][first]
            base = columns * t["further_width"]
            best = np.take(t["further"], base + listed[:, 0])
            for c in range(1, listed.shape[1]):
                np.maximum(best, np.take(t["further"], base + listed[:, c]), out=best)
            head += best
        column_start = np.concatenate([[0], np.cumsum([len(c) for _, c in batch])[:-1]])
        spread = np.concatenate(
            [
                np.tile(np.arange(start, start + len(c)), len(m))
                for (m, c), start in zip(batch, column_start.tolist(), strict=True)
            ]
        )
        numerator = head[spread]
        code = np.zeros(len(si), dtype=np.int64)
        # Text.
        if on("text"):
            applies = s.has_text[si] & p.has_text[pj]
            value = (
                semanticlib.calibrate(text)
                if p.semantic
                else np.minimum(f32(1.0), text / f32(w.text_full))
            )
            contribution = f32(w.text) * value
            contribution *= applies
            numerator += contribution
            code |= applies
        # Availability.
        sa, pa = s.availability[si], p.availability[pj]
        if on("availability"):
            applies = (sa > 0) & (pa > 0)
            at = t["seeker_slots"][si] * t["slot_width"] + _popcount(sa & pa)
            numerator += np.take(t["availability"], at)
            code |= applies.astype(np.int64) << 1
        # Area.
        if on("area"):
            applies = ~(s.online[si] & p.online[pj])
            area = s.area[si]
            same = (area == p.area[pj]) & (area >= 0) & applies
            numerator += same * f32(w.area)
            code |= applies.astype(np.int64) << 2
        if on("age") and s.prefers_age.any():
            a, b = s.age[si], p.age[pj]
            applies = s.prefers_age[si] & (a >= 0) & (b >= 0)
            gap = np.abs(a - b)
            contribution = np.take(t["age"], gap, mode="clip")
            contribution *= applies
            numerator += contribution
            code |= applies.astype(np.int64) << 3
        if on("gender") and s.prefers_gender.any():
            g, h = s.gender[si], p.gender[pj]
            applies = s.prefers_gender[si] & (g >= 0) & (h >= 0)
            numerator += ((g == h) & applies) * f32(w.gender)
            code |= applies.astype(np.int64) << 4
        if on("load"):
            numerator += t["load"][pj]
        if on("waiting"):
            numerator += t["waiting"][si]
        if on("hard_to_match"):
            numerator += t["hard"][si]
        if on("reciprocity") and t["has_recip"].any():
            applies = t["has_recip"][si]
            value = (t["recip"][si] & p.wants_masks[pj]).any(axis=-1)
            numerator += value * f32(w.reciprocity)
            code |= applies.astype(np.int64) << 5
        if self.same_group == "prefer" and on("same_group"):
            g = s.group[si]
            applies = g >= 0
            numerator += ((g == p.group[pj]) & applies) * f32(w.same_group)
            code |= applies.astype(np.int64) << 6
        denominator = t["denominators"][code]
        with np.errstate(invalid="ignore", divide="ignore"):
            total = np.where(denominator > 0, numerator / denominator, f32(0.0))
        return np.rint(total * SCALE).astype(np.int64)

    # -- candidates -------------------------------------------------------------------
    def candidates(self, k: int, free: np.ndarray, *, cells: int = 8_000_000):
        """Edges (seeker rows, supporter rows, scores): about ``k`` per seeker.

        Seekers are taken by family (same topics and languages), so that one sparse product
        gives the text similarity of a whole family. Within a block (same hard-rule inputs)
        a seeker is scored against the block's feasible supporters, or, when the whole run
        would exceed ``cells`` scored pairs, against a pool: the supporters best on the parts
        that do not depend on the seeker plus an even share of the rest, so that the block
        as a whole sees every feasible supporter. From what it was scored against, a seeker
        keeps its best ``k // 5`` and the best of its own share (a stripe of the columns),
        so that candidates spread over all supporters and coverage does not hinge on the
        repair step.
        """
        n_free = int(free.sum())
        pool = max(4 * k, cells // max(1, n_free))
        groups: list[tuple[np.ndarray, np.ndarray]] = []
        for family in self.families:
            for block in family:
                members = self.block_members[block]
                members = members[free[members]]
                feasible = self.block_feasible[block]
                if not len(members) or not len(feasible):
                    continue
                if len(feasible) <= pool:
                    groups.append((members, feasible))
                    continue
                ranked = self._ranked(members[0], feasible)
                head, rest = ranked[:k], ranked[k:]
                count = min(len(members), -(-len(rest) // max(1, pool - k)))
                for g in range(count):
                    groups.append(
                        (members[g::count], np.sort(np.concatenate([head, rest[g::count]])))
                    )
        edges = list(self._score_groups(groups, k, cells))
        if not edges:
            empty = np.empty(0, dtype=np.int64)
            return empty, empty, empty
        return (
            np.concatenate([e[0] for e in edges]),
            np.concatenate([e[1] for e in edges]),
            np.concatenate([e[2] for e in edges]),
        )

    def _score_groups(self, groups, k: int, cells: int):
        """Score every (member, column) cell of the groups; yield each group's best edges.

        Groups go in batches (neighbours share topics and languages, hence columns): one
        sparse product gives the text similarity of a batch, one call scores its cells.
        """
        sizes = np.array([len(m) * len(c) for m, c in groups], dtype=np.int64)
        budget = max(1, cells // 10)
        grid_limit = 8_000_000
        n_supporters = len(self.index)
        row_lookup = np.zeros(len(self.s.ids), dtype=np.int64)
        column_lookup = np.zeros(n_supporters, dtype=np.int64)
        start = 0
        while start < len(groups):
            # A batch of groups of at most `budget` cells (at least one group).
            end = start + 1
            total = sizes[start]
            rows_count = len(groups[start][0])
            columns_count = len(groups[start][1])
            while end < len(groups):
                members, cols = groups[end]
                new_rows = rows_count + len(members)
                new_columns = min(n_supporters, columns_count + len(cols))
                if total + sizes[end] > budget or new_rows * new_columns > grid_limit:
                    break
                total += sizes[end]
                rows_count, columns_count = new_rows, new_columns
                end += 1
            batch = groups[start:end]
            start = end
            rows = _union([m for m, _ in batch], len(self.s.ids))
            columns = _union([c for _, c in batch], len(self.index))
            cell_s = np.concatenate([np.repeat(m, len(c)) for m, c in batch])
            cell_p = np.concatenate([np.tile(c, len(m)) for m, c in batch])
            if isinstance(self.index.text_vectors, np.ndarray):  # embeddings: dense grid
                row_lookup[rows] = np.arange(len(rows))
                column_lookup[columns] = np.arange(len(columns))
                row_pos, column_pos = row_lookup[cell_s], column_lookup[cell_p]
                grid = _grid_dots(self.s.text_vectors, rows, self.index.text_vectors, columns)
                text = grid[row_pos, column_pos]
            else:
                text = _group_dots(self.s.text_vectors, self.index.text_vectors, batch)
            score = self.batch_scores(batch, cell_s, cell_p, text)
            self._exclude(cell_s, cell_p, score)
            yield _select_batch(batch, score, k)

    def _exclude(self, cell_s: np.ndarray, cell_p: np.ndarray, score: np.ndarray) -> None:
        """Personal exclusions and same-group conflicts: score -1 (never candidates)."""
        if self.excluded_keys is not None and len(self.excluded_keys):
            some = np.flatnonzero(self.has_exclusions[cell_s])
            keys = cell_s[some] * len(self.index) + cell_p[some]
            score[some[_member(keys, self.excluded_keys)]] = -1
        if self.same_group == "forbid":
            group = self.s.group[cell_s]
            score[(group >= 0) & (group == self.index.group[cell_p])] = -1

    def _ranked(self, i: int, feasible: np.ndarray) -> np.ndarray:
        """``feasible[self._rank_for_block(i, feasible)]``, from one order of all supporters
        per topic set (blocks of the same topics are adjacent): the order of every
        supporter, stable, filtered to ``feasible`` is the stable order of ``feasible``."""
        key = self.s.topic_masks[i].tobytes()
        cached = self._rank_cache
        if cached is None or cached[0] != key:
            everyone = np.arange(len(self.index))
            order = self._rank_for_block(i, everyone)
            cached = self._rank_cache = (key, order, np.zeros(len(everyone), dtype=bool))
        _, order, mark = cached
        mark[feasible] = True
        ranked = order[mark[order]]
        mark[feasible] = False
        return ranked

    def _rank_for_block(self, i: int, feasible: np.ndarray) -> np.ndarray:
        """Order of ``feasible`` by the parts of the score that do not depend on the seeker."""
        w, s, p = self.weights, self.s, self.index
        topics = _popcount(p.topic_masks[feasible] & s.topic_masks[i]).sum(axis=-1)
        best = np.full(len(feasible), -1.0, dtype=np.float32)
        for topic in _bits(s.topic_masks[i]):
            best = np.maximum(best, p.years[feasible, topic])
        value = (
            w.topics * topics
            + w.further_along * np.clip(best / w.years_full, 0, 1)
            + w.load * p.load_part[feasible]
        )
        return np.argsort(-value, kind="stable")  # feasible is ascending: ties by row

    def prepare_fairness(self) -> None:
        """Hard-to-match part: seekers with few possible supporters get more."""
        counts = np.array([len(f) for f in self.block_feasible], dtype=np.float64)
        per_seeker = counts[self.block_of] if len(self.block_of) else counts
        self.feasible_count = per_seeker
        self.hard_part = np.where(
            per_seeker > 0, np.minimum(1.0, 5.0 / np.maximum(per_seeker, 1)), 0.0
        ).astype(np.float32)


def _member(values: np.ndarray, sorted_keys: np.ndarray) -> np.ndarray:
    """``np.isin(values, sorted_keys)`` for sorted keys, by binary search (no hashing)."""
    if not len(sorted_keys) or not len(values):
        return np.zeros(len(values), dtype=bool)
    at = np.minimum(np.searchsorted(sorted_keys, values), len(sorted_keys) - 1)
    return sorted_keys[at] == values


def _union(parts: list[np.ndarray], size: int) -> np.ndarray:
    """Sorted union of arrays of row numbers below ``size``."""
    if len(parts) == 1:
        return np.unique(parts[0])
    seen = np.zeros(size, dtype=bool)
    for part in parts:
        seen[part] = True
    return np.flatnonzero(seen)


def _top(key: np.ndarray, count: int) -> np.ndarray:
    """Column positions of the ``count`` largest keys of each row (keys are unique)."""
    if key.shape[1] <= count:
        return np.broadcast_to(np.arange(key.shape[1]), key.shape)
    return np.argpartition(-key, count - 1, axis=1)[:, :count]


def _select_batch(batch: list[tuple[np.ndarray, np.ndarray]], score: np.ndarray, k: int):
    """Each member's best ``k // 5`` columns plus the best of its own stripe, ``k`` in all.

    ``score`` holds the groups' cells one after the other (member-major). The rows of all
    groups are laid out in padded matrices, one per class of width (powers of two), so that
    a few array operations replace one call per group.
    """
    sizes = np.array([len(m) for m, _ in batch], dtype=np.int64)
    widths = np.array([len(c) for _, c in batch], dtype=np.int64)
    n_rows = int(sizes.sum())
    row_group = np.repeat(np.arange(len(batch)), sizes)
    row_start = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    row_a = np.arange(n_rows) - row_start[row_group]  # member position within its group
    row_count = sizes[row_group]
    row_width = widths[row_group]
    row_member = np.concatenate([m for m, _ in batch])
    cell_start = np.concatenate([[0], np.cumsum(sizes * widths)[:-1]])
    row_cell = cell_start[row_group] + row_a * row_width  # first cell of each row
    column_start = np.concatenate([[0], np.cumsum(widths)[:-1]])
    all_columns = np.concatenate([c for _, c in batch])
    row_column = column_start[row_group]
    width_class = np.ceil(np.log2(np.maximum(row_width, 1))).astype(np.int64)
    out_r, out_p, out_c = [], [], []
    for cls in np.unique(width_class).tolist():
        rows = np.flatnonzero(width_class == cls)
        width = int(row_width[rows].max())
        position = np.arange(width)
        real = position[None, :] < row_width[rows, None]
        at = np.where(real, row_cell[rows, None] + position[None, :], 0)
        grid = np.where(real, score[at], -1)
        columns = np.where(
            real,
            all_columns[
                row_column[rows, None] + np.minimum(position[None, :], row_width[rows, None] - 1)
            ],
            -1,
        )
        picks = _picks(grid, real, row_width[rows], row_a[rows], row_count[rows], k)
        valid = picks >= 0
        chosen = np.take_along_axis(grid, np.maximum(picks, 0), axis=1)
        keep = valid & (chosen >= 0)
        out_r.append(np.broadcast_to(rows[:, None], picks.shape)[keep])
        out_p.append(np.take_along_axis(columns, np.maximum(picks, 0), axis=1)[keep])
        out_c.append(chosen[keep])
    r = np.concatenate(out_r)
    order = np.argsort(r, kind="stable")
    return (
        row_member[r[order]],
        np.concatenate(out_p)[order],
        np.concatenate(out_c)[order],
    )


def _picks(
    score: np.ndarray,
    real: np.ndarray,
    width: np.ndarray,
    member: np.ndarray,
    members: np.ndarray,
    k: int,
) -> np.ndarray:
    """Column positions each row keeps (-1 for none), sorted, see ``_select_batch``."""
    w = score.shape[1]
    position = np.arange(w)
    low = np.iinfo(np.int64).min // 4
    # Unique keys: higher score first, then lower position; padding lowest of all.
    key = np.where(real, score * (w + 1) + (w - position)[None, :], low)
    small = width <= k
    span = min(w, k)
    picks = np.where(position[None, :span] < width[:, None], position[None, :span], -1)
    if not small.all():
        head = k // 5
        stripes = np.minimum(members, np.maximum(1, width // (k - head)))
        in_stripe = (position[None, :] % stripes[:, None]) == (member % stripes)[:, None]
        stripe_key = np.where(in_stripe, key, low)
        big = _top(stripe_key, k - head)
        big = np.where(np.take_along_axis(stripe_key, big, axis=1) == low, -1, big)
        if head:
            big = np.concatenate([_top(key, head), big], axis=1)
        big.sort(axis=1)
        duplicate = np.zeros(big.shape, dtype=bool)
        duplicate[:, 1:] = (big[:, 1:] == big[:, :-1]) & (big[:, 1:] >= 0)
        big = np.where(duplicate, -1, big)
        span = max(span, big.shape[1])
        picks = _pad(picks, span)
        picks = np.where(small[:, None], picks, _pad(big, span))
    return picks


def _pad(picks: np.ndarray, width: int) -> np.ndarray:
    if picks.shape[1] >= width:
        return picks
    extra = np.full((picks.shape[0], width - picks.shape[1]), -1, dtype=picks.dtype)
    return np.concatenate([picks, extra], axis=1)


def _bits(mask: np.ndarray) -> list[int]:
    out = []
    for word_index, word in enumerate(mask.tolist()):
        while word:
            low = word & -word
            out.append(word_index * 64 + low.bit_length() - 1)
            word ^= low
    return out


def _bit_table(masks: np.ndarray) -> np.ndarray:
    """The set bits of each row of ``masks`` (uint64 words), ascending, -1 padded."""
    n, words = masks.shape
    bits = np.unpackbits(
        np.ascontiguousarray(masks).view(np.uint8).reshape(n, 8 * words), axis=1, bitorder="little"
    )
    rows, positions = np.nonzero(bits)
    counts = np.bincount(rows, minlength=n)
    table = np.full((n, max(1, int(counts.max(initial=0)))), -1, dtype=np.int64)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    table[rows, np.arange(len(rows)) - starts[rows]] = positions
    return table


def _group_dots(
    a: sparse.csr_matrix, b: sparse.csr_matrix, batch: list[tuple[np.ndarray, np.ndarray]]
) -> np.ndarray:
    """Text similarity of every cell of the groups (group by group, member-major).

    One sparse product in which each group has its own copy of the vocabulary, so that only
    the groups' own cells are computed, not the whole grid of the batch's rows and columns.
    """
    width = a.shape[1]
    if width == 0:
        return np.zeros(sum(len(m) * len(c) for m, c in batch), dtype=np.float32)
    row_sizes = np.array([len(m) for m, _ in batch], dtype=np.int64)
    column_sizes = np.array([len(c) for _, c in batch], dtype=np.int64)
    groups = np.arange(len(batch), dtype=np.int64)
    index_type = np.int64 if width * len(batch) >= 2**31 else np.int32

    def shifted(matrix, rows, sizes):
        part = matrix[rows]
        row_offsets = (np.repeat(groups, sizes) * width).astype(index_type)
        indices = part.indices.astype(index_type, copy=False)
        indices += np.repeat(row_offsets, np.diff(part.indptr))
        return sparse.csr_matrix(
            (part.data, indices, part.indptr), shape=(len(rows), width * len(batch))
        )

    left = shifted(a, np.concatenate([m for m, _ in batch]), row_sizes)
    right = shifted(b, np.concatenate([c for _, c in batch]), column_sizes)
    product = (left @ right.T).tocoo()
    # Every non-zero lies in its group's own block: place it at its cell.
    row_start = np.concatenate([[0], np.cumsum(row_sizes)[:-1]])
    column_start = np.concatenate([[0], np.cumsum(column_sizes)[:-1]])
    cell_start = np.concatenate([[0], np.cumsum(row_sizes * column_sizes)[:-1]])
    group = np.repeat(groups, row_sizes)[product.row]
    cell = (
        cell_start[group]
        + (product.row - row_start[group]) * column_sizes[group]
        + (product.col - column_start[group])
    )
    out = np.zeros(int((row_sizes * column_sizes).sum()), dtype=np.float32)
    out[cell] = product.data
    return out


def _grid_dots(
    a: sparse.csr_matrix, ai: np.ndarray, b: sparse.csr_matrix, bj: np.ndarray
) -> np.ndarray:
    if a.shape[1] == 0:
        return np.zeros((len(ai), len(bj)), dtype=np.float32)
    if isinstance(a, np.ndarray):  # embeddings
        return (a[ai] @ b[bj].T).astype(np.float32, copy=False)
    return (a[ai] @ b[bj].T).toarray().astype(np.float32, copy=False)


def _row_dots(
    a: sparse.csr_matrix, ai: np.ndarray, b: sparse.csr_matrix, bj: np.ndarray
) -> np.ndarray:
    if not len(ai) or a.shape[1] == 0:
        return np.zeros(len(ai), dtype=np.float64)
    if isinstance(a, np.ndarray):  # embeddings
        return np.einsum("ij,ij->i", a[ai], b[bj]).astype(np.float64)
    return np.asarray(a[ai].multiply(b[bj]).sum(axis=1)).ravel()


# -- the flow ------------------------------------------------------------------------
def _compact(rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct rows (sorted) and each row's position among them."""
    present = np.bincount(rows)
    used = np.flatnonzero(present)
    position = np.zeros(len(present), dtype=np.int64)
    position[used] = np.arange(len(used))
    return used, position[rows]


def _flow_arcs(edge_s: np.ndarray, edge_p: np.ndarray, capacity: np.ndarray):
    """Arcs source -> seeker -> supporter -> sink over the nodes that have edges."""
    seekers_used, s_node = _compact(edge_s)
    supporters_used, p_node = _compact(edge_p)
    n_a, n_b = len(seekers_used), len(supporters_used)
    sink = 1 + n_a + n_b
    s_node = 1 + s_node
    p_node = 1 + n_a + p_node
    tails = np.concatenate([np.zeros(n_a, dtype=np.int64), s_node, 1 + n_a + np.arange(n_b)])
    heads = np.concatenate([1 + np.arange(n_a), p_node, np.full(n_b, sink)])
    caps = np.concatenate(
        [
            np.ones(n_a, dtype=np.int64),
            np.ones(len(edge_s), dtype=np.int64),
            capacity[supporters_used],
        ]
    )
    return tails.astype(np.int32), heads.astype(np.int32), caps, n_a, sink


def _max_flow(edge_s: np.ndarray, edge_p: np.ndarray, capacity: np.ndarray) -> np.ndarray:
    """Chosen edge positions of a maximum flow (most pairs, scores ignored): fast."""
    from ortools.graph.python import max_flow

    if not len(edge_s):
        return np.empty(0, dtype=np.int64)
    tails, heads, caps, n_a, sink = _flow_arcs(edge_s, edge_p, capacity)
    flow = max_flow.SimpleMaxFlow()
    flow.add_arcs_with_capacity(tails, heads, caps)
    status = flow.solve(0, sink)
    if status != flow.OPTIMAL:  # pragma: no cover - the graph is always well formed
        raise RuntimeError(f"max flow failed with status {status}")
    flows = flow.flows(np.arange(n_a, n_a + len(edge_s), dtype=np.int32))
    return np.flatnonzero(flows > 0)


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
    tails, heads, caps, n_a, sink = _flow_arcs(edge_s, edge_p, capacity)
    n_b = sink - 1 - n_a
    costs = np.concatenate(
        [
            np.zeros(n_a, dtype=np.int64),
            SCALE - edge_score.astype(np.int64),
            np.zeros(n_b, dtype=np.int64),
        ]
    )
    source = 0
    supply = int(min(n_a, caps[n_a + len(edge_s) :].sum()))
    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(
        tails.astype(np.int32), heads.astype(np.int32), caps, costs
    )
    flow.set_node_supply(source, supply)
    flow.set_node_supply(sink, -supply)
    status = flow.solve_max_flow_with_min_cost()
    if status != flow.OPTIMAL:  # pragma: no cover - the graph is always well formed
        raise RuntimeError(f"min-cost flow failed with status {status}")
    flows = flow.flows(np.arange(n_a, n_a + len(edge_s), dtype=np.int32))
    return np.flatnonzero(flows > 0)


def now() -> float:
    return time.perf_counter()

"""Plain data of the matching engine: people in, pairs and reasons out.

Everything here is framework-free so that the engine runs from the web, the API, the
CLI on CSV files and the benchmarks alike.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import Path
from typing import Any

MODES = ("online", "in-person", "either")
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
PARTS = ("am", "pm", "eve")
#: Every weekly availability slot, in order: "mon-am", "mon-pm", "mon-eve", "tue-am", ...
SLOTS = tuple(f"{day}-{part}" for day in DAYS for part in PARTS)
SAME_GROUP_CHOICES = ("ignore", "prefer", "forbid")


def _strings(values: Iterable[str] | str | None) -> frozenset[str]:
    if values is None:
        return frozenset()
    if isinstance(values, str):
        values = values.split(";")
    return frozenset(v.strip().lower() for v in values if v and v.strip())


def _ids(values: Iterable[str] | str | None) -> frozenset[str]:
    if values is None:
        return frozenset()
    if isinstance(values, str):
        values = values.split(";")
    return frozenset(str(v).strip() for v in values if str(v).strip())


@dataclass(slots=True, kw_only=True)
class _Person:
    id: str
    languages: frozenset[str] = frozenset()
    topics: frozenset[str] = frozenset()
    availability: frozenset[str] = frozenset()
    mode: str = "either"
    city: str = ""
    area: str = ""
    group: str = ""
    reports_to: str = ""
    exclude: frozenset[str] = frozenset()
    minor: bool = False
    age: int | None = None
    gender: str = ""
    name: str = ""
    # The free text's embedding if stored (``engine.semantic.embed``, ``ayni[semantic]``): when
    # the supporters carry vectors, the text part compares vectors instead of words.
    vector: tuple[float, ...] | None = None

    def __post_init__(self) -> None:
        self.id = str(self.id)
        self.languages = _strings(self.languages)
        self.topics = _strings(self.topics)
        self.availability = _strings(self.availability)
        self.exclude = _ids(self.exclude)
        self.mode = (self.mode or "either").strip().lower()
        if self.mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, not {self.mode!r}")
        unknown = self.availability - set(SLOTS)
        if unknown:
            raise ValueError(f"unknown availability slot {sorted(unknown)[0]!r}")
        self.reports_to = str(self.reports_to or "")

    @property
    def online(self) -> bool:
        return self.mode in ("online", "either")

    @property
    def in_person(self) -> bool:
        return self.mode in ("in-person", "either")


@dataclass(slots=True, kw_only=True)
class Seeker(_Person):
    """A person asking for support.

    Fields (all but ``id`` optional):

    - ``id`` (str; for the web side the membership id), ``name`` (shown nowhere by the engine)
    - ``languages``: ISO codes ("es", "en", "qu"); ``topics``: topic keys asked about
    - ``availability``: weekly slots such as "mon-am", "tue-pm", "sat-eve" (see ``SLOTS``)
    - ``mode``: "online", "in-person" or "either"; ``city`` and ``area`` for meeting in person
    - ``group``: team, department or school class; ``reports_to``: id of their manager
    - ``exclude``: ids of supporters never to pair with (either side's list counts)
    - ``minor``: under age; then only a ``vetted`` supporter is possible
    - ``about``: their situation in their own words (Spanish or English)
    - ``terms``: the stemmed terms of ``about`` if stored already (``engine.text.terms``)
    - ``situation_since``: when their situation started (for "as you are now")
    - ``waiting_since``: date of the request (fairness: longer waits first)
    - ``age``, ``gender`` and ``prefers_similar_age`` / ``prefers_same_gender``
    - ``can_support``: topics they could themself support (reciprocity bonus, *ayni*)
    """

    about: str = ""
    terms: tuple[str, ...] | None = None
    situation_since: date | None = None
    waiting_since: date | None = None
    prefers_similar_age: bool = False
    prefers_same_gender: bool = False
    can_support: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        _Person.__post_init__(self)
        self.can_support = _strings(self.can_support)


@dataclass(slots=True, kw_only=True)
class Supporter(_Person):
    """A person with lived experience who offers support.

    Same location, language, availability, group and exclusion fields as ``Seeker``, and:

    - ``experience``: their lived experience in their own words; ``terms`` if stored already
    - ``experience_since``: {topic: date the experience started or ended}, or
      ``experience_years``: {topic: years since}; more years = further along
    - ``capacity``: FREE places now (capacity minus people supported minus accepted proposals;
      on the web side ``ayni.support.capacity.free_places``); 0 means not available
    - ``load``: people supported now (only for load balance; fewer is preferred)
    - ``eligible``: active, not away, trained and checked (``supporter_eligibility``)
    - ``vetted``: valid background check or school approval: may support a minor
    - ``wants_topics``: topics they would like support in (reciprocity with ``can_support``)
    """

    experience: str = ""
    terms: tuple[str, ...] | None = None
    experience_since: Mapping[str, date] = field(default_factory=dict)
    experience_years: Mapping[str, float] = field(default_factory=dict)
    capacity: int = 1
    load: int = 0
    eligible: bool = True
    vetted: bool = False
    wants_topics: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        _Person.__post_init__(self)
        self.wants_topics = _strings(self.wants_topics)
        self.capacity = int(self.capacity)
        self.load = int(self.load)
        if self.capacity < 0:
            raise ValueError("capacity must be 0 or more")

    def years_in(self, topic: str, today: date) -> float | None:
        """Years of experience since ``topic`` (None when unknown)."""
        if topic in self.experience_years:
            return float(self.experience_years[topic])
        since = self.experience_since.get(topic)
        if since is None:
            return None
        return max(0.0, (today - since).days / 365.25)


@dataclass(frozen=True, slots=True)
class Weights:
    """How much each part of the score counts (relative; any scale, 0 turns a part off).

    The score of a pair is ``100 * sum(weight * part) / sum(weights that apply)`` with each
    part between 0 and 1, so it always lies between 0 and 100. Parts that do not apply to a
    pair (age when the seeker did not ask for it, area when they meet online) count for
    neither side of the fraction.
    """

    topics: float = 20.0  # share of the seeker's topics the supporter lived
    text: float = 25.0  # similarity of the seeker's words and the supporter's experience
    further_along: float = 10.0  # more years since the experience (full at `years_full`)
    availability: float = 15.0  # share of the seeker's weekly slots the supporter shares
    area: float = 5.0  # same area, when they can only meet in person
    age: float = 5.0  # similar age, when the seeker asked (full at same age, 0 at 20 years)
    gender: float = 5.0  # same gender, when the seeker asked
    load: float = 5.0  # fewer people supported now
    waiting: float = 5.0  # longer wait (full at `waiting_full_days`)
    hard_to_match: float = 5.0  # seekers with few possible supporters go first
    reciprocity: float = 3.0  # each could help the other on a different topic
    same_group: float = 5.0  # same group, only with same_group="prefer"
    years_full: float = 3.0
    waiting_full_days: float = 60.0
    text_full: float = 0.5  # cosine similarity that counts as a full match

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> Weights:
        """Weights from a mapping; unknown names and negative values are refused."""
        names = {f.name for f in fields(cls)}
        clean: dict[str, float] = {}
        for key, value in values.items():
            if key not in names:
                raise ValueError(f"unknown weight {key!r} (known: {', '.join(sorted(names))})")
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ValueError(f"weight {key!r} must be a number, not {value!r}")
            if value < 0:
                raise ValueError(f"weight {key!r} must be 0 or more, not {value}")
            clean[key] = float(value)
        weights = cls(**clean)
        for name in ("years_full", "waiting_full_days", "text_full"):
            if getattr(weights, name) <= 0:
                raise ValueError(f"{name} must be more than 0")
        return weights

    @classmethod
    def from_toml(cls, source: str | Path) -> Weights:
        """Weights from a TOML file (a path) or TOML text; the table ``[weights]`` if any."""
        if isinstance(source, Path) or (isinstance(source, str) and "=" not in source):
            text = Path(source).read_text(encoding="utf-8")
        else:
            text = source
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise ValueError(f"not valid TOML: {error}") from error
        return cls.from_mapping(data.get("weights", data))

    def as_dict(self) -> dict[str, float]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True, slots=True)
class Reason:
    """One reason for a pair or for an unmatched seeker; ``explain`` turns it into words.

    ``code`` names the reason, ``params`` holds JSON-friendly details. Pair codes:
    "languages", "topics", "text", "availability", "online", "same_city", "same_area",
    "age", "gender", "load", "waiting", "reciprocity", "same_group", "locked".
    Unmatched codes: "no_eligible_supporter", "no_language", "no_topic_language",
    "no_mode", "no_vetted_for_minor", "all_excluded", "places_taken", "locked_elsewhere".
    """

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, **self.params}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Reason:
        params = {k: v for k, v in data.items() if k != "code"}
        return cls(str(data["code"]), params)


@dataclass(frozen=True, slots=True)
class Pair:
    """A proposed pair: ``score`` from 0 to 100, ``reasons`` strongest first."""

    seeker_id: str
    supporter_id: str
    score: float
    reasons: tuple[Reason, ...] = ()
    locked: bool = False


@dataclass(slots=True, kw_only=True)
class Result:
    """What ``solve`` returns.

    ``pairs``: list of ``Pair`` sorted by seeker id; ``unmatched``: {seeker_id: Reason};
    ``stats``: figures (seekers, supporters, places, candidates, matched, max_matchable,
    total_score, repair_rounds, dropped_locks, seconds per phase).
    """

    pairs: list[Pair]
    unmatched: dict[str, Reason]
    stats: dict[str, Any] = field(default_factory=dict)

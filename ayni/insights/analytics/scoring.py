"""Survey instruments and their scoring, with no Django import.

An instrument is plain data (TOML or JSON, see ``instruments/`` and docs/outcomes.md):
scored items sharing one response scale, scoring rules, optional interpretation bands,
and optional custom questions that are never part of the score.

Scoring rule, exactly (also in docs/outcomes.md):

1. An item is *missing* when its answer is absent or ``None``. Any other answer must be an
   integer inside the scale, or ``AnswerError`` is raised: a wrong value is a bug, not a
   missing answer.
2. A reversed item's answer ``v`` counts as ``scale.min + scale.max - v``.
3. The response is *valid* when at least ``min_answered`` items are answered. An invalid
   response has no score and no band.
4. ``mean``: the score is the mean of the answered items (after reversal).
   ``sum``: the score is that mean multiplied by the number of items, i.e. the sum
   prorated for missing items; with every item answered it is the plain sum.
5. The band is the last band whose ``min`` is at or below the score (bands are contiguous,
   the first starts at the lowest possible score).
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from importlib import resources
from typing import Any, Literal

LANGUAGES: tuple[str, ...] = ("es", "en")
SCORING_METHODS: tuple[str, ...] = ("mean", "sum")
QUESTION_KINDS: tuple[str, ...] = ("single_choice", "scale", "free_text")
MAX_SCALE_POINTS = 101
KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,59}$")

ScoringMethod = Literal["mean", "sum"]
QuestionKind = Literal["single_choice", "scale", "free_text"]


@dataclass(frozen=True)
class Text:
    """A user-facing text in Spanish and English."""

    es: str
    en: str

    def get(self, language: str) -> str:
        """The text in ``language`` ("es", "es-pe", "en-gb"...), else in the other language."""
        code = (language or "").replace("_", "-").split("-")[0].lower()
        preferred = self.es if code == "es" else self.en
        return preferred or self.en or self.es


@dataclass(frozen=True)
class Anchor:
    """A labelled point of a response scale."""

    value: int
    label: Text


@dataclass(frozen=True)
class ResponseScale:
    """Integer answers from ``min`` to ``max``; at least both ends carry a label."""

    min: int
    max: int
    anchors: tuple[Anchor, ...]

    @property
    def values(self) -> range:
        return range(self.min, self.max + 1)

    def label_for(self, value: int) -> Text | None:
        """The anchor label of ``value``, or None for an unlabelled point."""
        for anchor in self.anchors:
            if anchor.value == value:
                return anchor.label
        return None


@dataclass(frozen=True)
class Item:
    """A scored item."""

    key: str
    prompt: Text
    reversed: bool = False


@dataclass(frozen=True)
class Band:
    """An interpretation band: scores from ``min`` up to the next band's ``min``."""

    key: str
    min: float
    label: Text


@dataclass(frozen=True)
class Choice:
    key: str
    label: Text


@dataclass(frozen=True)
class CustomQuestion:
    """A coordinator's own question. Never part of the instrument's score."""

    key: str
    kind: QuestionKind
    prompt: Text
    required: bool = False
    choices: tuple[Choice, ...] = ()
    scale: ResponseScale | None = None
    max_length: int | None = None


@dataclass(frozen=True)
class Instrument:
    """A validated instrument. Build it with ``validate_instrument``, never by hand."""

    key: str
    version: int
    name: Text
    description: Text
    source: str
    higher_is_better: bool
    scale: ResponseScale | None
    items: tuple[Item, ...]
    method: ScoringMethod | None
    min_answered: int
    bands: tuple[Band, ...]
    questions: tuple[CustomQuestion, ...]

    @property
    def is_scored(self) -> bool:
        return bool(self.items)

    @property
    def score_min(self) -> float | None:
        """Lowest possible score (None when nothing is scored)."""
        if not self.items or self.scale is None:
            return None
        return float(self.scale.min * (len(self.items) if self.method == "sum" else 1))

    @property
    def score_max(self) -> float | None:
        """Highest possible score (None when nothing is scored)."""
        if not self.items or self.scale is None:
            return None
        return float(self.scale.max * (len(self.items) if self.method == "sum" else 1))

    def band_for(self, score: float) -> Band | None:
        """The band holding ``score`` (None if the instrument has no bands)."""
        found = None
        for band in self.bands:
            if band.min <= score:
                found = band
        return found


@dataclass(frozen=True)
class ScoreResult:
    """One response's score. ``score`` and ``band`` are None when ``valid`` is False."""

    score: float | None
    valid: bool
    answered: int
    missing: tuple[str, ...]
    band: Band | None


@dataclass(frozen=True)
class FieldError:
    """One problem in instrument data. ``code`` is stable, for translated form messages."""

    field: str
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class InstrumentError(ValueError):
    """Instrument data is invalid; ``errors`` names every faulty field."""

    def __init__(self, errors: Iterable[FieldError]):
        self.errors: tuple[FieldError, ...] = tuple(errors)
        super().__init__("; ".join(str(error) for error in self.errors))


class AnswerError(ValueError):
    """An answer is not a possible answer to its item or question."""

    def __init__(self, key: str, message: str):
        self.key = key
        super().__init__(f"{key}: {message}")


# --------------------------------------------------------------------------- validation


class _Checker:
    """Collects field errors so one pass reports every problem."""

    def __init__(self, languages: tuple[str, ...]):
        self.languages = languages
        self.errors: list[FieldError] = []

    def error(self, field: str, code: str, message: str) -> None:
        self.errors.append(FieldError(field, code, message))

    def mapping(self, value: Any, field: str) -> Mapping[str, Any] | None:
        if value is None:
            self.error(field, "required", "is required")
            return None
        if not isinstance(value, Mapping):
            self.error(field, "not_a_table", "must be a table of fields")
            return None
        return value

    def known_fields(self, data: Mapping[str, Any], field: str, allowed: set[str]) -> None:
        for name in sorted(set(data) - allowed, key=str):
            prefix = f"{field}." if field else ""
            self.error(f"{prefix}{name}", "unknown_field", f"unknown field (allowed: {', '.join(sorted(allowed))})")

    def text(self, data: Mapping[str, Any], field: str, *, required: bool = True) -> Text:
        values = {}
        for language in LANGUAGES:
            value = data.get(language)
            path = f"{field}.{language}" if field else language
            if value is None or (isinstance(value, str) and not value.strip()):
                if required and language in self.languages:
                    self.error(path, "required", "text is required")
                values[language] = ""
            elif not isinstance(value, str):
                self.error(path, "not_text", "must be text")
                values[language] = ""
            else:
                values[language] = value.strip()
        return Text(es=values["es"], en=values["en"])

    def key(self, value: Any, field: str) -> str:
        if not isinstance(value, str) or not KEY_PATTERN.match(value):
            self.error(
                field,
                "invalid_key",
                "must be 1-60 characters: lowercase letters, digits and _, starting with a letter",
            )
            return str(value)
        return value

    def integer(self, value: Any, field: str, *, minimum: int | None = None) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(field, "not_an_integer", "must be a whole number")
            return None
        if minimum is not None and value < minimum:
            self.error(field, "too_small", f"must be at least {minimum}")
            return None
        return value

    def number(self, value: Any, field: str) -> float | None:
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            self.error(field, "not_a_number", "must be a number")
            return None
        return float(value)

    def boolean(self, value: Any, field: str, default: bool) -> bool:
        if value is None:
            return default
        if not isinstance(value, bool):
            self.error(field, "not_a_boolean", "must be true or false")
            return default
        return value

    def entries(self, value: Any, field: str) -> list[Any]:
        if value is None:
            return []
        if isinstance(value, str | bytes) or not isinstance(value, list | tuple):
            self.error(field, "not_a_list", "must be a list")
            return []
        return list(value)

    def scale(self, value: Any, field: str) -> ResponseScale | None:
        data = self.mapping(value, field)
        if data is None:
            return None
        self.known_fields(data, field, {"min", "max", "anchors"})
        low = self.integer(data.get("min"), f"{field}.min")
        high = self.integer(data.get("max"), f"{field}.max")
        if low is None or high is None:
            return None
        if high <= low:
            self.error(f"{field}.max", "not_above_min", "must be greater than min")
            return None
        if high - low + 1 > MAX_SCALE_POINTS:
            self.error(f"{field}.max", "too_many_points", f"a scale has at most {MAX_SCALE_POINTS} points")
            return None
        anchors: list[Anchor] = []
        seen: set[int] = set()
        for index, raw in enumerate(self.entries(data.get("anchors"), f"{field}.anchors")):
            path = f"{field}.anchors[{index}]"
            anchor = self.mapping(raw, path)
            if anchor is None:
                continue
            self.known_fields(anchor, path, {"value", *LANGUAGES})
            point = self.integer(anchor.get("value"), f"{path}.value")
            label = self.text(anchor, path)
            if point is None:
                continue
            if not low <= point <= high:
                self.error(f"{path}.value", "outside_scale", f"must be between {low} and {high}")
            elif point in seen:
                self.error(f"{path}.value", "duplicate", f"{point} already has an anchor")
            else:
                seen.add(point)
                anchors.append(Anchor(point, label))
        for end, name in ((low, "min"), (high, "max")):
            if end not in seen:
                self.error(f"{field}.anchors", "unlabelled_end", f"the {name} value {end} needs a label")
        return ResponseScale(low, high, tuple(sorted(anchors, key=lambda anchor: anchor.value)))


def validate_instrument(data: Mapping[str, Any], *, languages: Iterable[str] = LANGUAGES) -> Instrument:
    """Check instrument data (as loaded from TOML or JSON) and build an ``Instrument``.

    ``languages`` are the languages every text must have (both by default; a coordinator
    licensed for one language only may pass ``("es",)``). Raises ``InstrumentError``
    listing every faulty field, e.g. ``items[2].reversed: must be true or false``.
    """
    check = _Checker(tuple(languages))
    top = check.mapping(data, "instrument")
    if top is None:
        raise InstrumentError(check.errors)
    check.known_fields(
        top,
        "",
        {"key", "version", "name", "description", "source", "higher_is_better", "scale", "scoring", "items", "questions"},
    )
    key = check.key(top.get("key"), "key")
    version = check.integer(top.get("version", 1), "version", minimum=1) or 1
    name_data = check.mapping(top.get("name"), "name")
    name = check.text(name_data, "name") if name_data is not None else Text("", "")
    description = Text("", "")
    if top.get("description") is not None:
        description_data = check.mapping(top.get("description"), "description")
        if description_data is not None:
            description = check.text(description_data, "description", required=False)
    source = top.get("source", "")
    if not isinstance(source, str):
        check.error("source", "not_text", "must be text")
        source = ""
    higher_is_better = check.boolean(top.get("higher_is_better"), "higher_is_better", True)

    used_keys: set[str] = set()
    items: list[Item] = []
    for index, raw in enumerate(check.entries(top.get("items"), "items")):
        path = f"items[{index}]"
        item = check.mapping(raw, path)
        if item is None:
            continue
        check.known_fields(item, path, {"key", "reversed", *LANGUAGES})
        item_key = check.key(item.get("key"), f"{path}.key")
        if item_key in used_keys:
            check.error(f"{path}.key", "duplicate", f"{item_key!r} is used twice")
        used_keys.add(item_key)
        items.append(Item(item_key, check.text(item, path), check.boolean(item.get("reversed"), f"{path}.reversed", False)))

    scale: ResponseScale | None = None
    method: ScoringMethod | None = None
    min_answered = 0
    bands: list[Band] = []
    if items:
        if top.get("scale") is None:
            check.error("scale", "required", "scored items need a response scale")
        else:
            scale = check.scale(top.get("scale"), "scale")
        scoring = check.mapping(top.get("scoring"), "scoring") if top.get("scoring") is not None else None
        if scoring is None:
            if top.get("scoring") is None:
                check.error("scoring", "required", "scored items need scoring rules")
        else:
            check.known_fields(scoring, "scoring", {"method", "min_answered", "min_answered_share", "bands"})
            raw_method = scoring.get("method")
            if raw_method not in SCORING_METHODS:
                check.error("scoring.method", "invalid_choice", "must be 'mean' or 'sum'")
            else:
                method = raw_method
            min_answered = _min_answered(check, scoring, len(items))
            if scale is not None and method is not None:
                bands = _bands(check, scoring.get("bands"), method, scale, len(items))
    else:
        if top.get("scoring") is not None:
            check.error("scoring", "no_items", "scoring rules need at least one scored item")
        if top.get("scale") is not None:
            check.error("scale", "no_items", "a response scale needs at least one scored item")

    questions: list[CustomQuestion] = []
    for index, raw in enumerate(check.entries(top.get("questions"), "questions")):
        question = _question(check, raw, f"questions[{index}]")
        if question is None:
            continue
        if question.key in used_keys:
            check.error(f"questions[{index}].key", "duplicate", f"{question.key!r} is used twice")
        used_keys.add(question.key)
        questions.append(question)
    if not items and not questions:
        check.error("items", "required", "an instrument needs scored items or custom questions")

    if check.errors:
        raise InstrumentError(check.errors)
    return Instrument(
        key=key,
        version=version,
        name=name,
        description=description,
        source=source,
        higher_is_better=higher_is_better,
        scale=scale,
        items=tuple(items),
        method=method,
        min_answered=min_answered,
        bands=tuple(bands),
        questions=tuple(questions),
    )


def _min_answered(check: _Checker, scoring: Mapping[str, Any], item_count: int) -> int:
    has_count = scoring.get("min_answered") is not None
    has_share = scoring.get("min_answered_share") is not None
    if has_count and has_share:
        check.error("scoring.min_answered", "conflict", "give min_answered or min_answered_share, not both")
        return item_count
    if has_count:
        count = check.integer(scoring["min_answered"], "scoring.min_answered", minimum=1)
        if count is not None and count > item_count:
            check.error("scoring.min_answered", "too_large", f"cannot exceed the {item_count} items")
            return item_count
        return count or item_count
    if has_share:
        share = check.number(scoring["min_answered_share"], "scoring.min_answered_share")
        if share is None:
            return item_count
        if not 0 < share <= 1:
            check.error("scoring.min_answered_share", "out_of_range", "must be above 0 and at most 1")
            return item_count
        # Round away float noise first: 0.75 * 4 must give 3, not 4.
        return max(1, math.ceil(round(share * item_count, 9)))
    return item_count


def _bands(check: _Checker, raw_bands: Any, method: str, scale: ResponseScale, item_count: int) -> list[Band]:
    factor = item_count if method == "sum" else 1
    low, high = scale.min * factor, scale.max * factor
    bands: list[Band] = []
    seen: set[str] = set()
    for index, raw in enumerate(check.entries(raw_bands, "scoring.bands")):
        path = f"scoring.bands[{index}]"
        band = check.mapping(raw, path)
        if band is None:
            continue
        check.known_fields(band, path, {"key", "min", *LANGUAGES})
        band_key = check.key(band.get("key"), f"{path}.key")
        if band_key in seen:
            check.error(f"{path}.key", "duplicate", f"{band_key!r} is used twice")
        seen.add(band_key)
        lower = check.number(band.get("min"), f"{path}.min")
        label = check.text(band, path)
        if lower is None:
            continue
        if not low <= lower <= high:
            check.error(f"{path}.min", "outside_range", f"must be between {low} and {high}")
            continue
        if bands and lower <= bands[-1].min:
            check.error(f"{path}.min", "not_increasing", "bands must be listed from the lowest min, each min higher")
            continue
        if not bands and lower != low:
            check.error(f"{path}.min", "gap_at_start", f"the first band must start at the lowest score, {low}")
        bands.append(Band(band_key, lower, label))
    return bands


def _question(check: _Checker, raw: Any, path: str) -> CustomQuestion | None:
    question = check.mapping(raw, path)
    if question is None:
        return None
    check.known_fields(question, path, {"key", "kind", "required", "choices", "scale", "max_length", *LANGUAGES})
    key = check.key(question.get("key"), f"{path}.key")
    prompt = check.text(question, path)
    required = check.boolean(question.get("required"), f"{path}.required", False)
    kind = question.get("kind")
    if kind not in QUESTION_KINDS:
        check.error(f"{path}.kind", "invalid_choice", f"must be one of {', '.join(QUESTION_KINDS)}")
        return None
    for name, allowed_kind in (("choices", "single_choice"), ("scale", "scale"), ("max_length", "free_text")):
        if question.get(name) is not None and kind != allowed_kind:
            check.error(f"{path}.{name}", "not_for_kind", f"only a {allowed_kind} question has {name}")
    choices: list[Choice] = []
    scale = None
    max_length = None
    if kind == "single_choice":
        seen: set[str] = set()
        for index, raw_choice in enumerate(check.entries(question.get("choices"), f"{path}.choices")):
            choice_path = f"{path}.choices[{index}]"
            choice = check.mapping(raw_choice, choice_path)
            if choice is None:
                continue
            check.known_fields(choice, choice_path, {"key", *LANGUAGES})
            choice_key = check.key(choice.get("key"), f"{choice_path}.key")
            if choice_key in seen:
                check.error(f"{choice_path}.key", "duplicate", f"{choice_key!r} is used twice")
            seen.add(choice_key)
            choices.append(Choice(choice_key, check.text(choice, choice_path)))
        if len(choices) < 2:
            check.error(f"{path}.choices", "too_few", "a single-choice question needs at least two choices")
    elif kind == "scale":
        if question.get("scale") is None:
            check.error(f"{path}.scale", "required", "a scale question needs a response scale")
        else:
            scale = check.scale(question.get("scale"), f"{path}.scale")
    else:
        raw_length = question.get("max_length", 2000)
        max_length = check.integer(raw_length, f"{path}.max_length", minimum=1)
    return CustomQuestion(key, kind, prompt, required, tuple(choices), scale, max_length)


def instrument_as_dict(instrument: Instrument) -> dict[str, Any]:
    """The instrument as plain data in the TOML/JSON schema (``validate_instrument`` reads it back)."""

    def text(value: Text) -> dict[str, str]:
        return {"es": value.es, "en": value.en}

    def scale(value: ResponseScale) -> dict[str, Any]:
        return {
            "min": value.min,
            "max": value.max,
            "anchors": [{"value": anchor.value, **text(anchor.label)} for anchor in value.anchors],
        }

    data: dict[str, Any] = {
        "key": instrument.key,
        "version": instrument.version,
        "name": text(instrument.name),
        "description": text(instrument.description),
        "source": instrument.source,
        "higher_is_better": instrument.higher_is_better,
    }
    if instrument.items and instrument.scale is not None:
        data["scale"] = scale(instrument.scale)
        data["scoring"] = {
            "method": instrument.method,
            "min_answered": instrument.min_answered,
            "bands": [{"key": band.key, "min": band.min, **text(band.label)} for band in instrument.bands],
        }
        data["items"] = [{"key": item.key, "reversed": item.reversed, **text(item.prompt)} for item in instrument.items]
    questions = []
    for question in instrument.questions:
        entry: dict[str, Any] = {"key": question.key, "kind": question.kind, "required": question.required, **text(question.prompt)}
        if question.kind == "single_choice":
            entry["choices"] = [{"key": choice.key, **text(choice.label)} for choice in question.choices]
        elif question.kind == "scale" and question.scale is not None:
            entry["scale"] = scale(question.scale)
        elif question.kind == "free_text":
            entry["max_length"] = question.max_length
        questions.append(entry)
    if questions:
        data["questions"] = questions
    return data


@cache
def _packaged_instruments() -> tuple[Instrument, ...]:
    folder = resources.files(__package__).joinpath("instruments")
    found = []
    for entry in sorted(folder.iterdir(), key=lambda path: path.name):
        if entry.name.endswith(".toml"):
            found.append(validate_instrument(tomllib.loads(entry.read_text(encoding="utf-8"))))
    return tuple(found)


def load_instruments() -> dict[str, Instrument]:
    """The instruments shipped with Ayni, by key: ayni_belonging, ayni_loneliness, ayni_wellbeing."""
    return {instrument.key: instrument for instrument in _packaged_instruments()}


# --------------------------------------------------------------------------- answers


def check_answer(instrument: Instrument, key: str, value: Any) -> None:
    """Raise ``AnswerError`` unless ``value`` is a possible answer to item or question ``key``.

    ``None`` (not answered) is always accepted here; required questions are the form's job.
    """
    item = next((item for item in instrument.items if item.key == key), None)
    if item is not None:
        if value is not None:
            assert instrument.scale is not None
            _check_scale_value(key, value, instrument.scale)
        return
    question = next((question for question in instrument.questions if question.key == key), None)
    if question is None:
        raise AnswerError(key, f"not an item or question of {instrument.key}")
    if value is None:
        return
    if question.kind == "single_choice":
        if value not in {choice.key for choice in question.choices}:
            raise AnswerError(key, "not one of the choices")
    elif question.kind == "scale":
        assert question.scale is not None
        _check_scale_value(key, value, question.scale)
    else:
        if not isinstance(value, str):
            raise AnswerError(key, "must be text")
        if question.max_length is not None and len(value) > question.max_length:
            raise AnswerError(key, f"longer than {question.max_length} characters")


def _check_scale_value(key: str, value: Any, scale: ResponseScale) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise AnswerError(key, "must be a whole number")
    if not scale.min <= value <= scale.max:
        raise AnswerError(key, f"must be between {scale.min} and {scale.max}")


def score_response(instrument: Instrument, answers: Mapping[str, int | None]) -> ScoreResult:
    """Score one person's answers (item key -> answer, None or absent when not answered).

    Follows the module's scoring rule. Answers to custom questions may be present and are
    ignored; unknown keys and impossible values raise ``AnswerError``.
    """
    if not instrument.items or instrument.scale is None:
        raise ValueError(f"{instrument.key} has no scored items")
    for key, value in answers.items():
        check_answer(instrument, key, value)
    scale = instrument.scale
    total = 0
    answered = 0
    missing: list[str] = []
    for item in instrument.items:
        value = answers.get(item.key)
        if value is None:
            missing.append(item.key)
            continue
        total += scale.min + scale.max - value if item.reversed else value
        answered += 1
    if answered < instrument.min_answered or answered == 0:
        return ScoreResult(None, False, answered, tuple(missing), None)
    factor = len(instrument.items) if instrument.method == "sum" else 1
    score = float(Fraction(total * factor, answered))
    return ScoreResult(score, True, answered, tuple(missing), instrument.band_for(score))


def tally_answers(question: CustomQuestion, values: Iterable[Any]) -> dict[str | int, int]:
    """Count the answers to a single-choice or scale question, every option listed (0 if unused).

    Unanswered (None) values are skipped. Free-text questions cannot be tallied.
    """
    if question.kind == "single_choice":
        counts: dict[str | int, int] = {choice.key: 0 for choice in question.choices}
    elif question.kind == "scale" and question.scale is not None:
        counts = dict.fromkeys(question.scale.values, 0)
    else:
        raise ValueError(f"{question.key}: free-text answers are not tallied")
    for value in values:
        if value is None:
            continue
        if isinstance(value, bool) or value not in counts:
            raise AnswerError(question.key, f"{value!r} is not a possible answer")
        counts[value] += 1
    return counts

"""Figures for the detector on a labelled corpus (used by the tests and bench/crisis).

Corpus files are JSON lines: ``{"id", "language", "text", "level", "category", "kind"}`` with
``level`` the expected one ("none", "concern", "urgent") and ``category`` the main expected
category (or null).

Measures, per language:

- per level (concern, urgent): precision and recall of that exact level;
- ``alarm_precision``: of the texts the detector flagged (concern or urgent), the share that
  should have been flagged at all: the false-alarm measure ("precision overall");
- ``flagged_exact_precision``: of the flagged texts, the share flagged at the right level;
- ``alarm_recall``: of the texts that should be flagged, the share flagged at any level;
- ``urgent_flagged``: of the urgent texts, the share flagged at any level (missed entirely
  otherwise);
- ``accuracy``: exact level agreement;
- ``category_hits``: of the correctly flagged texts with a category, the share whose expected
  category is among the findings.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from .detector import detect

CORPUS_DIR = Path(__file__).resolve().parent / "corpus"


@dataclass
class Figures:
    language: str
    total: int = 0
    counts: dict[str, dict[str, int]] = field(default_factory=dict)  # gold -> predicted -> n
    category_checked: int = 0
    category_hit: int = 0
    errors: list[tuple[dict, str]] = field(default_factory=list)

    def _count(self, gold: str, predicted: str) -> int:
        return self.counts.get(gold, {}).get(predicted, 0)

    def _gold(self, gold: str) -> int:
        return sum(self.counts.get(gold, {}).values())

    def _predicted(self, predicted: str) -> int:
        return sum(row.get(predicted, 0) for row in self.counts.values())

    def precision(self, level: str) -> float:
        predicted = self._predicted(level)
        return self._count(level, level) / predicted if predicted else 1.0

    def recall(self, level: str) -> float:
        gold = self._gold(level)
        return self._count(level, level) / gold if gold else 1.0

    def support(self, level: str) -> int:
        return self._gold(level)

    @property
    def alarm_precision(self) -> float:
        flagged = self._predicted("concern") + self._predicted("urgent")
        wrong = self._count("none", "concern") + self._count("none", "urgent")
        return (flagged - wrong) / flagged if flagged else 1.0

    @property
    def flagged_exact_precision(self) -> float:
        """Of the texts flagged, the share flagged at exactly the right level."""
        flagged = self._predicted("concern") + self._predicted("urgent")
        right = self._count("concern", "concern") + self._count("urgent", "urgent")
        return right / flagged if flagged else 1.0

    @property
    def alarm_recall(self) -> float:
        should = self._gold("concern") + self._gold("urgent")
        missed = self._count("concern", "none") + self._count("urgent", "none")
        return (should - missed) / should if should else 1.0

    @property
    def urgent_flagged(self) -> float:
        gold = self._gold("urgent")
        return (gold - self._count("urgent", "none")) / gold if gold else 1.0

    @property
    def accuracy(self) -> float:
        right = sum(self._count(level, level) for level in ("none", "concern", "urgent"))
        return right / self.total if self.total else 1.0

    @property
    def category_accuracy(self) -> float:
        return self.category_hit / self.category_checked if self.category_checked else 1.0


def load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


# Sets of sentences the rules and the models were never tuned on, newest first: the first one
# present is "the held-out set". ``blind_*`` is written by someone other than the rules' author
# and measured once; ``heldout_*`` by the same author after freezing the rules.
HELDOUT_PREFIXES = ("blind", "heldout")
# The sets the learned models are trained on: the development corpus and the first independent
# set (``independent_*``, 172/169 sentences written by someone else: blind until the sixth round,
# measured once there, then folded into training, so its figures are no longer honest ones).
TRAINING_PREFIXES = ("dev", "independent")


def corpus_files(prefix: str) -> dict[str, Path]:
    """``{"es": path, "en": path}`` for ``prefix`` ("dev", "independent", "blind", "heldout"...)."""
    return {path.stem.rsplit("_", 1)[1]: path for path in sorted(CORPUS_DIR.glob(f"{prefix}_*.jsonl"))}


def heldout_prefix() -> str | None:
    """The prefix of the current held-out set (the first of ``HELDOUT_PREFIXES`` with files), or
    None when every held-out set has been folded into the development corpus."""
    return next((prefix for prefix in HELDOUT_PREFIXES if corpus_files(prefix)), None)


def evaluate(rows: list[dict], language: str) -> Figures:
    figures = Figures(language=language)
    for row in rows:
        result = detect(row["text"])
        gold = row["level"]
        figures.total += 1
        figures.counts.setdefault(gold, {}).setdefault(result.level, 0)
        figures.counts[gold][result.level] += 1
        if result.level != gold:
            figures.errors.append((row, result.level))
        if gold != "none" and result.level != "none" and row.get("category"):
            figures.category_checked += 1
            if row["category"] in {finding.category for finding in result.reasons}:
                figures.category_hit += 1
    return figures


def speed(texts: list[str], repeat: int = 3) -> float:
    """Texts per second (best of ``repeat`` passes)."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        for text in texts:
            detect(text)
        best = min(best, time.perf_counter() - started)
    return len(texts) / best if best else float("inf")


def table(figures: Figures) -> str:
    lines = [
        f"{figures.language}: {figures.total} texts, exact level accuracy {figures.accuracy:.3f}",
        f"  {'level':<8} {'support':>7} {'precision':>9} {'recall':>7}",
    ]
    for level in ("none", "concern", "urgent"):
        lines.append(
            f"  {level:<8} {figures.support(level):>7} {figures.precision(level):>9.3f} "
            f"{figures.recall(level):>7.3f}"
        )
    lines.append(
        f"  flagged at any level: precision {figures.alarm_precision:.3f} "
        f"(at the right level {figures.flagged_exact_precision:.3f}), "
        f"recall {figures.alarm_recall:.3f}"
    )
    lines.append(
        f"  urgent texts flagged at some level {figures.urgent_flagged:.3f}; "
        f"expected category among the findings {figures.category_accuracy:.3f}"
    )
    return "\n".join(lines)

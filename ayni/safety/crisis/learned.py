"""A small learned second opinion for the crisis rules: logistic regression on words, word
pairs and character n-grams, trained on the labelled training sets (the development corpus and
the folded first independent set: :func:`training_rows`).

The rules name what they see and handle negation, reported speech and idioms; they miss
wording nobody wrote a rule for. This model reads the texture of a sentence ("given my cat
away", "sobro en mi familia") and lifts the level when it is confident. It never lowers what
the rules found.

Runtime is plain Python: the fitted weights are a JSON file beside this module
(``learned_model.json``), read once. Training needs NumPy and runs from the command line::

    /work/main/.venv/bin/python -m ayni.safety.crisis.learned --train   # writes the JSON file

Three models share one feature space: ``flag`` (concern or urgent against none), ``urgent``
(urgent against the rest) and one-against-the-rest per category, used to name a category.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from pathlib import Path

from .text import fold

MODEL_PATH = Path(__file__).resolve().parent / "learned_model.json"
_TOKEN = re.compile(r"[a-z0-9]+")
_SENTENCE_END = re.compile(r"(?<=[.!?\n;])\s+|\s*\n\s*")
# Spelling that informal writing varies: squeeze before the features so "kiero" meets "quiero".
_SPELLING = [
    (re.compile(r"\bq\b"), "que"),
    (re.compile(r"\bk(?=[ie])"), "qu"),
    (re.compile(r"\bxq\b|\bpq\b"), "porque"),
    (re.compile(r"\bu\b"), "you"),
    (re.compile(r"\bur\b"), "your"),
    (re.compile(r"\b(rn)\b"), "right now"),
    (re.compile(r"\bim\b"), "i am"),
    (re.compile(r"\bive\b"), "i have"),
    (re.compile(r"\bgonna\b"), "going to"),
    (re.compile(r"\bwanna\b"), "want to"),
    (re.compile(r"\bcant\b"), "can not"),
    (re.compile(r"\bdont\b"), "do not"),
    (re.compile(r"\bn't\b|n't"), " not"),
    (re.compile(r"'"), ""),
]


def normalise(text: str) -> str:
    folded = fold(text)
    for pattern, replacement in _SPELLING:
        folded = pattern.sub(replacement, folded)
    return folded


def features(text: str) -> set[str]:
    """The feature names of one text: words, adjacent word pairs, pairs with one word
    skipped, and character 3- to 5-grams inside words (they carry conjugations and typos)."""
    tokens = _TOKEN.findall(normalise(text))
    found: set[str] = set()
    for index, token in enumerate(tokens):
        found.add("w:" + token)
        if index + 1 < len(tokens):
            found.add("b:" + token + "_" + tokens[index + 1])
        if index + 2 < len(tokens):
            found.add("s:" + token + "_" + tokens[index + 2])
        padded = f" {token} "
        for size in (3, 4, 5):
            for start in range(0, len(padded) - size + 1):
                found.add("c:" + padded[start : start + size])
    return found


def sentences(text: str) -> list[str]:
    parts = [part for part in _SENTENCE_END.split(text or "") if part and part.strip()]
    return parts or [text or ""]


@lru_cache(maxsize=1)
def _model() -> dict | None:
    if not MODEL_PATH.exists():
        return None
    with MODEL_PATH.open(encoding="utf-8") as handle:
        return json.load(handle)


def _score(weights: dict[str, float], bias: float, names: set[str]) -> float:
    if not names:
        return 1 / (1 + math.exp(-bias))
    total = sum(weights.get(name, 0.0) for name in names) / math.sqrt(len(names))
    value = total + bias
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, value))))


def assess(text: str) -> dict | None:
    """``{"flag": p, "urgent": p, "category": name, "start": i, "end": j}`` for the sentence of
    ``text`` the model worries about most (``start``/``end`` index ``text``), or None when no
    model is shipped."""
    model = _model()
    if model is None:
        return None
    best: dict | None = None
    best_names: set[str] = set()
    position = 0
    source = text or ""
    for sentence in sentences(source):
        start = source.find(sentence, position)
        start = position if start < 0 else start
        position = start + len(sentence)
        names = features(sentence)
        flag = _score(model["flag"]["weights"], model["flag"]["bias"], names)
        urgent = _score(model["urgent"]["weights"], model["urgent"]["bias"], names)
        if best is None or (flag, urgent) > (best["flag"], best["urgent"]):
            best = {"flag": flag, "urgent": urgent, "start": start, "end": start + len(sentence.rstrip())}
            best_names = names
    if best is not None:
        categories = {
            name: _score(part["weights"], part["bias"], best_names) for name, part in model["categories"].items()
        }
        best["category"] = max(categories, key=categories.__getitem__)
    return best


# Training (development time only; needs NumPy) ------------------------------------------------


def train(rows: list[dict], *, l2: float = 1e-4, steps: int = 400, min_count: int = 2) -> dict:
    """Fit the three models on labelled rows (the corpus format) and return the JSON-able
    model. Full-batch gradient descent with Adam on sparse binary features, each text's
    vector scaled to unit length."""
    import numpy as np

    docs = [features(row["text"]) for row in rows]
    counts: dict[str, int] = {}
    for names in docs:
        for name in names:
            counts[name] = counts.get(name, 0) + 1
    vocabulary = sorted(name for name, count in counts.items() if count >= min_count)
    index = {name: position for position, name in enumerate(vocabulary)}
    cols: list[int] = []
    rowptr = [0]
    for names in docs:
        chosen = sorted(index[name] for name in names if name in index)
        cols.extend(chosen)
        rowptr.append(len(cols))
    cols_array = np.array(cols, dtype=np.int64)
    row_of = np.repeat(np.arange(len(docs)), np.diff(rowptr))
    # Same scaling as at runtime: divided by the square root of all the text's features.
    values = np.repeat(1 / np.sqrt([max(len(names), 1) for names in docs]), np.diff(rowptr))

    def fit(labels: np.ndarray, weight_positive: float = 1.0) -> dict:
        weights = np.zeros(len(vocabulary))
        bias = 0.0
        m_w = np.zeros_like(weights)
        v_w = np.zeros_like(weights)
        m_b = v_b = 0.0
        sample_weight = np.where(labels == 1, weight_positive, 1.0)
        sample_weight = sample_weight / sample_weight.mean()
        for step in range(1, steps + 1):
            margins = np.bincount(row_of, weights=weights[cols_array] * values, minlength=len(docs)) + bias
            probabilities = 1 / (1 + np.exp(-np.clip(margins, -30, 30)))
            error = (probabilities - labels) * sample_weight / len(docs)
            grad_w = np.bincount(cols_array, weights=error[row_of] * values, minlength=len(vocabulary))
            grad_w += l2 * weights
            grad_b = error.sum()
            m_w = 0.9 * m_w + 0.1 * grad_w
            v_w = 0.999 * v_w + 0.001 * grad_w**2
            m_b = 0.9 * m_b + 0.1 * grad_b
            v_b = 0.999 * v_b + 0.001 * grad_b**2
            rate = 0.05
            weights -= rate * (m_w / (1 - 0.9**step)) / (np.sqrt(v_w / (1 - 0.999**step)) + 1e-8)
            bias -= rate * (m_b / (1 - 0.9**step)) / (math.sqrt(v_b / (1 - 0.999**step)) + 1e-8)
        kept = {vocabulary[i]: round(float(w), 4) for i, w in enumerate(weights) if abs(w) >= 0.005}
        return {"weights": kept, "bias": round(float(bias), 4)}

    levels = [row["level"] for row in rows]
    flag = fit(np.array([level != "none" for level in levels], dtype=float))
    urgent = fit(np.array([level == "urgent" for level in levels], dtype=float))
    categories = {}
    names = sorted({row["category"] for row in rows if row.get("category")})
    for name in names:
        categories[name] = fit(np.array([row.get("category") == name for row in rows], dtype=float))
    return {"flag": flag, "urgent": urgent, "categories": categories, "trained_on": len(rows)}


def training_rows() -> list[dict]:
    """The labelled rows both learned models are fitted on: every set of
    :data:`~ayni.safety.crisis.evaluation.TRAINING_PREFIXES`. The independent set names
    sexual abuse of a minor "abuse_minor": the detector's category for it is "abuse"."""
    from .evaluation import TRAINING_PREFIXES, corpus_files, load

    rows = [row for prefix in TRAINING_PREFIXES for path in corpus_files(prefix).values() for row in load(path)]
    return [{**row, "category": "abuse"} if row.get("category") == "abuse_minor" else row for row in rows]


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="Train the crisis detector's learned component.")
    parser.add_argument("--train", action="store_true", help="fit on the training sets (dev and independent) and save")
    arguments = parser.parse_args(argv)
    if not arguments.train:
        parser.print_help()
        return 1
    rows = training_rows()
    model = train(rows)
    MODEL_PATH.write_text(json.dumps(model, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n")
    sizes = {name: len(model[name]["weights"]) for name in ("flag", "urgent")}
    print(f"Trained on {len(rows)} sentences; weights kept {sizes}; wrote {MODEL_PATH}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

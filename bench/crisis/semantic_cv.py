"""Cross-validation of the learned opinions and of the whole detector on the training sets.

    /work/main/.venv/bin/python bench/crisis/semantic_cv.py [--cache /tmp/emb.npz] [--sweep]

The rows are those both learned models are fitted on (``learned.training_rows()``: the
development corpus and the folded first independent set). Five folds, stratified by level and
grouped so that near-duplicates stay together: texts whose embeddings have a cosine of 0.975 or
more, and a text and its mutual nearest neighbour in the other language when their cosine is 0.9
or more (a sentence and its translation). For each fold BOTH learned models (the n-gram model
and the embedding model) are fitted on the other four; the detector then reads every held-out
row with the rules and those out-of-fold opinions. The figures are out of fold for the models,
not for the rules: the rules were written while reading the development corpus, so the subset
"new" (rows added in the seventh round and the independent set, which no rule was written from
before they were folded in) is printed apart and is the more honest one.

``--sweep`` prints the detector's figures for candidate gates of the embedding opinion
(thresholds, who the sentence must speak of, reading the whole message); without it, only the
shipped gate.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from ayni.safety.crisis import detector, learned, semantic
from ayni.safety.crisis.evaluation import Figures

FOLDS = 5
NEAR = 0.975
TRANSLATION = 0.9
NGRAM_CACHE = Path("/tmp/crisis_cv_ngram")


def embeddings(texts: list[str], cache: Path | None) -> dict[str, np.ndarray]:
    known: dict[str, np.ndarray] = {}
    if cache and cache.exists():
        data = np.load(cache, allow_pickle=True)
        known = dict(zip(data["texts"].tolist(), data["vectors"], strict=True))
    missing = [text for text in texts if text not in known]
    if missing:
        known.update(zip(missing, semantic.embed(missing), strict=True))
        if cache:
            np.savez(cache, texts=np.array(list(known), dtype=object), vectors=np.stack(list(known.values())))
    return known


def groups(vectors: np.ndarray, languages: list[str] | None = None) -> np.ndarray:
    parent = list(range(len(vectors)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    similar = vectors @ vectors.T
    for i, j in zip(*np.nonzero(np.triu(similar >= NEAR, 1)), strict=True):
        parent[find(int(i))] = find(int(j))
    if languages is not None:
        language = np.array(languages)
        for code in sorted(set(languages)):
            mine = np.nonzero(language == code)[0]
            other = np.nonzero(language != code)[0]
            if not len(other):
                continue
            block = similar[np.ix_(mine, other)]
            nearest = other[block.argmax(axis=1)]
            back = mine[similar[np.ix_(other, mine)].argmax(axis=1)]
            back_of = dict(zip(other.tolist(), back.tolist(), strict=True))
            for i, j in zip(mine.tolist(), nearest.tolist(), strict=True):
                if back_of[j] == i and similar[i, j] >= TRANSLATION:
                    parent[find(i)] = find(j)
    return np.array([find(i) for i in range(len(vectors))])


def folds(rows: list[dict], group: np.ndarray) -> np.ndarray:
    """Stratified group folds: groups sorted by size then id, dealt per majority level to the
    fold with the fewest rows of that level (deterministic)."""
    fold_of = np.zeros(len(rows), dtype=int)
    members: dict[int, list[int]] = {}
    for i, g in enumerate(group):
        members.setdefault(int(g), []).append(i)
    load = np.zeros((FOLDS, 3))
    for g in sorted(members, key=lambda g: (-len(members[g]), g)):
        levels = [semantic.LEVELS.index(rows[i]["level"]) for i in members[g]]
        level = max(set(levels), key=levels.count)
        fold = int(np.argmin(load[:, level] + 1e-3 * load.sum(axis=1)))
        for i in members[g]:
            fold_of[i] = fold
            load[fold, semantic.LEVELS.index(rows[i]["level"])] += 1
    return fold_of


def spans(text: str) -> list[tuple[int, int]]:
    """The sentence spans :func:`semantic.assess` reads (without the whole-message span)."""
    return semantic.sentence_spans(text)


def loaded(model: dict) -> dict:
    return {
        "mean": np.asarray(model["mean"]), "scale": np.asarray(model["scale"]),
        "hidden_w": np.asarray(model["level"]["hidden_weights"]), "hidden_b": np.asarray(model["level"]["hidden_bias"]),
        "level_w": np.asarray(model["level"]["weights"]), "level_b": np.asarray(model["level"]["bias"]),
        "category_w": np.asarray(model["category"]["weights"]),
        "category_b": np.asarray(model["category"]["bias"]), "categories": model["categories"],
    }


def ngram_model(rows: list[dict]) -> dict:
    """The n-gram model fitted on ``rows`` (cached on disk by the rows' digest: 15 s a fit)."""
    key = hashlib.sha256(semantic.corpus_digest(rows).encode()).hexdigest()[:16]
    path = NGRAM_CACHE / f"{key}.json"
    if path.exists():
        return json.loads(path.read_text())
    model = learned.train(rows)
    NGRAM_CACHE.mkdir(exist_ok=True)
    path.write_text(json.dumps(model))
    return model


def detector_figures(rows, fold_of, ngram_models, opinion, new):
    """Figures of the whole detector, each row read with its fold's out-of-fold opinions."""
    current = {"fold": 0}
    saved = (learned._model, semantic.assess, semantic.available)
    learned._model = lambda: ngram_models[current["fold"]]
    semantic.assess = opinion
    semantic.available = lambda: True
    figures = {"es": Figures("es"), "en": Figures("en"), "all": Figures("all"), "new": Figures("new")}
    try:
        for i, row in enumerate(rows):
            current["fold"] = int(fold_of[i])
            result = detector.detect(row["text"])
            for name in (row["language"], "all", "new") if new[i] else (row["language"], "all"):
                f = figures[name]
                f.total += 1
                f.counts.setdefault(row["level"], {}).setdefault(result.level, 0)
                f.counts[row["level"]][result.level] += 1
                if result.level != row["level"]:
                    f.errors.append((row, result.level))
    finally:
        learned._model, semantic.assess, semantic.available = saved
    return figures


def line(name: str, f: Figures) -> str:
    return (f"{name:<34} precision {f.alarm_precision:.3f}  urgent recall {f.recall('urgent'):.3f}  "
            f"urgent flagged {f.urgent_flagged:.3f}  concern recall {f.recall('concern'):.3f}  "
            f"flagged recall {f.alarm_recall:.3f}  right level {f.flagged_exact_precision:.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=None, help="embeddings cache (.npz)")
    parser.add_argument("--sweep", action="store_true", help="figures for candidate gates")
    parser.add_argument("--only", default=None, help="with --sweep: only the gates whose name contains this")
    parser.add_argument("--errors", action="store_true", help="list the shipped gate's mistakes on new rows")
    arguments = parser.parse_args(argv)
    rows = semantic.training_rows()
    row_spans = [spans(row["text"]) or [(0, len(row["text"]))] for row in rows]
    wholes = [(s[0][0], s[-1][1]) if 1 < len(s) <= 6 else None for s in row_spans]
    needed = {row["text"] for row in rows}
    for row, s, whole in zip(rows, row_spans, wholes, strict=True):
        needed.update(row["text"][a:b] for a, b in s)
        if whole:
            needed.add(row["text"][whole[0]:whole[1]])
    vectors = embeddings(sorted(needed), arguments.cache)
    x = np.stack([vectors[row["text"]] for row in rows]).astype(np.float64)
    group = groups(x, [row["language"] for row in rows])
    fold_of = folds(rows, group)
    gold = np.array([semantic.LEVELS.index(row["level"]) for row in rows])
    new = np.array([row.get("origin") == "v6-crisis" or row["id"].startswith("indep") for row in rows])
    print(f"{len(rows)} rows ({int(new.sum())} new), {len(set(group.tolist()))} groups, "
          f"fold sizes {np.bincount(fold_of).tolist()}")
    ngram_models = []
    per_span: list[list[tuple[float, float, str, int, int, bool]]] = [[] for _ in rows]
    for fold in range(FOLDS):
        train = [i for i in range(len(rows)) if fold_of[i] != fold]
        ngram_models.append(ngram_model([rows[i] for i in train]))
        model = loaded(semantic.train_on_vectors(x[train], [rows[i] for i in train]))
        for i in np.nonzero(fold_of == fold)[0]:
            text = rows[i]["text"]
            chosen = [(a, b, False) for a, b in row_spans[i]] + ([(*wholes[i], True)] if wholes[i] else [])
            sv = np.stack([vectors[text[a:b]] for a, b, _ in chosen])
            probs = semantic.probabilities(sv, model)
            cats = semantic._softmax(semantic.standardise(sv, model) @ model["category_w"] + model["category_b"])
            for k, (a, b, whole) in enumerate(chosen):
                per_span[i].append((float(probs[k, 1] + probs[k, 2]), float(probs[k, 2]),
                                    model["categories"][int(cats[k].argmax())], a, b, whole))
    by_text = {row["text"]: i for i, row in enumerate(rows)}

    def opinion_for(read_whole: bool):
        def assess(text):
            options = [o for o in per_span[by_text[text]] if read_whole or not o[5]]
            flag, urgent, category, start, end, _ = max(options, key=lambda o: (o[0], o[1]))
            return {"flag": flag, "urgent": urgent, "category": category, "start": start, "end": end}
        return assess

    # The opinion alone (most worrying span of each row), out of fold.
    for read_whole in (False, True):
        best = [opinion_for(read_whole)(row["text"]) for row in rows]
        flag = np.array([b["flag"] for b in best])
        urgent = np.array([b["urgent"] for b in best])
        print(f"\nEmbedding opinion alone, out of fold ({'sentences and whole message' if read_whole else 'sentences'}):")
        print("threshold | flag >= t: precision recall | urgent >= t: precision recall | new rows urgent: precision recall")
        for t in (0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95):
            cells = []
            for score, positive, mask in ((flag, gold > 0, None), (urgent, gold == 2, None), (urgent, gold == 2, new)):
                m = np.ones(len(rows), bool) if mask is None else mask
                chosen = (score >= t) & m
                precision = positive[chosen].mean() if chosen.any() else 1.0
                recall = chosen[positive & m].mean()
                cells.append(f"{precision:.3f} {recall:.3f}")
            print(f"{t:>9.2f} | " + " | ".join(cells))

    shipped = {
        "SEMANTIC_URGENT": detector.SEMANTIC_URGENT, "SEMANTIC_URGENT_FLAG": detector.SEMANTIC_URGENT_FLAG,
        "SEMANTIC_CONCERN": detector.SEMANTIC_CONCERN, "SEMANTIC_SPEAKS_OF": detector.SEMANTIC_SPEAKS_OF,
        "SEMANTIC_MIN_WORDS": detector.SEMANTIC_MIN_WORDS,
        "NGRAM_NEEDS_SEMANTIC_FLAG": detector.NGRAM_NEEDS_SEMANTIC_FLAG,
        "SEMANTIC_NEEDS_NGRAM_FLAG": detector.SEMANTIC_NEEDS_NGRAM_FLAG,
    }
    writer = detector._WRITER_IN_EXPRESSION
    people = detector._PEOPLE_IN_EXPRESSION
    configs = [("shipped", {}, bool(semantic.READ_WHOLE))]
    if arguments.sweep:
        configs = [
            ("no semantic opinion", {"SEMANTIC_URGENT": 2.0, "SEMANTIC_CONCERN": 2.0}, False),
            ("sixth round (writer, 0.9/0.9, 5 w)", {"SEMANTIC_URGENT": 0.9, "SEMANTIC_CONCERN": 0.9,
                                                     "SEMANTIC_SPEAKS_OF": writer, "SEMANTIC_MIN_WORDS": 5}, False),
        ]
        for speaks, pattern, read_whole, urgent_t, concern_t in [
            ("people", people, False, 0.7, 0.9),
            ("writer", writer, True, 0.6, 0.9), ("writer", writer, True, 0.8, 0.9),
            *[("people", people, True, u, c) for u in (0.5, 0.6, 0.7, 0.8, 0.9) for c in (0.8, 0.9)],
        ]:
            configs.append((f"{speaks} whole={int(read_whole)} u{urgent_t} c{concern_t} 4w", {
                "SEMANTIC_URGENT": urgent_t, "SEMANTIC_CONCERN": concern_t,
                "SEMANTIC_SPEAKS_OF": pattern, "SEMANTIC_MIN_WORDS": 4}, read_whole))
        for ngram_needs, semantic_needs, urgents in (
            (0.1, 0.0, (0.5, 0.6)), (0.2, 0.0, (0.5, 0.6)), (0.3, 0.0, (0.5, 0.6)), (0.0, 0.1, (0.5, 0.6)),
            (0.2, 0.1, (0.5, 0.6)), (0.1, 0.2, (0.5, 0.6, 0.8)), (0.1, 0.3, (0.5, 0.6, 0.8)), (0.1, 0.5, (0.5, 0.6, 0.8)),
        ):
            for urgent_t in urgents:
                configs.append((f"people whole=1 u{urgent_t} c0.9 5w, cross-check n-gram needs semantic flag "
                                f">= {ngram_needs}, semantic needs n-gram flag >= {semantic_needs}", {
                                    "SEMANTIC_URGENT": urgent_t, "NGRAM_NEEDS_SEMANTIC_FLAG": ngram_needs,
                                    "SEMANTIC_NEEDS_NGRAM_FLAG": semantic_needs}, True))
    if arguments.only:
        configs = [config for config in configs if arguments.only in config[0]]
    for name, overrides, read_whole in configs:
        for key, value in {**shipped, **overrides}.items():
            setattr(detector, key, value)
        figures = detector_figures(rows, fold_of, ngram_models, opinion_for(read_whole), new)
        newfig = figures
        print(f"\n{name}")
        for language in ("es", "en", "all"):
            print("  " + line(f"all rows {language}", figures[language]))
        print("  " + line("new rows (v6 + independent)", newfig["new"]))
        if arguments.errors and name == "shipped":
            for row, predicted in newfig["new"].errors:
                print(f"    {row['level']:>7} -> {predicted:<7} [{row['kind']}] {row['text']}")
    for key, value in shipped.items():
        setattr(detector, key, value)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

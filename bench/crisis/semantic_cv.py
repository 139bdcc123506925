"""Cross-validation of the semantic second opinion on the development corpus only.

    /work/main/.venv/bin/python bench/crisis/semantic_cv.py [--cache /tmp/dev_emb.npz]

Five folds, stratified by level and grouped by near-duplicate (texts whose embeddings have a
cosine of 0.975 or more, across both languages, so a sentence and its translation or close
rewording stay in the same fold). For each fold a model is fitted on the other four and scores
the sentences of the held-out rows; the script prints, for candidate thresholds, the precision
of the opinion alone (out of fold) and the figures of the whole detector (rules + n-gram model
+ out-of-fold semantic opinion) on dev. The independent set is never read here.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from ayni.safety.crisis import detector, semantic
from ayni.safety.crisis.learned import sentences

FOLDS = 5
NEAR = 0.975


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


def groups(vectors: np.ndarray) -> np.ndarray:
    parent = list(range(len(vectors)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    similar = vectors @ vectors.T
    for i, j in zip(*np.nonzero(np.triu(similar >= NEAR, 1)), strict=True):
        parent[find(int(i))] = find(int(j))
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=None, help="embeddings cache (.npz)")
    arguments = parser.parse_args(argv)
    rows = semantic.training_rows()
    parts = [[s.strip() for s in sentences(row["text"]) if s.strip()] or [row["text"]] for row in rows]
    vectors = embeddings(sorted({row["text"] for row in rows} | {s for p in parts for s in p}), arguments.cache)
    x = np.stack([vectors[row["text"]] for row in rows]).astype(np.float64)
    fold_of = folds(rows, groups(x))
    gold = np.array([semantic.LEVELS.index(row["level"]) for row in rows])
    print(f"{len(rows)} dev rows, {len(set(groups(x).tolist()))} near-duplicate groups, fold sizes "
          f"{np.bincount(fold_of).tolist()}")
    # Out-of-fold opinion per row: the most worrying sentence, as at run time.
    oof: dict[str, dict] = {}
    flag = np.zeros(len(rows))
    urgent = np.zeros(len(rows))
    for fold in range(FOLDS):
        train = [i for i in range(len(rows)) if fold_of[i] != fold]
        model = semantic.train_on_vectors(x[train], [rows[i] for i in train])
        loaded = {
            "mean": np.asarray(model["mean"]), "scale": np.asarray(model["scale"]), "level_w": np.asarray(model["level"]["weights"]),
            "level_b": np.asarray(model["level"]["bias"]), "category_w": np.asarray(model["category"]["weights"]),
            "category_b": np.asarray(model["category"]["bias"]), "categories": model["categories"],
        }
        for i in np.nonzero(fold_of == fold)[0]:
            text = rows[i]["text"]
            sv = np.stack([vectors[s] for s in parts[i]])
            probs = semantic.probabilities(sv, loaded)
            flags = probs[:, 1] + probs[:, 2]
            best = int(np.argmax(flags + 1e-6 * probs[:, 2]))
            start = text.find(parts[i][best])
            start = max(start, 0)
            cat = semantic._softmax(semantic.standardise(sv[best], loaded) @ loaded["category_w"] + loaded["category_b"])
            flag[i], urgent[i] = flags[best], probs[best, 2]
            oof[text] = {"flag": float(flags[best]), "urgent": float(probs[best, 2]),
                         "category": loaded["categories"][int(cat.argmax())],
                         "start": start, "end": start + len(parts[i][best])}
    predicted = np.where(urgent >= 0.5, 2, np.where(flag >= 0.5, 1, 0))
    print(f"opinion alone, argmax-ish at 0.5: accuracy {np.mean(predicted == gold):.3f}")
    print("threshold  flag: precision recall (per-fold min precision) | urgent: precision recall (min)")
    for t in (0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.97, 0.99):
        row = [f"{t:>9.2f}"]
        for score, positive in ((flag, gold > 0), (urgent, gold == 2)):
            chosen = score >= t
            precision = positive[chosen].mean() if chosen.any() else 1.0
            recall = chosen[positive].mean()
            per_fold = [positive[chosen & (fold_of == f)].mean() for f in range(FOLDS) if (chosen & (fold_of == f)).any()]
            row.append(f"{precision:.3f} {recall:.3f} ({min(per_fold, default=1.0):.3f})")
        print("  ".join(row))
    # The whole detector on dev with the out-of-fold opinion.
    semantic.assess = lambda text: oof.get(text)
    semantic.available = lambda: True
    from ayni.safety.crisis.evaluation import evaluate, table

    for language in ("es", "en"):
        subset = [row for row in rows if row["language"] == language]
        print(table(evaluate(subset, language)))
    detector_levels = np.array([semantic.LEVELS.index(detector.detect(row["text"]).level) for row in rows])
    flagged = detector_levels > 0
    print("detector with out-of-fold opinion, per fold precision flagged:",
          [round(float((gold[flagged & (fold_of == f)] > 0).mean()), 3) for f in range(FOLDS)])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

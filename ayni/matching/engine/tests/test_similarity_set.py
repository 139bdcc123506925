"""The labelled set of situations and experiences and its evaluation (bench/matching/similarity.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np

BENCH = Path(__file__).resolve().parents[4] / "bench" / "matching" / "similarity.py"


def _bench():
    spec = importlib.util.spec_from_file_location("similarity_bench", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_set_has_both_languages_for_every_theme_and_no_text_twice():
    themes = _bench().load()
    assert len(themes) >= 15
    texts = [
        t[side][lang]
        for t in themes
        for side in ("situation", "experience")
        for lang in ("es", "en")
    ]
    assert all(len(text) > 40 for text in texts) and len(set(texts)) == len(texts)


def test_a_perfect_scorer_ranks_every_relevant_experience_first_and_a_blind_one_does_not():
    bench = _bench()
    perfect = bench.evaluate(lambda a, b: np.eye(len(a)))
    assert perfect["same_language"] == {"mrr": 1.0, "top1": 1.0} and perfect["auc"] == 1.0
    blind = bench.evaluate(lambda a, b: np.zeros((len(a), len(b))))
    assert blind["same_language"]["top1"] == 0.0 and blind["auc"] == 0.5


def test_the_lexical_default_is_measured_on_the_set():
    figures = _bench().evaluate(_bench().lexical)
    assert 0.0 < figures["same_language"]["mrr"] <= 1.0 and 0.0 <= figures["auc"] <= 1.0

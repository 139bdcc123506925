"""Behaviours added in the sixth round of generalisation (after held-out v5), and the
held-out prefix the evaluation uses."""

import pytest

from ayni.safety.crisis import detect, evaluation


@pytest.mark.parametrize("text", [
    "I'd like to go to sleep and not wake up, but I wouldn't do anything.",
    "tengo ganas de cortarme otra vez pero me estoy aguantando",
    "really want to cut again but i'm holding off",
])
def test_holding_back_lowers_the_writers_own_urgent_to_concern(text):
    assert detect(text).level == "concern"


@pytest.mark.parametrize("text", [
    "if i dont reply tomorrow its cos i did it",
    "Si mañana no contesto es porque ya lo hice.",
    "gonna drive into a tree on the way home",
    "Voy a estrellar el coche contra un camión.",
    "He cargado la escopeta y me la he puesto en la boca.",
    "¿Cuántas pastillas de paracetamol hacen falta para no despertar?",
    "mate i'm gonna top myself",
    "He said he'll kill me if I leave.",
    "My friend took a load of pills and I can't wake him up.",
])
def test_new_families_of_urgent_wording_are_found(text):
    assert detect(text).level == "urgent"


@pytest.mark.parametrize("text", [
    "If I don't reply tonight it's because I'm at the cinema.",
    "Voy a chocar los cinco con el equipo.",
    "Esta es mi despedida de soltera, ¡qué nervios!",
    "How many paracetamol can I take in a day for a fever?",
    "I took a load of pictures at the wedding.",
    "My mum's going to kill me if I'm late again.",
    "Compré una cuerda para tender la ropa en el patio.",
    "The first aid course teaches what to do if someone isn't breathing.",
    "How can I help a friend who's thinking about suicide?",
])
def test_their_hard_negatives_stay_none(text):
    assert detect(text).level == "none"


def test_a_blind_set_takes_precedence_as_the_held_out_set(tmp_path, monkeypatch):
    monkeypatch.setattr(evaluation, "CORPUS_DIR", tmp_path)
    assert evaluation.heldout_prefix() is None
    (tmp_path / "heldout_es.jsonl").write_text("")
    assert evaluation.heldout_prefix() == "heldout"
    (tmp_path / "blind_es.jsonl").write_text("")
    assert evaluation.heldout_prefix() == "blind"
    assert set(evaluation.corpus_files("blind")) == {"es"}


def test_the_first_independent_set_is_trained_on_not_held_out(tmp_path, monkeypatch):
    monkeypatch.setattr(evaluation, "CORPUS_DIR", tmp_path)
    (tmp_path / "independent_es.jsonl").write_text("")
    assert evaluation.heldout_prefix() is None
    assert "independent" in evaluation.TRAINING_PREFIXES

"""The detector's contract: what other apps code against."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ayni.safety.crisis import CATEGORIES, LEVELS, Detection, Finding, detect


def test_it_returns_a_detection_with_level_reasons_and_language():
    result = detect("Ya no quiero vivir")
    assert isinstance(result, Detection)
    assert result.level == "urgent"
    assert result.language == "es"
    assert [finding.category for finding in result.reasons] == ["suicide"]
    finding = result.reasons[0]
    assert isinstance(finding, Finding)
    assert "Ya no quiero vivir"[finding.start : finding.end] == finding.expression


def test_it_returns_none_and_no_reasons_for_an_ordinary_text():
    result = detect("Hoy fuimos al parque con los niños y comimos helado.")
    assert result.level == "none"
    assert result.reasons == []


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("no quiero morir", "none"),
        ("quiero matarme", "urgent"),
        ("me quiero morir", "urgent"),
        ("quiero morirme ya", "urgent"),
        ("ya no aguanto mas", "concern"),
        ("kms", "urgent"),
        ("I'm going to unalive myself", "urgent"),
        ("my friend said she wanted to die", "concern"),
        ("me muero de risa", "none"),
        ("this traffic is killing me", "none"),
        ("me mata de la risa", "none"),
        ("I could kill for a coffee", "none"),
        ("I don't want to die", "none"),
        ("Mi padrastro me toca por las noches", "urgent"),
    ],
)
def test_it_reads_the_examples_of_the_issue(text, level):
    assert detect(text).level == level


def test_it_reports_the_language_given_and_refuses_an_unknown_one():
    assert detect("quiero morir", language="en").language == "en"
    assert detect("I want to die", language="es-MX").language == "es"
    with pytest.raises(ValueError, match="Unknown language"):
        detect("hola", language="fr")


def test_it_guesses_english():
    assert detect("I want to die").language == "en"
    assert detect("quiero morir").language == "es"


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_it_never_fails_and_its_offsets_point_into_the_text(text):
    result = detect(text)
    assert result.level in LEVELS
    assert result.language in ("es", "en")
    assert (result.level == "none") == (result.reasons == [])
    for finding in result.reasons:
        assert finding.category in CATEGORIES
        assert text[finding.start : finding.end] == finding.expression


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["quiero morir", "I want to kill myself", "me voy a suicidar"]),
       st.text(alphabet="abc .,", max_size=40))
def test_surrounding_noise_never_lowers_an_urgent_sentence_to_nothing(sentence, noise):
    assert detect(f"{noise}. {sentence}").level != "none"

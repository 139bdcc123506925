"""Scoring on known answer sets: reversed items, missing answers, sums and bands."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ayni.insights.analytics.scoring import (
    AnswerError,
    Text,
    load_instruments,
    score_response,
    tally_answers,
    validate_instrument,
)
from ayni.insights.analytics.tests.test_instruments import licensed_scale

BELONGING = load_instruments()["ayni_belonging"]
LONELINESS = load_instruments()["ayni_loneliness"]


def belonging_answers(**changes):
    answers = {
        "someone_to_turn_to": 4,
        "experience_understood": 5,
        "feel_an_outsider": 2,  # reversed: counts as 4
        "contribution_matters": 3,
        "would_be_missed": 4,
        "hard_to_be_myself": 1,  # reversed: counts as 5
    }
    answers.update(changes)
    return answers


def test_it_scores_belonging_as_the_mean_with_reversed_items_turned_round():
    result = score_response(BELONGING, belonging_answers())
    assert result.score == pytest.approx(25 / 6)
    assert (result.valid, result.answered, result.missing) == (True, 6, ())
    assert result.band.key == "high"


def test_one_missing_item_of_six_still_scores_as_the_mean_of_the_other_five():
    result = score_response(BELONGING, belonging_answers(would_be_missed=None))
    assert result.score == pytest.approx(21 / 5)
    assert (result.valid, result.answered, result.missing) == (True, 5, ("would_be_missed",))


def test_an_absent_answer_counts_as_missing_like_none():
    answers = belonging_answers()
    del answers["feel_an_outsider"]
    result = score_response(BELONGING, answers)
    assert result.missing == ("feel_an_outsider",)
    assert result.score == pytest.approx(21 / 5)


def test_two_missing_items_of_six_fall_below_the_minimum_and_give_no_score():
    result = score_response(BELONGING, belonging_answers(would_be_missed=None, hard_to_be_myself=None))
    assert result == type(result)(None, False, 4, ("would_be_missed", "hard_to_be_myself"), None)


def test_no_answers_at_all_give_an_invalid_result():
    result = score_response(BELONGING, {})
    assert (result.valid, result.score, result.answered, len(result.missing)) == (False, None, 0, 6)


def test_loneliness_turns_round_the_two_positive_items():
    answers = {
        "no_one_to_talk_to": 4,
        "alone_among_people": 5,
        "someone_to_ask_for_help": 5,  # counts as 1
        "not_really_known": 3,
        "time_with_people_i_enjoy": 4,  # counts as 2
    }
    result = score_response(LONELINESS, answers)
    assert result.score == pytest.approx(15 / 5)
    assert result.band.key == "sometimes_lonely"
    assert result.band.label.get("es-PE") == "Soledad a veces"


def test_a_score_on_a_band_boundary_belongs_to_the_higher_band():
    answers = dict.fromkeys((item.key for item in LONELINESS.items), None)
    answers.update(no_one_to_talk_to=2, alone_among_people=2, not_really_known=2, time_with_people_i_enjoy=2)  # last counts as 4
    result = score_response(LONELINESS, answers)
    assert result.score == 2.5
    assert result.band.key == "sometimes_lonely"


def test_a_summed_scale_prorates_a_missing_item_and_reverses_on_its_own_range():
    instrument = validate_instrument(licensed_scale())
    full = score_response(instrument, {"first": 3, "second": 1, "third": 2})
    assert full.score == 3 + 3 + 2  # second: 1 + 3 - 1
    assert full.band.key == "high"
    prorated = score_response(instrument, {"first": 3, "second": 3, "third": None})
    assert prorated.score == pytest.approx((3 + 1) / 2 * 3)
    assert prorated.band.key == "high"
    too_few = score_response(instrument, {"first": 3})
    assert (too_few.valid, too_few.score, too_few.missing) == (False, None, ("second", "third"))


def test_answers_to_custom_questions_are_accepted_and_never_scored():
    instrument = validate_instrument(licensed_scale())
    result = score_response(instrument, {"first": 1, "second": 3, "third": 1, "how_did_you_hear": "friend", "anything_else": "Gracias"})
    assert result.score == 3


@pytest.mark.parametrize(
    ("answers", "key"),
    [
        ({"someone_to_turn_to": 6}, "someone_to_turn_to"),
        ({"someone_to_turn_to": 0}, "someone_to_turn_to"),
        ({"someone_to_turn_to": 2.5}, "someone_to_turn_to"),
        ({"someone_to_turn_to": True}, "someone_to_turn_to"),
        ({"someone_to_turn_to": "4"}, "someone_to_turn_to"),
        ({"favourite_colour": 3}, "favourite_colour"),
    ],
)
def test_it_refuses_impossible_answers_instead_of_treating_them_as_missing(answers, key):
    with pytest.raises(AnswerError) as caught:
        score_response(BELONGING, answers)
    assert caught.value.key == key


def test_it_refuses_a_custom_answer_that_is_not_a_choice():
    instrument = validate_instrument(licensed_scale())
    with pytest.raises(AnswerError):
        score_response(instrument, {"first": 1, "second": 1, "how_did_you_hear": "radio"})


def test_an_instrument_without_items_cannot_be_scored():
    data = licensed_scale()
    for name in ("scale", "scoring", "items"):
        del data[name]
    with pytest.raises(ValueError, match="no scored items"):
        score_response(validate_instrument(data), {})


def test_single_choice_answers_are_tallied_with_every_choice_listed():
    question = validate_instrument(licensed_scale()).questions[0]
    assert tally_answers(question, ["friend", None, "friend"]) == {"friend": 2, "council": 0}
    with pytest.raises(AnswerError):
        tally_answers(question, ["radio"])


def test_free_text_answers_are_not_tallied():
    question = validate_instrument(licensed_scale()).questions[1]
    with pytest.raises(ValueError, match="not tallied"):
        tally_answers(question, ["hola"])


def test_text_falls_back_to_the_other_language_when_one_is_empty():
    assert Text(es="", en="Hello").get("es") == "Hello"
    assert Text(es="Hola", en="Hello").get("fr") == "Hello"


answer_values = st.one_of(st.none(), st.integers(min_value=1, max_value=5))


@settings(max_examples=150, deadline=None)
@given(st.lists(answer_values, min_size=6, max_size=6))
def test_a_valid_score_stays_in_range_and_mirrors_when_every_answer_is_mirrored(values):
    keys = [item.key for item in BELONGING.items]
    answers = dict(zip(keys, values, strict=True))
    mirrored = {key: None if value is None else 6 - value for key, value in answers.items()}
    result, mirror = score_response(BELONGING, answers), score_response(BELONGING, mirrored)
    assert result.valid == mirror.valid == (sum(value is not None for value in values) >= 5)
    if result.valid:
        assert 1 <= result.score <= 5
        assert result.score + mirror.score == pytest.approx(6)
        assert result.band is not None
    else:
        assert result.score is None and result.band is None

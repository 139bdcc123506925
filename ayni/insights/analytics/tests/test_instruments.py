"""The three instruments shipped with Ayni, and the schema coordinators use for their own."""

import json

import pytest

from ayni.insights.analytics.scoring import (
    InstrumentError,
    instrument_as_dict,
    load_instruments,
    validate_instrument,
)


def licensed_scale(**changes):
    """A coordinator's entry of a (made-up) licensed three-item scale, summed, 1-3."""
    data = {
        "key": "licensed_three_items",
        "name": {"es": "Escala breve", "en": "Brief scale"},
        "higher_is_better": False,
        "scale": {
            "min": 1,
            "max": 3,
            "anchors": [
                {"value": 1, "es": "Casi nunca", "en": "Hardly ever"},
                {"value": 3, "es": "A menudo", "en": "Often"},
            ],
        },
        "scoring": {
            "method": "sum",
            "min_answered": 2,
            "bands": [
                {"key": "low", "min": 3, "es": "Bajo", "en": "Low"},
                {"key": "high", "min": 6, "es": "Alto", "en": "High"},
            ],
        },
        "items": [
            {"key": "first", "es": "Primera", "en": "First"},
            {"key": "second", "es": "Segunda", "en": "Second", "reversed": True},
            {"key": "third", "es": "Tercera", "en": "Third"},
        ],
        "questions": [
            {
                "key": "how_did_you_hear",
                "kind": "single_choice",
                "es": "¿Cómo nos conociste?",
                "en": "How did you hear of us?",
                "choices": [
                    {"key": "friend", "es": "Por una amistad", "en": "From a friend"},
                    {"key": "council", "es": "Por el ayuntamiento", "en": "From the council"},
                ],
            },
            {"key": "anything_else", "kind": "free_text", "es": "¿Algo más?", "en": "Anything else?"},
        ],
    }
    data.update(changes)
    return data


def error_fields(data, **options):
    with pytest.raises(InstrumentError) as caught:
        validate_instrument(data, **options)
    return {error.field for error in caught.value.errors}


def test_ayni_ships_belonging_loneliness_and_wellbeing():
    instruments = load_instruments()
    assert set(instruments) == {"ayni_belonging", "ayni_loneliness", "ayni_wellbeing"}
    assert len(instruments["ayni_belonging"].items) == 6
    assert len(instruments["ayni_loneliness"].items) == 5
    assert len(instruments["ayni_wellbeing"].items) == 5
    assert instruments["ayni_loneliness"].higher_is_better is False


@pytest.mark.parametrize("key", ["ayni_belonging", "ayni_loneliness", "ayni_wellbeing"])
def test_each_shipped_instrument_speaks_both_languages_with_reversed_items_and_bands(key):
    instrument = load_instruments()[key]
    texts = [instrument.name, instrument.description, *(item.prompt for item in instrument.items)]
    texts += [anchor.label for anchor in instrument.scale.anchors] + [band.label for band in instrument.bands]
    for text in texts:
        assert text.es and text.en
        assert text.es != text.en
    assert any(item.reversed for item in instrument.items)
    assert any(not item.reversed for item in instrument.items)
    assert [anchor.value for anchor in instrument.scale.anchors] == [1, 2, 3, 4, 5]
    assert instrument.bands[0].min == instrument.score_min
    assert instrument.min_answered == -(-len(instrument.items) * 3 // 4)  # 75%, rounded up


def test_shipped_instruments_survive_a_round_trip_through_json():
    for instrument in load_instruments().values():
        assert validate_instrument(json.loads(json.dumps(instrument_as_dict(instrument)))) == instrument


def test_a_coordinator_can_enter_a_licensed_scale_with_custom_questions():
    instrument = validate_instrument(licensed_scale())
    assert instrument.method == "sum"
    assert (instrument.score_min, instrument.score_max) == (3.0, 9.0)
    assert [item.reversed for item in instrument.items] == [False, True, False]
    assert [question.kind for question in instrument.questions] == ["single_choice", "free_text"]
    assert validate_instrument(instrument_as_dict(instrument)) == instrument


def test_a_questionnaire_of_custom_questions_only_needs_no_scoring():
    data = licensed_scale()
    for name in ("scale", "scoring", "items"):
        del data[name]
    instrument = validate_instrument(data)
    assert not instrument.is_scored
    assert instrument.score_min is None


def test_min_answered_share_rounds_up_without_float_noise():
    data = licensed_scale()
    data["items"].append({"key": "fourth", "es": "Cuarta", "en": "Fourth"})
    data["scoring"] = {"method": "mean", "min_answered_share": 0.75}
    assert validate_instrument(data).min_answered == 3
    data["scoring"] = {"method": "mean", "min_answered_share": 0.7}
    assert validate_instrument(data).min_answered == 3
    data["scoring"] = {"method": "mean"}
    assert validate_instrument(data).min_answered == 4


def test_errors_name_every_faulty_field_at_once():
    data = licensed_scale()
    data["items"][1] = {"key": "second", "es": "Segunda", "reverse": True}
    data["scoring"]["method"] = "average"
    assert error_fields(data) == {"items[1].en", "items[1].reverse", "scoring.method"}


def test_error_messages_read_well_and_carry_a_code():
    data = licensed_scale()
    data["items"][0]["reversed"] = "yes"
    with pytest.raises(InstrumentError) as caught:
        validate_instrument(data)
    (error,) = caught.value.errors
    assert (error.field, error.code) == ("items[0].reversed", "not_a_boolean")
    assert str(caught.value) == "items[0].reversed: must be true or false"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"key": "Bad Key"}, "key"),
        ({"name": None}, "name"),
        ({"version": 0}, "version"),
        ({"scale": {"min": 3, "max": 1, "anchors": []}}, "scale.max"),
        ({"scale": {"min": 1, "max": 3, "anchors": [{"value": 1, "es": "a", "en": "a"}]}}, "scale.anchors"),
        ({"scale": {"min": 1, "max": 3, "anchors": [{"value": 1, "es": "a", "en": "a"}, {"value": 3, "es": "b", "en": "b"}, {"value": 7, "es": "c", "en": "c"}]}}, "scale.anchors[2].value"),
        ({"scoring": {"method": "sum", "min_answered": 4}}, "scoring.min_answered"),
        ({"scoring": {"method": "sum", "min_answered": 2, "min_answered_share": 0.5}}, "scoring.min_answered"),
        ({"scoring": {"method": "sum", "min_answered_share": 1.5}}, "scoring.min_answered_share"),
        ({"scoring": {"method": "sum", "bands": [{"key": "low", "min": 4, "es": "b", "en": "l"}]}}, "scoring.bands[0].min"),
        ({"scoring": {"method": "sum", "bands": [{"key": "a", "min": 3, "es": "a", "en": "a"}, {"key": "b", "min": 3, "es": "b", "en": "b"}]}}, "scoring.bands[1].min"),
        ({"scoring": {"method": "mean", "bands": [{"key": "a", "min": 1, "es": "a", "en": "a"}, {"key": "b", "min": 9, "es": "b", "en": "b"}]}}, "scoring.bands[1].min"),
        ({"scoring": None}, "scoring"),
        ({"questions": [{"key": "first", "kind": "free_text", "es": "x", "en": "x"}]}, "questions[0].key"),
        ({"questions": [{"key": "pick", "kind": "single_choice", "es": "x", "en": "x", "choices": [{"key": "only", "es": "o", "en": "o"}]}]}, "questions[0].choices"),
        ({"questions": [{"key": "rate", "kind": "scale", "es": "x", "en": "x"}]}, "questions[0].scale"),
        ({"questions": [{"key": "rate", "kind": "free_text", "es": "x", "en": "x", "choices": []}]}, "questions[0].choices"),
        ({"questions": [{"key": "rate", "kind": "slider", "es": "x", "en": "x"}]}, "questions[0].kind"),
        ({"items": "first, second"}, "items"),
    ],
)
def test_it_refuses_faulty_instrument_data_naming_the_field(change, field):
    assert field in error_fields(licensed_scale(**change))


def test_it_refuses_data_that_is_not_a_table():
    assert error_fields(["not", "a", "table"]) == {"instrument"}


def test_an_instrument_licensed_in_spanish_only_can_skip_english():
    data = licensed_scale()
    for item in data["items"]:
        del item["en"]
    assert "items[0].en" in error_fields(data)
    instrument = validate_instrument(data, languages=("es",))
    assert instrument.items[0].prompt.get("en") == "Primera"

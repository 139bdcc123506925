"""The default crisis resources file."""

from ayni.safety.crisis import CATEGORIES
from ayni.safety.crisis.resources import COUNTRIES, countries, default_resources, resources_for


def test_every_country_asked_for_is_there_with_an_emergency_number():
    facts = countries()
    assert set(COUNTRIES) <= set(facts)
    for code in COUNTRIES:
        assert facts[code]["emergency"]
        assert facts[code]["name"]["es"] and facts[code]["name"]["en"]
        assert any(entry["is_emergency"] for entry in resources_for(code))


def test_the_file_is_one_list_of_lines_per_country_with_notes_under_underscore_keys():
    data = default_resources()
    assert "unverified" in data["_about"].lower() or "verified" in data["_about"]
    for key, value in data.items():
        assert key.startswith("_") or (key in COUNTRIES and isinstance(value, list))


def test_every_entry_is_marked_unverified_and_complete():
    keys = set()
    for code in COUNTRIES:
        for entry in resources_for(code):
            assert entry["verified"] is False
            assert entry["phone"] or entry["text"]
            assert entry["name"]["es"] and entry["name"]["en"]
            assert entry["hours"]["es"] and entry["hours"]["en"]
            assert set(entry["categories"]) <= set(CATEGORIES)
            assert entry["key"] not in keys
            keys.add(entry["key"])


def test_the_well_known_lines_are_the_ones_expected():
    phones = {entry["key"]: entry["phone"] for code in COUNTRIES for entry in resources_for(code)}
    assert phones["es-024"] == "024"
    assert phones["us-988"] == "988"
    assert phones["gb-samaritans"] == "116 123"
    assert phones["es-112"] == "112"
    assert phones["us-911"] == "911"


def test_a_category_puts_its_lines_first_and_an_unknown_country_gives_nothing():
    assert "domestic_violence" in resources_for("uk", category="domestic_violence")[0]["categories"]
    assert resources_for("ES", category="suicide")[0]["key"] == "es-024"
    assert resources_for("FR") == []

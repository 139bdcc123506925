"""Pure rules about availability and age, property-tested."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from ayni.people import domain

TODAY = date(2026, 11, 22)


@given(st.lists(st.sampled_from(domain.SLOTS)))
def test_the_availability_mask_has_one_bit_per_distinct_slot(slots):
    mask = domain.slot_mask(slots)
    assert bin(mask).count("1") == len(set(slots))
    assert mask < 1 << 21


def test_unknown_slots_are_ignored():
    assert domain.slot_mask(["mon-am", "funday-noon"]) == 1


@given(st.dates(min_value=date(1900, 1, 1), max_value=TODAY), st.integers(min_value=16, max_value=21))
def test_a_date_of_birth_decides_minority_exactly(birth, majority):
    minor = domain.is_minor(date_of_birth=birth, age_band="", today=TODAY, age_of_majority=majority)
    assert minor == (domain.age_on(birth, TODAY) < majority)


def test_the_eighteenth_birthday_ends_minority():
    birthday = date(2008, 11, 22)
    assert domain.is_minor(date_of_birth=birthday, age_band="", today=TODAY, age_of_majority=18) is False
    assert domain.is_minor(date_of_birth=birthday + timedelta(days=1), age_band="", today=TODAY, age_of_majority=18)


@given(st.sampled_from(domain.AGE_BAND_KEYS), st.integers(min_value=14, max_value=25))
def test_an_age_band_that_may_hold_minors_counts_as_minor(band, majority):
    low, _high = domain.age_band_range(band)
    minor = domain.is_minor(date_of_birth=None, age_band=band, today=TODAY, age_of_majority=majority)
    assert minor == (low < majority)


def test_unknown_age_is_unknown():
    assert domain.is_minor(date_of_birth=None, age_band="", today=TODAY, age_of_majority=18) is None

"""Plain rules about people: slots of availability, age and majority. No Django imports."""

from datetime import date

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
PARTS = ("am", "pm", "eve")
SLOTS = tuple(f"{day}-{part}" for day in DAYS for part in PARTS)

# Age bands: (key, lowest age, highest age or None).
AGE_BANDS = (
    ("under-14", 0, 13),
    ("14-15", 14, 15),
    ("16-17", 16, 17),
    ("18-24", 18, 24),
    ("25-34", 25, 34),
    ("35-44", 35, 44),
    ("45-54", 45, 54),
    ("55-64", 55, 64),
    ("65+", 65, None),
)
AGE_BAND_KEYS = tuple(key for key, _low, _high in AGE_BANDS)


def slot_mask(slots) -> int:
    """The 21-bit mask of availability slots (mon-am is bit 0, sun-eve bit 20)."""
    mask = 0
    for slot in slots or ():
        if slot in SLOTS:
            mask |= 1 << SLOTS.index(slot)
    return mask


def age_on(date_of_birth: date, today: date) -> int:
    return today.year - date_of_birth.year - (
        (today.month, today.day) < (date_of_birth.month, date_of_birth.day)
    )


def age_band_range(band: str) -> tuple[int, int | None] | None:
    for key, low, high in AGE_BANDS:
        if key == band:
            return low, high
    return None


def is_minor(*, date_of_birth: date | None, age_band: str, today: date, age_of_majority: int) -> bool | None:
    """True/False when known; None when the profile says nothing about age.

    An age band that straddles the age of majority counts as minor: the safe side.
    """
    if date_of_birth is not None:
        return age_on(date_of_birth, today) < age_of_majority
    band = age_band_range(age_band) if age_band else None
    if band is None:
        return None
    low, _high = band
    return low < age_of_majority


def approximate_age(*, date_of_birth: date | None, age_band: str, today: date) -> float | None:
    if date_of_birth is not None:
        return float(age_on(date_of_birth, today))
    band = age_band_range(age_band) if age_band else None
    if band is None:
        return None
    low, high = band
    return (low + (high if high is not None else low + 10)) / 2

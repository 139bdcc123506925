"""When check-ins are due (plain Python, property-tested).

Defaults from mentoring practice: a first contact check-in 48 hours after the start, two in the
first month (spread evenly, the last at day 30), then one every 30 days. Sequence 1 is the first
contact check-in.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

FIRST_MONTH = timedelta(days=30)


@dataclass(frozen=True)
class Cadence:
    first_contact_hours: int = 48
    first_month_check_ins: int = 2
    then_every_days: int = 30


def schedule(started_at: datetime, cadence: Cadence):
    """Yield the due times of check-ins 1, 2, 3, ... (endless, strictly increasing)."""
    previous = started_at + timedelta(hours=cadence.first_contact_hours)
    yield previous
    in_month = cadence.first_month_check_ins
    for step in range(1, in_month + 1):
        # Evenly over the first month, but never on top of the one before.
        previous = max(started_at + FIRST_MONTH * step / in_month, previous + timedelta(days=1))
        yield previous
    while True:
        previous = previous + timedelta(days=cadence.then_every_days)
        yield previous


def due_at(sequence: int, started_at: datetime, cadence: Cadence) -> datetime:
    """When check-in number `sequence` (1, 2, ...) is due."""
    if sequence < 1:
        raise ValueError("sequences start at 1")
    for number, when in enumerate(schedule(started_at, cadence), start=1):
        if number == sequence:
            return when
    raise AssertionError("unreachable")


def latest_due(started_at: datetime, now: datetime, cadence: Cadence) -> int:
    """The highest sequence whose check-in is due at `now` (0 when none is due yet)."""
    latest = 0
    for number, when in enumerate(schedule(started_at, cadence), start=1):
        if when > now:
            return latest
        latest = number
    raise AssertionError("unreachable")

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from ayni.relationships.cadence import Cadence, due_at, latest_due

START = datetime(2026, 1, 5, 10, 0, tzinfo=UTC)
cadences = st.builds(Cadence, first_contact_hours=st.integers(1, 720), first_month_check_ins=st.integers(0, 8),
                     then_every_days=st.integers(7, 180))


def test_the_defaults_are_48_hours_two_in_the_first_month_then_monthly():
    cadence = Cadence()
    assert due_at(1, START, cadence) == START + timedelta(hours=48)
    assert (due_at(2, START, cadence) - START).days == 15
    assert (due_at(3, START, cadence) - START).days == 30
    assert (due_at(4, START, cadence) - START).days == 60
    assert latest_due(START, START + timedelta(hours=47), cadence) == 0
    assert latest_due(START, START + timedelta(days=2, minutes=1), cadence) == 1
    assert latest_due(START, START + timedelta(days=31), cadence) == 3


@given(cadences, st.integers(1, 40))
def test_check_ins_come_strictly_one_after_another(cadence, sequence):
    assert due_at(sequence, START, cadence) < due_at(sequence + 1, START, cadence)


@given(cadences, st.integers(0, 3000))
def test_latest_due_is_due_and_the_next_is_not(cadence, hours):
    now = START + timedelta(hours=hours)
    sequence = latest_due(START, now, cadence)
    if sequence:
        assert due_at(sequence, START, cadence) <= now
    assert due_at(sequence + 1, START, cadence) > now

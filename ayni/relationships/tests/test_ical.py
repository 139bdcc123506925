from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from ayni.relationships.ical import Event, calendar


def test_an_event_has_start_end_and_escaped_text():
    text = calendar([Event(uid="abc", starts_at=datetime(2026, 12, 10, 17, 0, tzinfo=UTC), minutes=45,
                           summary="Sesión con Bob; café", location="Biblioteca, planta 2")], name="Ayni")
    assert "DTSTART:20261210T170000Z" in text and "DTEND:20261210T174500Z" in text
    assert "SUMMARY:Sesión con Bob\\; café" in text and "LOCATION:Biblioteca\\, planta 2" in text
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")


@given(st.text(max_size=300))
def test_lines_are_folded_to_75_octets_and_unfold_to_the_escaped_text(summary):
    text = calendar([Event(uid="u", starts_at=datetime(2026, 1, 1, tzinfo=UTC), minutes=30, summary=summary)],
                    name="Ayni")
    for line in text.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75
    unfolded = text.replace("\r\n ", "")
    assert "\r" not in unfolded.replace("\r\n", "")

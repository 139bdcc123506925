"""Network figures, monthly series and layout on small graphs."""

import random
from datetime import date

import pytest

from ayni.insights.analytics.network import (
    ISOLATED_BAND,
    Connection,
    Member,
    circle_connections,
    layout_network,
    network_by_month,
    network_figures,
)

MEMBERS = [
    Member("ana", "north"),
    Member("bea", "north"),
    Member("carlos", "south"),
    Member("dora", "south"),
    Member("eli", None),
    Member("fer", "north"),
]
CONNECTIONS = [
    Connection("ana", "bea", "relationship"),
    Connection("bea", "ana", "circle"),  # same pair again: one connection, weights add up
    Connection("bea", "carlos", "circle"),
    Connection("dora", "eli", "circle"),
]


def test_it_counts_connected_and_isolated_members_and_distinct_connections():
    figures = network_figures(MEMBERS, CONNECTIONS)
    assert (figures.members, figures.connected, figures.isolated, figures.connections) == (6, 5, 1, 3)
    assert figures.average_connections == pytest.approx(2 * 3 / 6)
    # Pair weights: ana-bea 1 + 0.5, bea-carlos 0.5, dora-eli 0.5; each counts for both people.
    assert figures.average_strength == pytest.approx(2 * 2.5 / 6)


def test_it_counts_groups_of_linked_members_and_the_largest():
    figures = network_figures(MEMBERS, CONNECTIONS)
    assert (figures.components, figures.largest_component) == (2, 3)


def test_crossing_connections_leave_out_pairs_with_an_unknown_subgroup():
    figures = network_figures(MEMBERS, CONNECTIONS)
    assert figures.crossing_connections == 1  # bea (north) - carlos (south)
    assert figures.crossing_share == pytest.approx(1 / 2)  # dora-eli: eli has no subgroup


def test_members_may_be_given_as_id_and_subgroup_pairs():
    figures = network_figures([("a", "x"), ("b", "y")], [Connection("a", "b")])
    assert (figures.crossing_connections, figures.crossing_share) == (1, 1.0)


def test_a_network_without_members_or_connections_has_no_averages():
    empty = network_figures([], [])
    assert (empty.members, empty.average_connections, empty.crossing_share, empty.components) == (0, None, None, 0)
    lonely = network_figures([Member(1), Member(2)], [])
    assert (lonely.isolated, lonely.average_connections, lonely.largest_component) == (2, 0.0, 0)


def test_on_a_day_only_current_members_and_connections_count():
    members = [Member(1, "x"), Member(2, "x"), Member(3, "y", left=date(2025, 3, 31)), Member(4, "y", joined=date(2025, 6, 1))]
    connections = [
        Connection(1, 2, start=date(2025, 1, 10), end=date(2025, 2, 28)),
        Connection(1, 3, start=date(2025, 1, 1)),
        Connection(2, 4, start=date(2025, 6, 1)),
    ]
    february = network_figures(members, connections, on=date(2025, 2, 28))
    assert (february.members, february.connections, february.connected) == (3, 2, 3)
    april = network_figures(members, connections, on=date(2025, 4, 1))
    assert (april.members, april.connections, april.isolated) == (2, 0, 2)
    june = network_figures(members, connections, on=date(2025, 6, 1))
    assert (june.members, june.connections, june.crossing_connections) == (3, 1, 1)


def test_the_monthly_series_counts_what_was_current_on_any_day_of_the_month():
    members = [Member(1, "x"), Member(2, "y"), Member(3, "y", joined=date(2025, 3, 15))]
    connections = [
        Connection(1, 2, start=date(2025, 2, 20), end=date(2025, 3, 3)),
        Connection(2, 3, kind="circle", start=date(2025, 3, 20)),
    ]
    series = network_by_month(members, connections, first_month=date(2025, 1, 17), last_month=date(2025, 4, 1))
    assert [month.month for month in series] == [date(2025, 1, 1), date(2025, 2, 1), date(2025, 3, 1), date(2025, 4, 1)]
    assert [month.figures.members for month in series] == [2, 2, 3, 3]
    assert [month.figures.connections for month in series] == [0, 1, 2, 1]
    assert [month.figures.isolated for month in series] == [2, 0, 0, 1]


def test_the_monthly_series_crosses_the_new_year():
    series = network_by_month([Member(1)], [], first_month=date(2025, 11, 1), last_month=date(2026, 2, 1))
    assert [month.month for month in series] == [date(2025, 11, 1), date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1)]
    with pytest.raises(ValueError):
        network_by_month([Member(1)], [], first_month=date(2026, 2, 1), last_month=date(2025, 2, 1))


@pytest.mark.parametrize(
    ("members", "connections", "message"),
    [
        ([Member(1), Member(2)], [Connection(1, 3)], "not among the members"),
        ([Member(1), Member(2)], [Connection(1, 1)], "themselves"),
        ([Member(1), Member(1)], [], "twice"),
        ([Member(1), Member(2)], [Connection(1, 2, kind="friendship")], "no weight"),
    ],
)
def test_it_refuses_connections_it_cannot_place(members, connections, message):
    with pytest.raises(ValueError, match=message):
        network_figures(members, connections)


def test_a_circle_links_every_pair_of_its_members_once():
    pairs = circle_connections(["a", "b", "c", "d", "b"], start=date(2025, 1, 1))
    assert len(pairs) == 6
    assert {frozenset((pair.a, pair.b)) for pair in pairs} == {frozenset(pair) for pair in [("a", "b"), ("a", "c"), ("a", "d"), ("b", "c"), ("b", "d"), ("c", "d")]}
    assert all(pair.kind == "circle" and pair.start == date(2025, 1, 1) for pair in pairs)


def test_the_layout_is_the_same_whatever_the_order_of_the_rows():
    members = [Member(number, "xy"[number % 2]) for number in range(40)]
    connections = [Connection(number, number + 1) for number in range(0, 30)]
    shuffled = members[:]
    random.Random(4).shuffle(shuffled)
    assert layout_network(members, connections) == layout_network(shuffled, connections)
    assert layout_network(members, connections, seed=2) != layout_network(members, connections)


def test_the_layout_keeps_everyone_in_the_unit_square_and_isolated_members_at_the_bottom():
    members = [Member(number) for number in range(30)]
    connections = [Connection(0, 1), Connection(1, 2), Connection(2, 0), Connection(3, 4), *circle_connections(range(10, 20))]
    positions = layout_network(members, connections)
    assert set(positions) == set(range(30))
    assert all(0 <= x <= 1 and 0 <= y <= 1 for x, y in positions.values())
    linked = {0, 1, 2, 3, 4, *range(10, 20)}
    assert all(positions[member][1] < ISOLATED_BAND for member in linked)
    assert all(positions[member][1] > ISOLATED_BAND for member in set(range(30)) - linked)
    assert len(set(positions.values())) == 30


def test_the_layout_draws_neighbours_closer_than_the_ends_of_a_long_path():
    members = [Member(number) for number in range(12)]
    positions = layout_network(members, [Connection(number, number + 1) for number in range(11)])

    def distance(a, b):
        return ((positions[a][0] - positions[b][0]) ** 2 + (positions[a][1] - positions[b][1]) ** 2) ** 0.5

    neighbours = max(distance(number, number + 1) for number in range(11))
    assert neighbours < distance(0, 11)


def test_a_large_group_is_laid_out_from_a_sample_and_stays_deterministic(monkeypatch):
    from ayni.insights.analytics import network

    monkeypatch.setattr(network, "EXACT_REPULSION_LIMIT", 20)
    monkeypatch.setattr(network, "_CHUNK_ELEMENTS", 200)  # several row chunks too
    members = [Member(number) for number in range(60)]
    connections = [Connection(number, number + 1) for number in range(59)]
    positions = layout_network(members, connections)
    assert positions == layout_network(members, connections)
    assert len(set(positions.values())) == 60
    assert all(0 <= x <= 1 and 0 <= y <= 1 for x, y in positions.values())

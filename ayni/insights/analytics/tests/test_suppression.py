"""Small-number suppression, including the secondary rule, checked by an attacker's linear program."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from ayni.insights.analytics.stats import SuppressedTable, suppress


def extended_table(table):
    rows, columns = len(table), len(table[0])
    row_totals = [sum(row) for row in table]
    column_totals = [sum(table[row][column] for row in range(rows)) for column in range(columns)]
    return [[*table[row], row_totals[row]] for row in range(rows)] + [[*column_totals, sum(row_totals)]]


def published(result):
    return [[*cells, total] for cells, total in zip(result.cells, result.row_totals, strict=True)] + [
        [*result.column_totals, result.grand_total]
    ]


def recoverable_figures(shown):
    """Hidden positions an attacker can pin to one value from what is shown.

    The attacker knows every shown figure, that cells add up to their row and column totals,
    that the totals add up to the grand total, and that counts are not negative. For each
    hidden figure we ask a linear program for its smallest and largest possible value; the
    constraint matrix is totally unimodular, so both are whole numbers and a gap under 1
    means the figure is exactly known.
    """
    rows, columns = len(shown) - 1, len(shown[0]) - 1
    hidden = [(row, column) for row in range(rows + 1) for column in range(columns + 1) if shown[row][column] is None]
    index = {position: number for number, position in enumerate(hidden)}
    equations, constants = [], []

    def equation(terms):
        coefficients, constant = np.zeros(len(hidden)), 0.0
        for coefficient, position in terms:
            if position in index:
                coefficients[index[position]] += coefficient
            else:
                constant -= coefficient * shown[position[0]][position[1]]
        equations.append(coefficients)
        constants.append(constant)

    for row in range(rows):
        equation([(1, (row, column)) for column in range(columns)] + [(-1, (row, columns))])
    for column in range(columns):
        equation([(1, (row, column)) for row in range(rows)] + [(-1, (rows, column))])
    equation([(1, (row, columns)) for row in range(rows)] + [(-1, (rows, columns))])
    pinned = []
    for position in hidden:
        objective = np.zeros(len(hidden))
        objective[index[position]] = 1
        lowest = linprog(objective, A_eq=equations, b_eq=constants, bounds=(0, None), method="highs")
        highest = linprog(-objective, A_eq=equations, b_eq=constants, bounds=(0, None), method="highs")
        assert lowest.status == 0, "the published table must be consistent"
        top = np.inf if highest.status == 3 else -highest.fun
        if top - lowest.fun < 1 - 1e-7:
            pinned.append(position)
    return pinned


def test_a_list_of_counts_hides_the_small_one_and_the_next_smallest():
    result = suppress([3, 10, 20])
    assert result.cells == ((None, None, 20),)
    assert result.row_totals == (33,)
    assert result.primary == {(0, 0), (1, 0)}  # the cell, and its "column total" (itself)
    assert result.secondary == {(0, 1), (1, 1)}


def test_nothing_is_hidden_when_every_figure_reaches_the_threshold():
    result = suppress([[5, 6], [7, 8]])
    assert result.cells == ((5, 6), (7, 8))
    assert (result.row_totals, result.column_totals, result.grand_total) == ((11, 15), (12, 14), 26)
    assert result.hidden == frozenset()


def test_a_small_cell_in_a_two_by_two_table_takes_the_whole_table_with_it():
    result = suppress([[3, 10], [10, 10]])
    assert result.cells == ((None, None), (None, None))
    assert (result.row_totals, result.column_totals, result.grand_total) == ((13, 20), (13, 20), 33)
    assert recoverable_figures(published(result)) == []


def test_secondary_cells_are_the_smallest_that_protect_the_small_one():
    table = [[10, 12, 3], [8, 9, 11], [20, 30, 40]]
    result = suppress(table)
    assert result.primary == {(0, 2)}
    assert result.cells == ((None, 12, None), (None, 9, None), (20, 30, 40))
    assert result.row_totals == (25, 28, 90)
    assert recoverable_figures(published(result)) == []


def test_a_small_row_total_is_hidden_too():
    result = suppress([[1, 2, 0], [10, 20, 30]])
    assert result.row_totals[0] is None
    assert (0, 3) in result.primary
    assert recoverable_figures(published(result)) == []


def test_zeros_are_hidden_by_default_and_shown_on_request():
    assert suppress([[0, 9], [8, 9]]).cells[0][0] is None
    shown = suppress([[0, 9], [8, 9]], suppress_zeros=False)
    assert shown.cells == ((0, 9), (8, 9))


def test_a_threshold_of_ten_hides_more():
    assert suppress([[7, 20], [30, 40]], threshold=10).cells[0][0] is None
    assert suppress([[7, 20], [30, 40]]).cells[0][0] == 7


def test_the_attackers_check_does_catch_a_table_with_only_primary_suppression():
    table = [[10, 12, 3], [8, 9, 11], [20, 30, 40]]
    shown = extended_table(table)
    shown[0][2] = None
    assert recoverable_figures(shown) == [(0, 2)]


def test_no_lone_hidden_cell_per_line_is_not_enough_which_is_why_cycles_are_required():
    table = [[20, 21, 22, 23], [24, 25, 26, 27], [28, 29, 30, 31], [32, 33, 34, 35]]
    shown = extended_table(table)
    joined_blocks = [(0, 0), (0, 1), (1, 0), (1, 1), (2, 2), (2, 3), (3, 2), (3, 3), (0, 2)]
    for row, column in joined_blocks:
        shown[row][column] = None
    # Every row and column holds 0 or at least 2 hidden cells, yet the joining cell is known.
    assert recoverable_figures(shown) == [(0, 2)]


@pytest.mark.parametrize("counts", [[[1, 2], [3]], [[1, -2]], [["3"]], "12", [[1.5]]])
def test_it_refuses_tables_that_are_not_counts(counts):
    with pytest.raises(ValueError):
        suppress(counts)


def test_it_refuses_a_threshold_below_one():
    with pytest.raises(ValueError):
        suppress([1, 2], threshold=0)


def test_an_empty_table_has_nothing_to_hide():
    assert suppress([]) == SuppressedTable((), (), (), None, frozenset(), frozenset(), 5)


small_counts = st.sampled_from([0, 0, 1, 2, 3, 4, 5, 6, 9, 15, 40])
tables = st.integers(1, 4).flatmap(
    lambda columns: st.lists(st.lists(small_counts, min_size=columns, max_size=columns), min_size=1, max_size=4)
)


@settings(max_examples=80, deadline=None)
@given(tables, st.booleans())
def test_no_hidden_figure_can_be_recovered_from_the_published_table(table, suppress_zeros):
    result = suppress(table, suppress_zeros=suppress_zeros)
    truth = extended_table(table)
    shown = published(result)
    for row, line in enumerate(shown):
        for column, figure in enumerate(line):
            value = truth[row][column]
            is_small = value < 5 and (suppress_zeros or value > 0)
            assert (row, column) in result.primary if is_small else (row, column) not in result.primary
            assert figure is None or figure == value
            assert (figure is None) == ((row, column) in result.hidden)
    assert recoverable_figures(shown) == []

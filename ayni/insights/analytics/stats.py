"""Statistics for outcome reports and the coordinator dashboard, with no Django import.

- ``change_from_baseline``: paired before/after scores, mean change with a 95% interval
  (t interval, or a percentile bootstrap with a fixed seed), Cohen's d for paired data.
- ``proportion``: a share with its Wilson score interval.
- ``median``, ``percentile``, ``p90``: for times such as "time to match"; empty input gives None.
- ``suppress``: small-number suppression of a count table, with secondary suppression so that
  no hidden cell can be worked out from the published cells and totals.

docs/outcomes.md explains each method and its limits.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Literal

import numpy as np

BOOTSTRAP_SEED = 20260101
BOOTSTRAP_RESAMPLES = 10_000
_BOOTSTRAP_CHUNK = 1_000

ChangeMethod = Literal["t", "bootstrap"]


# --------------------------------------------------------------------------- change from baseline


@dataclass(frozen=True)
class ChangeFromBaseline:
    """Paired change (after minus before) over the people with both scores.

    ``note`` explains missing figures: "no_pairs" (n = 0), "one_pair" (n = 1: a change but
    no interval), "no_variation" (every change equal: the interval has zero width and d is
    undefined). ``p_value`` is the two-sided paired t-test and is given for the t method only.
    """

    n: int
    dropped: int
    mean_before: float | None
    mean_after: float | None
    mean_change: float | None
    sd_change: float | None
    ci_low: float | None
    ci_high: float | None
    confidence: float
    method: ChangeMethod
    cohens_d: float | None
    p_value: float | None
    note: str | None


def change_from_baseline(
    before: Sequence[float | None],
    after: Sequence[float | None],
    *,
    method: ChangeMethod = "t",
    confidence: float = 0.95,
    resamples: int = BOOTSTRAP_RESAMPLES,
    seed: int = BOOTSTRAP_SEED,
) -> ChangeFromBaseline:
    """Mean change from baseline for paired scores (``before[i]`` and ``after[i]`` are one person).

    Pairs where either score is None (or NaN) are dropped and counted in ``dropped``.
    ``method="t"``: mean change +/- t(n-1) * sd / sqrt(n). ``method="bootstrap"``: percentile
    interval of the mean change over ``resamples`` resamples of the people, drawn with
    NumPy's default generator seeded with ``seed`` (same input, same interval).
    Cohen's d is d_z = mean change / sd of the changes.
    """
    if len(before) != len(after):
        raise ValueError(f"before has {len(before)} scores and after has {len(after)}; they must pair up")
    if method not in ("t", "bootstrap"):
        raise ValueError("method must be 't' or 'bootstrap'")
    if not 0 < confidence < 1:
        raise ValueError("confidence must be between 0 and 1, e.g. 0.95")
    if resamples < 1:
        raise ValueError("resamples must be at least 1")
    pairs = [(float(b), float(a)) for b, a in zip(before, after, strict=True) if _present(b) and _present(a)]
    dropped = len(before) - len(pairs)
    n = len(pairs)

    def result(**figures: object) -> ChangeFromBaseline:
        base: dict[str, object] = dict(
            n=n, dropped=dropped, mean_before=None, mean_after=None, mean_change=None, sd_change=None,
            ci_low=None, ci_high=None, confidence=confidence, method=method, cohens_d=None,
            p_value=None, note=None,
        )
        base.update(figures)
        return ChangeFromBaseline(**base)  # type: ignore[arg-type]

    if n == 0:
        return result(note="no_pairs")
    scores = np.array(pairs, dtype=float)
    changes = scores[:, 1] - scores[:, 0]
    means = dict(
        mean_before=float(scores[:, 0].mean()),
        mean_after=float(scores[:, 1].mean()),
        mean_change=float(changes.mean()),
    )
    if n == 1:
        return result(**means, note="one_pair")
    sd = float(changes.std(ddof=1))
    mean_change = means["mean_change"]
    # Changes that are all equal up to float noise have no spread to speak of.
    if sd <= 1e-12 * max(1.0, abs(mean_change)):
        return result(**means, sd_change=0.0, ci_low=mean_change, ci_high=mean_change, note="no_variation")
    if method == "t":
        standard_error = sd / math.sqrt(n)
        critical = float(_scipy_stats().t.ppf((1 + confidence) / 2, n - 1))
        ci_low, ci_high = mean_change - critical * standard_error, mean_change + critical * standard_error
        t_statistic = mean_change / standard_error
        p_value = float(2 * _scipy_stats().t.sf(abs(t_statistic), n - 1))
    else:
        ci_low, ci_high = _bootstrap_interval(changes, confidence, resamples, seed)
        p_value = None
    return result(
        **means, sd_change=sd, ci_low=float(ci_low), ci_high=float(ci_high),
        cohens_d=mean_change / sd, p_value=p_value,
    )


def _present(value: float | None) -> bool:
    return value is not None and not math.isnan(float(value))


def _bootstrap_interval(changes: np.ndarray, confidence: float, resamples: int, seed: int) -> tuple[float, float]:
    generator = np.random.default_rng(seed)
    n = len(changes)
    means = np.empty(resamples)
    # Chunks keep memory flat for large programs (n x chunk indices at a time).
    for start in range(0, resamples, _BOOTSTRAP_CHUNK):
        stop = min(start + _BOOTSTRAP_CHUNK, resamples)
        picks = generator.integers(0, n, size=(stop - start, n))
        means[start:stop] = changes[picks].mean(axis=1)
    tail = (1 - confidence) / 2 * 100
    low, high = np.percentile(means, [tail, 100 - tail])
    return float(low), float(high)


# --------------------------------------------------------------------------- proportions


@dataclass(frozen=True)
class Proportion:
    """``successes`` out of ``total`` with a Wilson score interval; None figures when total is 0."""

    successes: int
    total: int
    share: float | None
    ci_low: float | None
    ci_high: float | None
    confidence: float


def proportion(successes: int, total: int, *, confidence: float = 0.95) -> Proportion:
    """The share ``successes / total`` with its Wilson score interval (good for small n and 0% or 100%)."""
    for name, value in (("successes", successes), ("total", total)):
        if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 0:
            raise ValueError(f"{name} must be a whole number, 0 or more")
    if successes > total:
        raise ValueError("successes cannot exceed total")
    if not 0 < confidence < 1:
        raise ValueError("confidence must be between 0 and 1, e.g. 0.95")
    if total == 0:
        return Proportion(int(successes), 0, None, None, None, confidence)
    z = float(_scipy_stats().norm.ppf((1 + confidence) / 2))
    share = successes / total
    denominator = 1 + z * z / total
    centre = (share + z * z / (2 * total)) / denominator
    half_width = z / denominator * math.sqrt(share * (1 - share) / total + z * z / (4 * total * total))
    return Proportion(
        int(successes), int(total), share, max(0.0, centre - half_width), min(1.0, centre + half_width), confidence
    )


# --------------------------------------------------------------------------- medians and percentiles

Measure = float | int | timedelta


def percentile(values: Iterable[Measure | None], q: float) -> Measure | None:
    """The ``q``-th percentile (0-100) with linear interpolation (NumPy's default method).

    None values are skipped; empty input gives None. Durations (``timedelta``) give a
    ``timedelta``; numbers give a float.
    """
    if not 0 <= q <= 100:
        raise ValueError("q must be between 0 and 100")
    present = [value for value in values if value is not None]
    if not present:
        return None
    if all(isinstance(value, timedelta) for value in present):
        seconds = np.array([value.total_seconds() for value in present])  # type: ignore[union-attr]
        return timedelta(seconds=float(np.percentile(seconds, q)))
    if any(isinstance(value, timedelta) for value in present):
        raise ValueError("mix of durations and numbers")
    return float(np.percentile(np.asarray(present, dtype=float), q))


def median(values: Iterable[Measure | None]) -> Measure | None:
    """The median (None for empty input); see ``percentile``."""
    return percentile(values, 50)


def p90(values: Iterable[Measure | None]) -> Measure | None:
    """The 90th percentile (None for empty input); see ``percentile``."""
    return percentile(values, 90)


# --------------------------------------------------------------------------- small-number suppression

Position = tuple[int, int]


@dataclass(frozen=True)
class SuppressedTable:
    """A count table ready to publish: hidden figures are None.

    Positions in ``primary`` and ``secondary`` use the table extended with its totals:
    ``(row, column)`` for a cell, ``(row, n_columns)`` for a row total,
    ``(n_rows, column)`` for a column total and ``(n_rows, n_columns)`` for the grand total.
    ``primary``: figures under the threshold. ``secondary``: figures hidden so that the
    primary ones cannot be worked out from what is published.
    """

    cells: tuple[tuple[int | None, ...], ...]
    row_totals: tuple[int | None, ...]
    column_totals: tuple[int | None, ...]
    grand_total: int | None
    primary: frozenset[Position]
    secondary: frozenset[Position]
    threshold: int

    @property
    def hidden(self) -> frozenset[Position]:
        return self.primary | self.secondary


def suppress(
    counts: Sequence[Sequence[int]] | Sequence[int],
    threshold: int = 5,
    *,
    suppress_zeros: bool = True,
) -> SuppressedTable:
    """Hide every count under ``threshold`` people, then enough others that none can be recovered.

    ``counts`` is a 2-D table (a list of rows); its row, column and grand totals are computed
    and published too, so they are subject to the same rule. A 1-D list of counts is a table
    with one row (read ``cells[0]`` and ``row_totals[0]``; its column totals repeat its cells).

    Primary rule: a cell or total under ``threshold`` is hidden (zeros too, unless
    ``suppress_zeros=False``). Secondary rule: every hidden figure must lie on a cycle of
    hidden figures that alternates between a row and a column of the table extended with its
    totals, and along which the figures that would decrease are at least 1. Then the hidden
    figures can be shifted by +1 and -1 around the cycle while every published figure and
    total stays the same, so there are always at least two non-negative tables matching what
    is published. Missing cycles are completed with the fewest, smallest extra cells,
    using a total only when no cell will do (a cheapest path search; not guaranteed minimal).
    """
    if isinstance(threshold, bool) or not isinstance(threshold, int) or threshold < 1:
        raise ValueError("threshold must be a whole number, 1 or more")
    rows = _as_rows(counts)
    n_rows = len(rows)
    n_columns = len(rows[0]) if rows else 0
    if n_rows == 0 or n_columns == 0:
        return SuppressedTable(tuple(tuple(row) for row in rows), (), (), None, frozenset(), frozenset(), threshold)

    row_totals = [sum(row) for row in rows]
    column_totals = [sum(row[column] for row in rows) for column in range(n_columns)]
    grand_total = sum(row_totals)
    extended = [[*row, total] for row, total in zip(rows, row_totals, strict=True)]
    extended.append([*column_totals, grand_total])

    def is_small(value: int) -> bool:
        return value < threshold and (suppress_zeros or value > 0)

    primary = {
        (row, column)
        for row in range(n_rows + 1)
        for column in range(n_columns + 1)
        if is_small(extended[row][column])
    }
    hidden = set(primary)
    search = _CycleSearch(extended, n_rows, n_columns)
    for position in sorted(primary, key=lambda position: (extended[position[0]][position[1]], position)):
        hidden |= search.cheapest_cycle(position, hidden)

    def shown(row: int, column: int) -> int | None:
        return None if (row, column) in hidden else extended[row][column]

    return SuppressedTable(
        cells=tuple(tuple(shown(row, column) for column in range(n_columns)) for row in range(n_rows)),
        row_totals=tuple(shown(row, n_columns) for row in range(n_rows)),
        column_totals=tuple(shown(n_rows, column) for column in range(n_columns)),
        grand_total=shown(n_rows, n_columns),
        primary=frozenset(primary),
        secondary=frozenset(hidden - primary),
        threshold=threshold,
    )


def _as_rows(counts: Sequence[Sequence[int]] | Sequence[int]) -> list[list[int]]:
    if isinstance(counts, str | bytes):
        raise ValueError("counts must be a list of counts or a list of rows of counts")
    items = list(counts)
    if items and all(_is_count(value) for value in items):
        rows = [[int(value) for value in items]]
    else:
        rows = []
        for index, row in enumerate(items):
            if isinstance(row, str | bytes) or not isinstance(row, Sequence | np.ndarray):
                raise ValueError(f"row {index} is not a list of counts")
            if not all(_is_count(value) for value in row):
                raise ValueError(f"row {index} holds something other than whole numbers 0 or more")
            rows.append([int(value) for value in row])
    if rows and len({len(row) for row in rows}) != 1:
        raise ValueError("every row must have the same number of cells")
    return rows


def _is_count(value: object) -> bool:
    return not isinstance(value, bool) and isinstance(value, int | np.integer) and value >= 0


class _CycleSearch:
    """Cheapest alternating cycles in the table extended with its totals.

    Write the extended table with its totals negated (y = cell, -row total, -column total,
    +grand total): then every row and every column of y sums to zero, and shifting y by +t on
    row-to-column steps and -t on column-to-row steps around a cycle keeps every sum. A step
    lowers the underlying count when sign(figure) * step direction is -1; such a step is
    allowed only through a figure of at least 1, so the shift by 1 stays non-negative.
    """

    def __init__(self, extended: list[list[int]], n_rows: int, n_columns: int):
        self.values = extended
        self.n_rows = n_rows
        self.n_columns = n_columns
        self.node_count = n_rows + 1 + n_columns + 1
        inner_cost = sum(1 + value for row in extended[:-1] for value in row[:-1])
        self.total_penalty = inner_cost + 1

    def _sign(self, position: Position) -> int:
        row, column = position
        is_row_total = column == self.n_columns
        is_column_total = row == self.n_rows
        return -1 if is_row_total != is_column_total else 1

    def _allowed(self, position: Position, direction: int) -> bool:
        return self._sign(position) * direction == 1 or self.values[position[0]][position[1]] >= 1

    def _cost(self, position: Position, hidden: set[Position]) -> int:
        if position in hidden:
            return 0
        row, column = position
        value = self.values[row][column]
        if row == self.n_rows or column == self.n_columns:
            return self.total_penalty + value
        return 1 + value

    def cheapest_cycle(self, position: Position, hidden: set[Position]) -> set[Position]:
        """The figures to hide so ``position`` lies on an allowed cycle (empty if it already does)."""
        row, column = position
        row_node, column_node = row, self.n_rows + 1 + column
        best: tuple[int, list[Position]] | None = None
        # Direction +1 walks position row->column, then back from its column to its row;
        # direction -1 walks it column->row, then from its row back to its column.
        for direction, start, goal in ((1, column_node, row_node), (-1, row_node, column_node)):
            if not self._allowed(position, direction):
                continue
            found = self._path(start, goal, position, hidden)
            if found is not None and (best is None or found[0] < best[0]):
                best = found
        if best is None:  # pragma: no cover - the extended table always has a cycle
            raise RuntimeError("no protecting cycle found")
        return {step for step in best[1] if step not in hidden}

    def _path(self, start: int, goal: int, excluded: Position, hidden: set[Position]) -> tuple[int, list[Position]] | None:
        distances = {start: 0}
        previous: dict[int, tuple[int, Position]] = {}
        queue = [(0, start)]
        done: set[int] = set()
        while queue:
            distance, node = heapq.heappop(queue)
            if node in done:
                continue
            done.add(node)
            if node == goal:
                break
            for neighbour, step in self._steps(node, excluded):
                if neighbour in done:
                    continue
                candidate = distance + self._cost(step, hidden)
                if candidate < distances.get(neighbour, math.inf):
                    distances[neighbour] = candidate
                    previous[neighbour] = (node, step)
                    heapq.heappush(queue, (candidate, neighbour))
        if goal not in done:
            return None
        path: list[Position] = []
        node = goal
        while node != start:
            node, step = previous[node]
            path.append(step)
        return distances[goal], path

    def _steps(self, node: int, excluded: Position) -> Iterable[tuple[int, Position]]:
        if node <= self.n_rows:  # a row: step to a column, direction +1
            for column in range(self.n_columns + 1):
                step = (node, column)
                if step != excluded and self._allowed(step, 1):
                    yield self.n_rows + 1 + column, step
        else:  # a column: step to a row, direction -1
            column = node - self.n_rows - 1
            for row in range(self.n_rows + 1):
                step = (row, column)
                if step != excluded and self._allowed(step, -1):
                    yield row, step


def _scipy_stats():
    """SciPy's stats module, imported on first use: it costs seconds, and most pages never need it."""
    from scipy import stats

    return stats

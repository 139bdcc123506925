"""The community's support network: figures, monthly series, a layout and an SVG picture.

Plain data in, plain data out, no Django import. People are ``Member`` rows; relationships
and circles are ``Connection`` pairs (expand a circle into pairs with ``circle_connections``).
Definitions of every figure are in docs/outcomes.md and on ``NetworkFigures``.

The picture shows no names or ids, only subgroups, so it can go into a funder's report.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import combinations

import numpy as np

from . import _svg

DEFAULT_WEIGHTS: Mapping[str, float] = {"relationship": 1.0, "circle": 0.5}
LAYOUT_SEED = 20260101
_FAR_PAST = date.min.toordinal()
_FAR_FUTURE = date.max.toordinal()


@dataclass(frozen=True)
class Member:
    """A person in the community. ``joined``/``left`` (inclusive) matter for dated figures only."""

    id: Hashable
    subgroup: str | None = None
    joined: date | None = None
    left: date | None = None


@dataclass(frozen=True)
class Connection:
    """Two people linked by a relationship or by sharing a circle, from ``start`` to ``end`` (inclusive)."""

    a: Hashable
    b: Hashable
    kind: str = "relationship"
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True)
class NetworkFigures:
    """Figures of the network at one time or over one month.

    - ``members``: members counted (for a period: members at any time in it).
    - ``connected``: members linked to at least one other member; ``isolated`` the rest.
    - ``connections``: distinct linked pairs (a relationship and a shared circle count once).
    - ``average_connections``: mean number of distinct people each member is linked to,
      isolated members included (2 x connections / members).
    - ``average_strength``: the same mean with each pair weighted by its kinds (weights add up).
    - ``components``: separate groups of two or more linked members; ``largest_component``
      the members in the biggest one (0 if none).
    - ``crossing_connections``: pairs whose two members are in different subgroups;
      ``crossing_share`` divides by the pairs where both subgroups are known.
    """

    members: int
    connected: int
    isolated: int
    connections: int
    average_connections: float | None
    average_strength: float | None
    components: int
    largest_component: int
    crossing_connections: int
    crossing_share: float | None


@dataclass(frozen=True)
class MonthFigures:
    """``figures`` for the calendar month starting on ``month`` (always day 1)."""

    month: date
    figures: NetworkFigures


def circle_connections(
    member_ids: Iterable[Hashable], *, start: date | None = None, end: date | None = None, kind: str = "circle"
) -> list[Connection]:
    """Every pair of a circle's members as a ``Connection`` (n people give n(n-1)/2 pairs)."""
    unique = list(dict.fromkeys(member_ids))
    return [Connection(a, b, kind, start, end) for a, b in combinations(unique, 2)]


class _Graph:
    """Members and connections as NumPy arrays, with dates as ordinals."""

    def __init__(self, members: Iterable[Member | tuple], connections: Iterable[Connection], weights: Mapping[str, float]):
        people = [_as_member(member) for member in members]
        people = _sorted_by_id(people)
        self.members = people
        self.index: dict[Hashable, int] = {}
        for position, member in enumerate(people):
            if member.id in self.index:
                raise ValueError(f"member {member.id!r} is listed twice")
            self.index[member.id] = position
        subgroups = sorted({member.subgroup for member in people if member.subgroup is not None}, key=str)
        self.subgroups: list[str] = subgroups
        code = {name: number for number, name in enumerate(subgroups)}
        self.subgroup_code = np.array([code.get(member.subgroup, -1) for member in people], dtype=np.int64)
        self.joined = np.array([_ordinal(member.joined, _FAR_PAST) for member in people], dtype=np.int64)
        self.left = np.array([_ordinal(member.left, _FAR_FUTURE) for member in people], dtype=np.int64)

        a_list, b_list, weight_list, start_list, end_list = [], [], [], [], []
        for connection in connections:
            if connection.a == connection.b:
                raise ValueError(f"connection links member {connection.a!r} to themselves")
            for end_id in (connection.a, connection.b):
                if end_id not in self.index:
                    raise ValueError(f"connection names {end_id!r}, who is not among the members")
            if connection.kind not in weights:
                raise ValueError(f"no weight for connection kind {connection.kind!r}")
            a_list.append(self.index[connection.a])
            b_list.append(self.index[connection.b])
            weight_list.append(float(weights[connection.kind]))
            start_list.append(_ordinal(connection.start, _FAR_PAST))
            end_list.append(_ordinal(connection.end, _FAR_FUTURE))
        first = np.array(a_list, dtype=np.int64)
        second = np.array(b_list, dtype=np.int64)
        self.low = np.minimum(first, second)
        self.high = np.maximum(first, second)
        self.weight = np.array(weight_list, dtype=float)
        self.start = np.array(start_list, dtype=np.int64)
        self.end = np.array(end_list, dtype=np.int64)

    def pairs(self, connection_mask: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Distinct pairs (low, high) and their summed weights."""
        low, high, weight = self.low, self.high, self.weight
        if connection_mask is not None:
            low, high, weight = low[connection_mask], high[connection_mask], weight[connection_mask]
        if low.size == 0:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, np.zeros(0)
        keys = low * len(self.members) + high
        unique_keys, inverse = np.unique(keys, return_inverse=True)
        summed = np.bincount(inverse, weights=weight)
        return unique_keys // len(self.members), unique_keys % len(self.members), summed

    def figures(self, period_start: int, period_end: int) -> NetworkFigures:
        member_mask = (self.joined <= period_end) & (self.left >= period_start)
        connection_mask = (self.start <= period_end) & (self.end >= period_start)
        if self.low.size:
            connection_mask &= member_mask[self.low] & member_mask[self.high]
        return self._figures(member_mask, connection_mask)

    def _figures(self, member_mask: np.ndarray, connection_mask: np.ndarray) -> NetworkFigures:
        member_count = int(member_mask.sum())
        low, high, weight = self.pairs(connection_mask)
        n = len(self.members)
        degree = np.bincount(np.concatenate([low, high]), minlength=n)
        strength = np.bincount(np.concatenate([low, high]), weights=np.concatenate([weight, weight]), minlength=n)
        connected = int((degree > 0).sum())
        components, largest = _components(n, low, high, degree)
        low_group, high_group = self.subgroup_code[low], self.subgroup_code[high]
        known = (low_group >= 0) & (high_group >= 0)
        crossing = int((known & (low_group != high_group)).sum())
        known_count = int(known.sum())
        return NetworkFigures(
            members=member_count,
            connected=connected,
            isolated=member_count - connected,
            connections=int(low.size),
            average_connections=(2 * low.size / member_count) if member_count else None,
            average_strength=(float(strength.sum()) / member_count) if member_count else None,
            components=components,
            largest_component=largest,
            crossing_connections=crossing,
            crossing_share=(crossing / known_count) if known_count else None,
        )


def _components(n: int, low: np.ndarray, high: np.ndarray, degree: np.ndarray) -> tuple[int, int]:
    if low.size == 0:
        return 0, 0
    from scipy.sparse import coo_matrix  # imported on first use: SciPy is slow to load
    from scipy.sparse.csgraph import connected_components

    adjacency = coo_matrix((np.ones(low.size), (low, high)), shape=(n, n))
    _, labels = connected_components(adjacency, directed=False)
    sizes = np.bincount(labels[degree > 0])
    sizes = sizes[sizes >= 2]
    return int(sizes.size), int(sizes.max()) if sizes.size else 0


def _as_member(member: Member | tuple) -> Member:
    if isinstance(member, Member):
        return member
    return Member(*member)


def _sorted_by_id(members: list[Member]) -> list[Member]:
    # Sorting makes the layout independent of the order the database returned rows in.
    try:
        return sorted(members, key=lambda member: member.id)
    except TypeError:
        return sorted(members, key=lambda member: (type(member.id).__name__, str(member.id)))


def _ordinal(day: date | None, default: int) -> int:
    return default if day is None else day.toordinal()


def network_figures(
    members: Iterable[Member | tuple],
    connections: Iterable[Connection],
    *,
    on: date | None = None,
    weights: Mapping[str, float] = DEFAULT_WEIGHTS,
) -> NetworkFigures:
    """Figures of the network (see ``NetworkFigures``), on day ``on`` or ignoring dates if None.

    Members may be ``Member`` or ``(id, subgroup)`` tuples. A connection naming someone who is
    not a member, or linking someone to themselves, raises ``ValueError``. On a given day only
    members and connections current that day count; a connection to someone who has left is
    ignored.
    """
    graph = _Graph(members, connections, weights)
    if on is None:
        return graph.figures(_FAR_PAST, _FAR_FUTURE)
    return graph.figures(on.toordinal(), on.toordinal())


def network_by_month(
    members: Iterable[Member | tuple],
    connections: Iterable[Connection],
    *,
    first_month: date,
    last_month: date,
    weights: Mapping[str, float] = DEFAULT_WEIGHTS,
) -> list[MonthFigures]:
    """``NetworkFigures`` for each calendar month from ``first_month`` to ``last_month`` (any day in them).

    A member counts in a month if they were a member on any day of it; a connection if it was
    current on any day of it and both people were members that month.
    """
    if last_month < first_month:
        raise ValueError("last_month is before first_month")
    graph = _Graph(members, connections, weights)
    series = []
    month = first_month.replace(day=1)
    while month <= last_month:
        following = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
        figures = graph.figures(month.toordinal(), following.toordinal() - 1)
        series.append(MonthFigures(month, figures))
        month = following
    return series


# --------------------------------------------------------------------------- layout


def layout_network(
    members: Iterable[Member | tuple],
    connections: Iterable[Connection],
    *,
    seed: int = LAYOUT_SEED,
    iterations: int = 60,
    weights: Mapping[str, float] = DEFAULT_WEIGHTS,
) -> dict[Hashable, tuple[float, float]]:
    """Positions in the unit square for every member, the same for the same input and seed.

    Each group of linked members gets a Fruchterman-Reingold force layout (NumPy, exact
    repulsion, springs weighted by connection kind); groups are packed largest first, and
    isolated members are set out in a grid along the bottom (y above 0.8), by subgroup.
    Dates are ignored: pass the connections current at the time you want to draw.
    """
    graph = _Graph(members, connections, weights)
    positions = _layout(graph, seed=seed, iterations=iterations)
    return {member.id: (float(x), float(y)) for member, (x, y) in zip(graph.members, positions, strict=True)}


ISOLATED_BAND = 0.8  # isolated members are drawn below this height (unit square, y down)
EXACT_REPULSION_LIMIT = 2_500
_CHUNK_ELEMENTS = 4_000_000


def _layout(graph: _Graph, *, seed: int, iterations: int) -> np.ndarray:
    n = len(graph.members)
    positions = np.zeros((n, 2))
    if n == 0:
        return positions
    low, high, weight = graph.pairs()
    degree = np.bincount(np.concatenate([low, high]), minlength=n) if low.size else np.zeros(n, dtype=np.int64)
    if low.size:
        from scipy.sparse import coo_matrix
        from scipy.sparse.csgraph import connected_components

        adjacency = coo_matrix((np.ones(low.size), (low, high)), shape=(n, n))
        _, labels = connected_components(adjacency, directed=False)
    else:
        labels = np.arange(n)
    isolated = np.flatnonzero(degree == 0)
    # Group people and connections by component with one sort each (thousands of small groups).
    linked = np.flatnonzero(degree > 0)
    linked = linked[np.argsort(labels[linked], kind="stable")]
    group_labels, group_starts = np.unique(labels[linked], return_index=True)
    group_members = np.split(linked, group_starts[1:]) if linked.size else []
    edge_order = np.argsort(labels[low], kind="stable")
    edge_labels = labels[low][edge_order]
    edge_starts = np.searchsorted(edge_labels, group_labels, side="left")
    edge_stops = np.searchsorted(edge_labels, group_labels, side="right")
    groups = [
        (members, edge_order[start:stop])
        for members, start, stop in zip(group_members, edge_starts, edge_stops, strict=True)
    ]
    groups.sort(key=lambda group: (-group[0].size, int(group[0][0])))
    generator = np.random.default_rng(seed)
    local = np.empty(n, dtype=np.int64)

    boxes = []
    for members, edges in groups:
        local[members] = np.arange(members.size)
        # Small groups settle in a few steps; fewer steps keep thousands of them cheap.
        steps = iterations if members.size > 20 else max(10, iterations // 3)
        coordinates = _force_layout(members.size, local[low[edges]], local[high[edges]], weight[edges], generator, steps)
        boxes.append((members, coordinates, math.sqrt(members.size)))

    has_isolated = isolated.size > 0
    linked_height = ISOLATED_BAND - 0.04 if has_isolated else 1.0
    if boxes:
        _pack(boxes, positions, linked_height)
    if has_isolated:
        order = sorted(isolated.tolist(), key=lambda member: (int(graph.subgroup_code[member]), member))
        band_top = ISOLATED_BAND + 0.05 if boxes else 0.0
        columns = max(1, math.ceil(math.sqrt(len(order) * 6)))
        rows = math.ceil(len(order) / columns)
        for position, member in enumerate(order):
            row, column = divmod(position, columns)
            positions[member, 0] = (column + 0.5) / columns
            positions[member, 1] = band_top + (1 - band_top) * (row + 0.5) / rows
    return positions


def _force_layout(
    size: int, edge_a: np.ndarray, edge_b: np.ndarray, edge_weight: np.ndarray, generator: np.random.Generator, iterations: int
) -> np.ndarray:
    """Fruchterman-Reingold in the unit square: returns coordinates in [0, 1]."""
    if size == 1:
        return np.full((1, 2), 0.5)
    if size == 2:
        return np.array([[0.0, 0.5], [1.0, 0.5]])
    coordinates = generator.random((size, 2))
    ideal = math.sqrt(1.0 / size)
    temperature = 0.1
    cooling = temperature / (iterations + 1)
    ideal_squared = ideal * ideal
    # Repulsion on i: sum_j k^2 / d_ij^2 * (p_i - p_j) = p_i * rowsum(R) - R @ p, with
    # R_ij = k^2 / d_ij^2 built in preallocated float32 buffers (never an n x n x 2 array).
    # The products use einsum rather than BLAS: multi-threaded BLAS on a busy 2-core machine
    # was three times slower than one thread.
    x = coordinates[:, 0].astype(np.float32)
    y = coordinates[:, 1].astype(np.float32)
    # Past EXACT_REPULSION_LIMIT people, repulsion comes from a fixed random sample of them
    # (scaled up), so memory stays at size x limit instead of size squared.
    if size > EXACT_REPULSION_LIMIT:
        pivots = np.sort(generator.choice(size, EXACT_REPULSION_LIMIT, replace=False))
    else:
        pivots = np.arange(size)
    pivot_scale = size / pivots.size
    # Rows go in chunks so the two float32 buffers stay near 16 MB each, whatever the size.
    chunk = max(1, min(size, _CHUNK_ELEMENTS // pivots.size))
    repulsion_buffer = np.empty((chunk, pivots.size), dtype=np.float32)
    scratch_buffer = np.empty((chunk, pivots.size), dtype=np.float32)
    pivot_columns = np.arange(pivots.size)
    for _ in range(iterations):
        pivot_x, pivot_y = x[pivots], y[pivots]
        displacement_x = np.empty(size)
        displacement_y = np.empty(size)
        for first in range(0, size, chunk):
            last = min(size, first + chunk)
            repulsion = repulsion_buffer[: last - first]
            scratch = scratch_buffer[: last - first]
            np.subtract.outer(x[first:last], pivot_x, out=repulsion)
            np.multiply(repulsion, repulsion, out=repulsion)
            np.subtract.outer(y[first:last], pivot_y, out=scratch)
            np.multiply(scratch, scratch, out=scratch)
            repulsion += scratch
            np.maximum(repulsion, 1e-6, out=repulsion)
            np.reciprocal(repulsion, out=repulsion)
            own = (pivots >= first) & (pivots < last)  # a person does not repel themselves
            repulsion[pivots[own] - first, pivot_columns[own]] = 0.0
            row_sums = repulsion.sum(axis=1)
            displacement_x[first:last] = x[first:last] * row_sums - np.einsum("ij,j->i", repulsion, pivot_x)
            displacement_y[first:last] = y[first:last] * row_sums - np.einsum("ij,j->i", repulsion, pivot_y)
        displacement_x *= ideal_squared * pivot_scale
        displacement_y *= ideal_squared * pivot_scale
        spring_x = x[edge_a].astype(np.float64) - x[edge_b]
        spring_y = y[edge_a].astype(np.float64) - y[edge_b]
        pull = np.sqrt(spring_x * spring_x + spring_y * spring_y) * edge_weight / ideal
        displacement_x -= np.bincount(edge_a, weights=spring_x * pull, minlength=size)
        displacement_x += np.bincount(edge_b, weights=spring_x * pull, minlength=size)
        displacement_y -= np.bincount(edge_a, weights=spring_y * pull, minlength=size)
        displacement_y += np.bincount(edge_b, weights=spring_y * pull, minlength=size)
        step = np.sqrt(displacement_x * displacement_x + displacement_y * displacement_y) + 1e-9
        limit = np.minimum(step, temperature) / step
        x += (displacement_x * limit).astype(np.float32)
        y += (displacement_y * limit).astype(np.float32)
        temperature -= cooling
    points = np.column_stack([x, y])
    coordinates = points.astype(np.float64)
    coordinates -= coordinates.min(axis=0)
    span = coordinates.max(axis=0)
    span[span == 0] = 1
    return coordinates / span.max()


def _pack(boxes: list[tuple[np.ndarray, np.ndarray, float]], positions: np.ndarray, height: float) -> None:
    """Shelf-pack groups (largest first, side proportional to sqrt(size)) into [0,1] x [0,height]."""
    total_area = sum(side * side for _, _, side in boxes)
    shelf_width = max(boxes[0][2], math.sqrt(total_area) * 1.3)
    gap = 0.6
    placed = []
    x = y = shelf_height = 0.0
    for members, coordinates, side in boxes:
        if x > 0 and x + side > shelf_width:
            x, y = 0.0, y + shelf_height + gap
            shelf_height = 0.0
        placed.append((members, coordinates * side + np.array([x, y])))
        x += side + gap
        shelf_height = max(shelf_height, side)
    used_width = max(float((coordinates[:, 0]).max()) for _, coordinates in placed)
    used_height = max(float((coordinates[:, 1]).max()) for _, coordinates in placed)
    scale = min(1.0 / max(used_width, 1e-9), height / max(used_height, 1e-9))
    for members, coordinates in placed:
        positions[members] = coordinates * scale
    # Centre horizontally.
    positions[np.concatenate([members for members, _ in placed]), 0] += (1.0 - used_width * scale) / 2


# --------------------------------------------------------------------------- picture

_PICTURE_WORDS = {
    "es": {
        "isolated": "Sin conexiones todavía",
        "no_subgroup": "Sin subgrupo",
        "legend": "Subgrupos",
        "summary": "{members} miembros; {connected} con al menos una conexión, {isolated} sin conexiones; {connections} conexiones; {crossing} entre subgrupos distintos.",
        "people": "{count} personas",
    },
    "en": {
        "isolated": "No connections yet",
        "no_subgroup": "No subgroup",
        "legend": "Subgroups",
        "summary": "{members} members; {connected} with at least one connection, {isolated} with none; {connections} connections; {crossing} between different subgroups.",
        "people": "{count} people",
    },
}


def network_svg(
    members: Sequence[Member | tuple],
    connections: Sequence[Connection],
    *,
    title: str,
    description: str | None = None,
    subgroup_labels: Mapping[str, str] | None = None,
    language: str = "en",
    width: int = 720,
    drawing_height: int = 480,
    positions: Mapping[Hashable, tuple[float, float]] | None = None,
    seed: int = LAYOUT_SEED,
    weights: Mapping[str, float] = DEFAULT_WEIGHTS,
) -> str:
    """The network as an accessible SVG string (no script, no external font, no names or ids).

    Members are drawn by subgroup with a colour AND a shape, grouped with a <title> naming the
    subgroup; a legend below gives each subgroup's shape, colour, label and head count.
    ``subgroup_labels`` maps subgroup keys to display names (translated by the caller);
    ``description`` defaults to a one-sentence summary of the figures in ``language``.
    ``positions`` (from ``layout_network``) avoids recomputing the layout. All text is escaped.
    """
    graph = _Graph(members, connections, weights)
    vocabulary = _PICTURE_WORDS[_svg.language_code(language)]
    labels = dict(subgroup_labels or {})
    if positions is None:
        unit = _layout(graph, seed=seed, iterations=60)
    else:
        unit = np.array([positions[member.id] for member in graph.members], dtype=float).reshape(-1, 2)
    figures = graph.figures(_FAR_PAST, _FAR_FUTURE)
    if description is None:
        description = vocabulary["summary"].format(
            members=_svg.format_value(figures.members, language),
            connected=_svg.format_value(figures.connected, language),
            isolated=_svg.format_value(figures.isolated, language),
            connections=_svg.format_value(figures.connections, language),
            crossing=_svg.format_value(figures.crossing_connections, language),
        )

    n = len(graph.members)
    margin = 16
    radius = 5.0 if n <= 200 else (3.5 if n <= 1000 else 2.6)
    groups = [*graph.subgroups, None] if (graph.subgroup_code < 0).any() else list(graph.subgroups)
    legend_rows = math.ceil(len(groups) / 2) if groups else 0
    legend_top = margin + drawing_height + 20
    height = legend_top + 28 + legend_rows * 26 + margin

    def point(member: int) -> tuple[float, float]:
        x = margin + radius + unit[member, 0] * (width - 2 * margin - 2 * radius)
        y = margin + radius + unit[member, 1] * (drawing_height - 2 * radius)
        return x, y

    parts = _svg.open_svg(width, height, title, description)
    low, high, weight = graph.pairs()
    if low.size:
        parts.append('<g stroke="#8a8a8a" stroke-opacity="0.55" fill="none">')
        for first, second, strength in zip(low.tolist(), high.tolist(), weight.tolist(), strict=True):
            x1, y1 = point(first)
            x2, y2 = point(second)
            stroke = _svg.number(min(3.0, 0.6 + 0.8 * strength))
            parts.append(
                f'<line x1="{_svg.number(x1)}" y1="{_svg.number(y1)}" x2="{_svg.number(x2)}" y2="{_svg.number(y2)}" stroke-width="{stroke}"/>'
            )
        parts.append("</g>")
    degree = np.bincount(np.concatenate([low, high]), minlength=n) if low.size else np.zeros(n, dtype=np.int64)
    if (degree == 0).any() and (degree > 0).any():
        band_y = margin + ISOLATED_BAND * drawing_height
        parts.append(
            f'<line x1="{margin}" y1="{_svg.number(band_y)}" x2="{width - margin}" y2="{_svg.number(band_y)}" stroke="{_svg.GRID_COLOUR}" stroke-dasharray="4 4"/>'
        )
        parts.append(_svg.text(margin, band_y + 14, vocabulary["isolated"], size=13, fill=_svg.MUTED_COLOUR))

    def group_name(subgroup: str | None) -> str:
        if subgroup is None:
            return vocabulary["no_subgroup"]
        return labels.get(subgroup, subgroup)

    for position, subgroup in enumerate(groups):
        code = -1 if subgroup is None else graph.subgroups.index(subgroup)
        colour = _svg.PALETTE[position % len(_svg.PALETTE)] if subgroup is not None else "#ffffff"
        shape = position % 6
        members_here = np.flatnonzero(graph.subgroup_code == code)
        path = "".join(_svg.shape_path(shape, *point(int(member)), radius) for member in members_here)
        parts.append(f'<g fill="{colour}" stroke="#1a1a1a" stroke-width="0.8"><title>{_svg.escape(group_name(subgroup))}</title>')
        if path:
            parts.append(f'<path d="{path}"/>')
        parts.append("</g>")

    parts.append(_svg.text(margin, legend_top + 4, vocabulary["legend"], size=15, weight="600"))
    column_width = (width - 2 * margin) / 2
    for position, subgroup in enumerate(groups):
        row, column = divmod(position, 2)
        x = margin + column * column_width
        y = legend_top + 28 + row * 26
        code = -1 if subgroup is None else graph.subgroups.index(subgroup)
        count = int((graph.subgroup_code == code).sum())
        colour = _svg.PALETTE[position % len(_svg.PALETTE)] if subgroup is not None else "#ffffff"
        parts.append(
            f'<path d="{_svg.shape_path(position % 6, x + 8, y - 5, 7)}" fill="{colour}" stroke="#1a1a1a" stroke-width="1"/>'
        )
        label = f"{_svg.shorten(group_name(subgroup), 34)} ({vocabulary['people'].format(count=_svg.format_value(count, language))})"
        parts.append(_svg.text(x + 22, y, label, size=14))
    parts.append("</svg>")
    return "\n".join(parts)

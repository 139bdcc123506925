"""``solve``: the matching round; ``suggest``: the best few supporters for one seeker."""

from __future__ import annotations

import gc
import time
from collections import deque
from collections.abc import Iterable, Sequence
from datetime import date

import numpy as np

from . import text as textlib
from .core import SCALE, Progress, SupporterIndex, _max_flow, _min_cost_flow, _Problem, now
from .model import Pair, Reason, Result, Seeker, Supporter, Weights
from .reasons import pair_reasons, unmatched_reason


def solve(
    seekers: Sequence[Seeker],
    supporters: Sequence[Supporter] | SupporterIndex,
    *,
    weights: Weights | None = None,
    k: int = 50,
    locked: Iterable[tuple[str, str]] = (),
    vetoed: Iterable[tuple[str, str]] = (),
    forbidden_pairs: Iterable[tuple[str, str]] = (),
    same_group: str = "ignore",
    progress: Progress | None = None,
    today: date | None = None,
) -> Result:
    """Pair seekers with supporters: the most seekers possible, then the best total score.

    - ``seekers``, ``supporters``: one community's people (``Seeker``, ``Supporter``); a
      ``SupporterIndex`` may be passed instead of the supporters.
    - ``weights``: ``Weights`` (defaults documented there and in docs/matching.md).
    - ``k``: candidates kept per seeker before the exact solve (the repair step makes sure
      this never lowers the number matched).
    - ``locked``: (seeker_id, supporter_id) pairs kept as they are (if they break a hard rule
      or exceed the supporter's places they are dropped and counted in
      ``stats["dropped_locks"]``); ``vetoed``: pairs never proposed in this round;
      ``forbidden_pairs``: pairs never proposed (blocks, relationships that ended badly,
      someone already supporting the seeker, conflicts of interest).
    - ``same_group``: "ignore", "prefer" (a score part) or "forbid" (a hard rule; a
      reporting line between the two is then forbidden too).
    - ``progress``: called as ``progress(phase, fraction)``.
    - ``today``: the date for waiting times and years of experience (default: today).

    Returns a ``Result``: ``pairs`` (``Pair`` with seeker_id, supporter_id, score 0-100,
    reasons, locked), ``unmatched`` ({seeker_id: Reason}) and ``stats``.
    """
    # The cyclic garbage collector would scan the people's objects again and again while
    # the arrays are built (1.5-2 s on 120,000 people); nothing here makes cycles.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _solve(
            seekers, supporters, weights=weights, k=k, locked=locked, vetoed=vetoed,
            forbidden_pairs=forbidden_pairs, same_group=same_group, progress=progress,
            today=today,
        )  # fmt: skip
    finally:
        if collecting:
            gc.enable()


def _solve(
    seekers, supporters, *, weights, k, locked, vetoed, forbidden_pairs, same_group, progress, today
) -> Result:
    started = now()
    cpu_started = time.process_time()
    weights = weights or Weights()
    if k < 1:
        raise ValueError("k must be 1 or more")
    report = progress or (lambda phase, fraction: None)
    report("prepare", 0.0)
    seekers = list(seekers)
    seeker_terms = [s.terms if s.terms is not None else textlib.terms(s.about) for s in seekers]
    if isinstance(supporters, SupporterIndex):
        index = supporters
    else:
        index = SupporterIndex(supporters, today=today, extra_terms=seeker_terms)
    by_id = {s.id: t for s, t in zip(seekers, seeker_terms, strict=True)}
    vetoed = {(str(a), str(b)) for a, b in vetoed}
    problem = _Problem(
        seekers,
        index,
        weights=weights,
        forbidden_pairs=[*forbidden_pairs, *vetoed],
        same_group=same_group,
        seeker_terms=[by_id[s.id] for s in sorted(seekers, key=lambda s: s.id)],
    )
    stats: dict = {"seekers": len(problem.s.ids), "supporters": len(index)}
    clock = [started, cpu_started]

    def lap(phase: str) -> None:
        # Wall-clock and CPU (process) seconds of each phase.
        wall, cpu = now(), time.process_time()
        stats[f"seconds_{phase}"] = round(wall - clock[0], 3)
        stats[f"cpu_{phase}"] = round(cpu - clock[1], 3)
        clock[:] = [wall, cpu]

    lap("prepare")
    report("prepare", 1.0)

    # Locked pairs first: kept when they break no rule and the supporter has a place.
    capacity = index.capacity.copy()
    capacity[~index.available] = 0
    locked_rows: list[tuple[int, int]] = []
    dropped = 0
    taken: set[int] = set()
    for seeker_id, supporter_id in sorted({(str(a), str(b)) for a, b in locked}):
        i = problem.position.get(seeker_id)
        j = index.position.get(supporter_id)
        if (
            i is None
            or j is None
            or i in taken
            or capacity[j] <= 0
            or (seeker_id, supporter_id) in vetoed
            or j not in set(problem.feasible(i).tolist())
        ):
            dropped += 1
            continue
        locked_rows.append((i, j))
        taken.add(i)
        capacity[j] -= 1
    stats["dropped_locks"] = dropped

    # Candidates: the best k per seeker.
    report("candidates", 0.0)
    free = np.array([i not in taken for i in range(len(problem.s.ids))], dtype=bool)
    edge_s, edge_p, edge_score = problem.candidates(k, free)
    stats["candidates"] = len(edge_s)
    lap("candidates")
    report("candidates", 1.0)

    # Exact solve, then repair until no augmenting path exists in the full feasible graph.
    # Coverage first: a maximum flow on the candidates (fast, scores ignored), grown if need
    # be into a maximum matching of the full feasible graph, whose pairs join the candidates.
    # Then one min-cost flow gives the most pairs and, among those, the best total score.
    rounds = 0
    report("solve", 0.1)
    first = _max_flow(edge_s, edge_p, capacity)
    lap("max_flow")
    bigger = _maximum_matching(problem, free, edge_s[first], edge_p[first], capacity)
    report("solve", 0.3)
    if bigger is not None:
        rounds = 1
        add_s, add_p = bigger
        new = _not_among(add_s, add_p, edge_s, edge_p, len(index))
        add_s, add_p = add_s[new], add_p[new]
        edge_s = np.concatenate([edge_s, add_s])
        edge_p = np.concatenate([edge_p, add_p])
        edge_score = np.concatenate([edge_score, problem.edge_scores(add_s, add_p)])
        stats["repair_edges"] = len(add_s)
    lap("repair")
    chosen = _min_cost_flow(edge_s, edge_p, edge_score, len(problem.s.ids), capacity)
    match_s, match_p = edge_s[chosen], edge_p[chosen]
    stats["repair_rounds"] = rounds
    lap("min_cost_flow")
    report("solve", 1.0)

    # Pairs with reasons, unmatched with theirs.
    locked_s = np.array([a for a, _ in locked_rows], dtype=np.int64)
    locked_p = np.array([b for _, b in locked_rows], dtype=np.int64)
    all_s = np.concatenate([locked_s, match_s])
    all_p = np.concatenate([locked_p, match_p])
    _, parts = problem.parts(all_s, all_p)
    scores = np.concatenate([problem.scores(locked_s, locked_p), edge_score[chosen]])
    reasons = pair_reasons(problem, all_s, all_p, parts)
    n_locked = len(locked_rows)
    pairs = [
        Pair(
            seeker_id=problem.s.ids[a],
            supporter_id=index.ids[b],
            score=round(int(c) / (SCALE / 100), 2),
            reasons=(Reason("locked"), *r) if n < n_locked else r,
            locked=n < n_locked,
        )
        for n, (a, b, c, r) in enumerate(
            zip(all_s.tolist(), all_p.tolist(), scores.tolist(), reasons, strict=True)
        )
    ]
    pairs.sort(key=lambda pair: pair.seeker_id)
    matched = set(all_s.tolist())
    unmatched = _unmatched_reasons(problem, matched)
    stats["matched"] = len(pairs)
    stats["total_score"] = int(scores.sum())
    stats["places"] = int(capacity.sum()) + len(locked_rows)
    lap("reasons")
    stats["seconds_total"] = round(now() - started, 3)
    stats["cpu_total"] = round(time.process_time() - cpu_started, 3)
    report("done", 1.0)
    return Result(pairs=pairs, unmatched=unmatched, stats=stats)


def _not_among(
    add_s: np.ndarray, add_p: np.ndarray, edge_s: np.ndarray, edge_p: np.ndarray, width: int
) -> np.ndarray:
    """Which of the pairs (add_s, add_p) are not among the edges (a few against millions)."""
    keys = np.sort(add_s * width + add_p)
    if not len(keys):
        return np.zeros(0, dtype=bool)
    edge_keys = edge_s * width + edge_p
    at = np.minimum(np.searchsorted(keys, edge_keys), len(keys) - 1)
    present = np.unique(keys[at][keys[at] == edge_keys])
    return ~np.isin(add_s * width + add_p, present)


def _unmatched_reasons(problem: _Problem, matched: set[int]) -> dict[str, Reason]:
    """The reason of every unmatched seeker; seekers alike in what the reason reads share it."""
    s = problem.s
    forbid = problem.same_group == "forbid"
    shared: dict[tuple, Reason] = {}
    out: dict[str, Reason] = {}
    for i in range(len(s.ids)):
        if i in matched:
            continue
        if problem.has_exclusions[i] or (forbid and s.group[i] >= 0):
            out[s.ids[i]] = unmatched_reason(problem, i)
            continue
        seeker = s.seekers[i]
        key = (
            int(problem.block_of[i]),
            seeker.topics,
            seeker.languages,
            seeker.mode,
            seeker.city,
            seeker.minor,
        )
        reason = shared.get(key)
        if reason is None:
            reason = shared[key] = unmatched_reason(problem, i)
        out[s.ids[i]] = reason
    return out


def _maximum_matching(
    problem: _Problem,
    free: np.ndarray,
    match_s: np.ndarray,
    match_p: np.ndarray,
    capacity: np.ndarray,
) -> tuple[np.ndarray, np.ndarray] | None:
    """A maximum matching of the full feasible graph grown from the given one, or None
    when the given one is maximum already (no augmenting path).

    Phases of breadth-first search from every unmatched seeker along feasible edges to
    supporters and back along chosen pairs to their seekers (Hopcroft-Karp style): each
    supporter with a place left that is reached ends an augmenting path, applied at once
    when its seekers were not moved yet in this phase. Seekers of one block share their
    feasible supporters, so a block without personal exclusions is expanded only once.
    """
    n_seekers = len(problem.s.ids)
    n_supporters = len(problem.index)
    partner = np.full(n_seekers, -1, dtype=np.int64)
    partner[match_s] = match_p
    left = capacity - np.bincount(match_p, minlength=n_supporters)
    holders: dict[int, list[int]] = {}
    for i, j in zip(match_s.tolist(), match_p.tolist(), strict=True):
        holders.setdefault(j, []).append(i)
    personal = np.zeros(n_seekers, dtype=bool)
    personal[list(problem.excluded)] = True
    if problem.same_group == "forbid":
        personal |= problem.s.group >= 0
    has_feasible = np.array([len(f) > 0 for f in problem.block_feasible], dtype=bool)
    grown = False
    while True:
        roots = np.flatnonzero(free & (partner < 0) & has_feasible[problem.block_of])
        if not len(roots):
            break
        visited = np.zeros(n_supporters, dtype=bool)
        parent = np.full(n_supporters, -1, dtype=np.int64)
        seen = np.zeros(n_seekers, dtype=bool)
        moved = np.zeros(n_seekers, dtype=bool)
        expanded = np.zeros(len(problem.block_members), dtype=bool)
        seen[roots] = True
        queue = deque(roots.tolist())
        found = 0
        while queue:
            i = queue.popleft()
            if moved[i]:
                continue
            if not personal[i]:
                block = problem.block_of[i]
                if expanded[block]:
                    continue
                expanded[block] = True
            rows = problem.feasible(i)
            rows = rows[~visited[rows]]
            if not len(rows):
                continue
            visited[rows] = True
            parent[rows] = i
            for j in rows[left[rows] > 0].tolist():
                path = []
                seeker, supporter = i, j
                while True:
                    if moved[seeker]:
                        path = []
                        break
                    path.append((seeker, supporter))
                    previous = int(partner[seeker])
                    if previous < 0:
                        break
                    supporter, seeker = previous, int(parent[previous])
                if path:
                    for seeker, supporter in path:
                        old = int(partner[seeker])
                        if old >= 0:
                            holders[old].remove(seeker)
                        partner[seeker] = supporter
                        holders.setdefault(supporter, []).append(seeker)
                        moved[seeker] = True
                    left[j] -= 1
                    found += 1
                    break
            for j in rows.tolist():
                for holder in holders.get(j, ()):
                    if not seen[holder] and free[holder]:
                        seen[holder] = True
                        queue.append(holder)
        if not found:
            break
        grown = True
    if not grown:
        return None
    matched = np.flatnonzero(partner >= 0)
    return matched, partner[matched]


def suggest(
    seeker: Seeker,
    supporters: Sequence[Supporter] | SupporterIndex,
    *,
    n: int = 5,
    weights: Weights | None = None,
    forbidden_pairs: Iterable[tuple[str, str]] = (),
    same_group: str = "ignore",
    today: date | None = None,
) -> list[Pair]:
    """The best ``n`` supporters for one seeker, each with score and reasons.

    Pass a ``SupporterIndex`` (built once, reused while the supporters do not change) to
    answer in milliseconds for tens of thousands of supporters.
    """
    index = (
        supporters
        if isinstance(supporters, SupporterIndex)
        else SupporterIndex(supporters, today=today)
    )
    problem = _Problem(
        [seeker],
        index,
        weights=weights or Weights(),
        forbidden_pairs=forbidden_pairs,
        same_group=same_group,
    )
    rows = problem.feasible(0)
    if not len(rows):
        return []
    si = np.zeros(len(rows), dtype=np.int64)
    scores = problem.scores(si, rows)
    keep = np.lexsort((rows, -scores))[:n]
    rows, si = rows[keep], si[keep]
    scores, parts = problem.parts(si, rows)
    reasons = pair_reasons(problem, si, rows, parts)
    return [
        Pair(
            seeker_id=seeker.id,
            supporter_id=index.ids[j],
            score=round(int(c) / (SCALE / 100), 2),
            reasons=r,
        )
        for j, c, r in zip(rows.tolist(), scores.tolist(), reasons, strict=True)
    ]


def pair_scores(
    seekers: Sequence[Seeker],
    supporters: Sequence[Supporter],
    pairs: Iterable[tuple[str, str]],
    *,
    weights: Weights | None = None,
    forbidden_pairs: Iterable[tuple[str, str]] = (),
    same_group: str = "ignore",
    today: date | None = None,
) -> dict[tuple[str, str], int]:
    """The integer scores (0..10000) that ``solve`` gives the given pairs, as it computes them."""
    seekers = list(seekers)
    seeker_terms = [s.terms if s.terms is not None else textlib.terms(s.about) for s in seekers]
    index = SupporterIndex(supporters, today=today, extra_terms=seeker_terms)
    problem = _Problem(
        seekers,
        index,
        weights=weights or Weights(),
        forbidden_pairs=forbidden_pairs,
        same_group=same_group,
    )
    out = {}
    for seeker_id, supporter_id in pairs:
        i, j = problem.position[seeker_id], index.position[supporter_id]
        out[(seeker_id, supporter_id)] = int(problem.scores(np.array([[i]]), np.array([[j]]))[0, 0])
    return out

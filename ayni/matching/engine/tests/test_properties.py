"""Property tests on random small instances: rules, capacity, coverage, optimum, determinism."""

from __future__ import annotations

import random
import unicodedata
from datetime import date

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy import sparse
from scipy.sparse.csgraph import maximum_flow

from ayni.matching.engine import Seeker, Supporter, solve
from ayni.matching.engine.solver import pair_scores

TODAY = date(2026, 12, 4)
WORDS = ["madre", "trabajo", "perdí", "duelo", "lost", "job", "mother", "grief", "sola", "alone"]
SLOT_CHOICES = ["mon-am", "tue-eve", "sat-pm"]


def _fold(text: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c)
    ).strip()


def person_fields(draw, person_id: str) -> dict:
    return {
        "id": person_id,
        "languages": draw(st.sets(st.sampled_from(["es", "en", "qu"]), min_size=1, max_size=2)),
        "topics": draw(
            st.sets(st.sampled_from(["grief", "job-loss", "divorce"]), min_size=1, max_size=2)
        ),
        "availability": draw(st.sets(st.sampled_from(SLOT_CHOICES))),
        "mode": draw(st.sampled_from(["online", "in-person", "either"])),
        "city": draw(st.sampled_from(["", "Lima", "lima ", "Cusco"])),
        "area": draw(st.sampled_from(["", "norte", "sur"])),
        "group": draw(st.sampled_from(["", "a", "b"])),
        "minor": draw(st.booleans()),
        "age": draw(st.one_of(st.none(), st.integers(12, 80))),
        "gender": draw(st.sampled_from(["", "f", "m"])),
    }


@st.composite
def instances(draw, max_seekers=6, max_supporters=5):
    n_seekers = draw(st.integers(0, max_seekers))
    n_supporters = draw(st.integers(0, max_supporters))
    seeker_ids = [f"s{i}" for i in range(n_seekers)]
    # A supporter may be the same person as a seeker (same id).
    supporter_ids = draw(
        st.lists(
            st.sampled_from([f"p{i}" for i in range(8)] + seeker_ids[:2]),
            min_size=n_supporters,
            max_size=n_supporters,
            unique=True,
        )
    )
    text = st.lists(st.sampled_from(WORDS), max_size=4).map(" ".join)
    seekers = []
    for seeker_id in seeker_ids:
        fields = person_fields(draw, seeker_id)
        seekers.append(
            Seeker(
                **fields,
                about=draw(text),
                exclude=draw(st.sets(st.sampled_from(supporter_ids))) if supporter_ids else (),
                reports_to=draw(st.sampled_from(["", *supporter_ids])),
                waiting_since=draw(st.one_of(st.none(), st.dates(date(2026, 1, 1), TODAY))),
                prefers_same_gender=draw(st.booleans()),
                prefers_similar_age=draw(st.booleans()),
                can_support=draw(st.sets(st.sampled_from(["grief", "debt"]), max_size=1)),
            )
        )
    supporters = []
    for supporter_id in supporter_ids:
        fields = person_fields(draw, supporter_id)
        supporters.append(
            Supporter(
                **fields,
                experience=draw(text),
                exclude=draw(st.sets(st.sampled_from(seeker_ids))) if seeker_ids else (),
                experience_years={t: draw(st.floats(0, 10)) for t in fields["topics"]},
                capacity=draw(st.integers(0, 3)),
                load=draw(st.integers(0, 3)),
                eligible=draw(st.booleans()),
                vetted=draw(st.booleans()),
                wants_topics=draw(st.sets(st.sampled_from(["debt", "grief"]), max_size=1)),
            )
        )
    pairs = [(s, p) for s in seeker_ids for p in supporter_ids]
    forbidden = draw(st.sets(st.sampled_from(pairs), max_size=3)) if pairs else set()
    vetoed = draw(st.sets(st.sampled_from(pairs), max_size=2)) if pairs else set()
    same_group = draw(st.sampled_from(["ignore", "prefer", "forbid"]))
    return seekers, supporters, forbidden, vetoed, same_group


def allowed(seeker: Seeker, supporter: Supporter, forbidden, same_group) -> bool:
    """Every hard rule, written from the specification, independently of the engine."""
    if not supporter.eligible or supporter.capacity <= 0:
        return False
    if not (seeker.languages & supporter.languages) or not (seeker.topics & supporter.topics):
        return False
    online = seeker.mode in ("online", "either") and supporter.mode in ("online", "either")
    in_person = (
        seeker.mode in ("in-person", "either")
        and supporter.mode in ("in-person", "either")
        and _fold(seeker.city) != ""
        and _fold(seeker.city) == _fold(supporter.city)
    )
    if not (online or in_person):
        return False
    if seeker.minor and not supporter.vetted:
        return False
    if not seeker.minor and supporter.minor:
        return False
    if (
        seeker.id == supporter.id
        or supporter.id in seeker.exclude
        or seeker.id in supporter.exclude
    ):
        return False
    if (seeker.id, supporter.id) in forbidden:
        return False
    if same_group == "forbid":
        if seeker.group and seeker.group.casefold() == supporter.group.casefold():
            return False
        if seeker.reports_to == supporter.id or supporter.reports_to == seeker.id:
            return False
    return True


def max_coverage(seekers, supporters, ok) -> int:
    n, m = len(seekers), len(supporters)
    if not n or not m:
        return 0
    size = n + m + 2
    rows, cols, caps = [], [], []
    for i in range(n):
        rows.append(0), cols.append(1 + i), caps.append(1)
    for i, seeker in enumerate(seekers):
        for j, supporter in enumerate(supporters):
            if ok(seeker, supporter):
                rows.append(1 + i), cols.append(1 + n + j), caps.append(1)
    for j, supporter in enumerate(supporters):
        rows.append(1 + n + j), cols.append(size - 1), caps.append(supporter.capacity)
    graph = sparse.csr_matrix((np.array(caps, dtype=np.int32), (rows, cols)), shape=(size, size))
    return maximum_flow(graph, 0, size - 1).flow_value


def check_result(result, seekers, supporters, forbidden, vetoed, same_group):
    by_seeker = {s.id: s for s in seekers}
    by_supporter = {p.id: p for p in supporters}
    blocked = forbidden | vetoed
    seen = set()
    load: dict[str, int] = {}
    for pair in result.pairs:
        assert pair.seeker_id not in seen, "a seeker is paired twice"
        seen.add(pair.seeker_id)
        seeker, supporter = by_seeker[pair.seeker_id], by_supporter[pair.supporter_id]
        assert allowed(seeker, supporter, blocked, same_group), f"hard rule broken: {pair}"
        assert 0 <= pair.score <= 100
        load[supporter.id] = load.get(supporter.id, 0) + 1
    for supporter_id, count in load.items():
        assert count <= by_supporter[supporter_id].capacity, "capacity exceeded"
    assert set(result.unmatched) == {s.id for s in seekers} - seen


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(), st.integers(1, 3))
def test_no_hard_rule_is_broken_capacity_holds_and_coverage_is_maximum(instance, k):
    seekers, supporters, forbidden, vetoed, same_group = instance
    result = solve(
        seekers,
        supporters,
        k=k,  # small k makes the repair step do the work
        forbidden_pairs=forbidden,
        vetoed=vetoed,
        same_group=same_group,
        today=TODAY,
    )
    check_result(result, seekers, supporters, forbidden, vetoed, same_group)
    blocked = forbidden | vetoed
    best = max_coverage(seekers, supporters, lambda s, p: allowed(s, p, blocked, same_group))
    assert len(result.pairs) == best


def brute_force(seekers, supporters, scores):
    """(most pairs, highest total score) over every assignment."""
    capacity = {p.id: p.capacity for p in supporters}
    best = (0, 0)

    def walk(n, count, total):
        nonlocal best
        if n == len(seekers):
            best = max(best, (count, total))
            return
        walk(n + 1, count, total)
        for supporter in supporters:
            score = scores.get((seekers[n].id, supporter.id))
            if score is not None and capacity[supporter.id] > 0:
                capacity[supporter.id] -= 1
                walk(n + 1, count + 1, total + score)
                capacity[supporter.id] += 1

    walk(0, 0, 0)
    return best


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(max_seekers=5, max_supporters=4))
def test_total_score_is_the_brute_force_optimum(instance):
    seekers, supporters, forbidden, vetoed, same_group = instance
    result = solve(
        seekers, supporters, forbidden_pairs=forbidden | vetoed, same_group=same_group, today=TODAY
    )
    blocked = forbidden | vetoed
    feasible = [
        (s.id, p.id) for s in seekers for p in supporters if allowed(s, p, blocked, same_group)
    ]
    scores = pair_scores(
        seekers, supporters, feasible, same_group=same_group, forbidden_pairs=blocked, today=TODAY
    )
    assert brute_force(seekers, supporters, scores) == (
        len(result.pairs),
        result.stats["total_score"],
    )


@settings(max_examples=40, deadline=None)
@given(instances(), st.randoms(use_true_random=False))
def test_the_same_input_gives_the_same_output_in_any_order(instance, rng: random.Random):
    seekers, supporters, forbidden, vetoed, same_group = instance
    first = solve(
        seekers,
        supporters,
        forbidden_pairs=forbidden,
        vetoed=vetoed,
        same_group=same_group,
        today=TODAY,
    )
    shuffled_seekers, shuffled_supporters = list(seekers), list(supporters)
    rng.shuffle(shuffled_seekers)
    rng.shuffle(shuffled_supporters)
    second = solve(
        shuffled_seekers,
        shuffled_supporters,
        forbidden_pairs=forbidden,
        vetoed=vetoed,
        same_group=same_group,
        today=TODAY,
    )
    assert first.pairs == second.pairs
    assert first.unmatched == second.unmatched


@settings(max_examples=60, deadline=None)
@given(instances(), st.data())
def test_locked_pairs_stay_and_vetoed_pairs_never_appear(instance, data):
    seekers, supporters, forbidden, vetoed, same_group = instance
    if not seekers or not supporters:
        return
    locks = data.draw(
        st.sets(
            st.tuples(
                st.sampled_from([s.id for s in seekers]),
                st.sampled_from([p.id for p in supporters]),
            ),
            max_size=3,
        )
    )
    result = solve(
        seekers,
        supporters,
        locked=locks,
        vetoed=vetoed,
        forbidden_pairs=forbidden,
        same_group=same_group,
        today=TODAY,
    )
    check_result(result, seekers, supporters, forbidden, vetoed, same_group)
    chosen = {(p.seeker_id, p.supporter_id) for p in result.pairs}
    assert not chosen & vetoed
    kept = {(p.seeker_id, p.supporter_id) for p in result.pairs if p.locked}
    assert kept <= locks
    assert len(kept) + result.stats["dropped_locks"] == len(locks)


WEIGHT_NAMES = [
    "topics",
    "text",
    "further_along",
    "availability",
    "area",
    "age",
    "gender",
    "load",
    "waiting",
    "hard_to_match",
    "reciprocity",
    "same_group",
]
weight_values = st.one_of(st.just(0.0), st.floats(0.001, 50, allow_nan=False))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    instances(max_seekers=8, max_supporters=6),
    st.fixed_dictionaries({name: weight_values for name in WEIGHT_NAMES}),
)
def test_the_fast_batch_scores_equal_the_parts_scores_bit_for_bit(instance, weights):
    from ayni.matching.engine.core import SupporterIndex, _group_dots, _Problem
    from ayni.matching.engine.model import Weights

    seekers, supporters, forbidden, _vetoed, same_group = instance
    index = SupporterIndex(supporters, today=TODAY)
    problem = _Problem(
        seekers,
        index,
        weights=Weights(**weights),
        forbidden_pairs=forbidden,
        same_group=same_group,
    )
    batch = [
        (members, problem.block_feasible[block])
        for block, members in enumerate(problem.block_members)
        if len(problem.block_feasible[block])
    ]
    if not batch:
        return
    cell_s = np.concatenate([np.repeat(m, len(c)) for m, c in batch])
    cell_p = np.concatenate([np.tile(c, len(m)) for m, c in batch])
    text = _group_dots(problem.s.text_vectors, index.text_vectors, batch)
    fast = problem.batch_scores(batch, cell_s, cell_p, text)
    assert np.array_equal(fast, problem.parts(cell_s, cell_p, text)[0])

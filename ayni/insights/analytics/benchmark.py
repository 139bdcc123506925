"""Timing of the analytics helpers on generated data; prints figures, asserts nothing.

Run: ``python -m ayni.insights.analytics.benchmark`` (check ``uptime`` first: 2 shared cores).
"""

from __future__ import annotations

import os
import random
import time
from datetime import date, timedelta

from .network import (
    Connection,
    Member,
    layout_network,
    network_by_month,
    network_figures,
    network_svg,
)
from .scoring import load_instruments, score_response
from .stats import change_from_baseline, suppress


def generated_network(member_count: int, connection_count: int, seed: int = 7) -> tuple[list[Member], list[Connection]]:
    """Members in 6 subgroups, a fifth isolated, with dated relationships and circle pairs."""
    generator = random.Random(seed)
    subgroups = ["north", "south", "east", "west", "centre", "online"]
    first_day = date(2025, 1, 1)
    members = [
        Member(number, generator.choice(subgroups), first_day + timedelta(days=generator.randrange(365)))
        for number in range(member_count)
    ]
    linkable = list(range(int(member_count * 0.8)))
    connections = []
    while len(connections) < connection_count:
        a, b = generator.sample(linkable, 2)
        start = max(members[a].joined, members[b].joined) + timedelta(days=generator.randrange(60))
        end = start + timedelta(days=generator.randrange(60, 400)) if generator.random() < 0.5 else None
        kind = "relationship" if generator.random() < 0.7 else "circle"
        connections.append(Connection(a, b, kind, start, end))
    return members, connections


def timed(label: str, function, repeat: int = 3) -> object:
    best = float("inf")
    result = None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - started)
    print(f"{label:<58} {best * 1000:8.1f} ms (best of {repeat})")
    return result


def main() -> None:
    print(f"load average: {os.getloadavg()[0]:.2f}")
    members, connections = generated_network(2_000, 5_000)
    timed("layout_network 2,000 members / 5,000 connections", lambda: layout_network(members, connections))
    positions = layout_network(members, connections)
    svg = timed("network_svg with given positions", lambda: network_svg(members, connections, title="Network", positions=positions))
    print(f"{'  SVG size':<58} {len(svg) / 1024:8.1f} KiB")
    timed("network_svg including layout", lambda: network_svg(members, connections, title="Network"))
    big_members, big_connections = generated_network(20_000, 5_000)
    timed("network_figures 20,000 members / 5,000 connections", lambda: network_figures(big_members, big_connections))
    timed(
        "network_by_month 24 months, 20,000 members",
        lambda: network_by_month(big_members, big_connections, first_month=date(2025, 1, 1), last_month=date(2026, 12, 1)),
    )
    belonging = load_instruments()["ayni_belonging"]
    generator = random.Random(3)
    answer_sets = [{item.key: generator.choice([None, 1, 2, 3, 4, 5]) for item in belonging.items} for _ in range(10_000)]
    timed("score_response x 10,000", lambda: [score_response(belonging, answers) for answers in answer_sets])
    before = [generator.uniform(1, 5) for _ in range(2_000)]
    after = [value + generator.gauss(0.3, 0.8) for value in before]
    timed("change_from_baseline t, 2,000 pairs", lambda: change_from_baseline(before, after))
    timed("change_from_baseline bootstrap 10,000 resamples, 2,000 pairs", lambda: change_from_baseline(before, after, method="bootstrap"))
    table = [[generator.choice([0, 1, 2, 3, 6, 9, 14, 30]) for _ in range(8)] for _ in range(20)]
    timed("suppress 20 x 8 table", lambda: suppress(table))


if __name__ == "__main__":
    main()

"""Matching benchmarks: print figures (they assert nothing about time).

    python bench/matching/run.py                 # 1,000 x 500 through `ayni match-csv`, suggest
    python bench/matching/run.py --large         # + 100,000 x 20,000 solve in a child process
    python bench/matching/run.py --compare PY    # + mentor-match 7.0.1 run by interpreter PY
                                                 #   (or MENTOR_MATCH_PYTHON; skipped if absent)

Figures are wall-clock and CPU seconds and peak memory (RSS) of a child process, so the
generator's own time is not counted. On a shared machine wall-clock figures are pessimistic.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(Path(__file__).resolve().parent)]

from population import generate, write_csv  # noqa: E402

from ayni.matching.engine import SupporterIndex, solve, suggest  # noqa: E402
from ayni.matching.engine.csvio import read_seekers, read_supporters  # noqa: E402
from ayni.matching.engine.solver import pair_scores  # noqa: E402

TODAY = date(2026, 12, 4)


def _child_usage() -> tuple[float, float]:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def bench_csv(n_seekers: int, n_supporters: int, folder: Path) -> dict:
    seekers, supporters = generate(n_seekers, n_supporters)
    supporters_path, seekers_path = write_csv(seekers, supporters, folder)
    out, unmatched = folder / "pairs.csv", folder / "unmatched.csv"
    cpu_before, _ = _child_usage()
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "ayni", "match-csv", "--supporters", str(supporters_path),
         "--seekers", str(seekers_path), "--out", str(out), "--unmatched", str(unmatched),
         "--quiet"],
        check=True, cwd=ROOT,
    )  # fmt: skip
    wall = time.perf_counter() - started
    cpu_after, peak = _child_usage()
    pairs = [line.split(",")[:3] for line in out.read_text(encoding="utf-8").splitlines()[1:]]
    total = sum(round(float(score) * 100) for _, _, score in pairs)
    print(
        f"match-csv {n_seekers:,} x {n_supporters:,}: whole process {wall:.2f} s wall, "
        f"{cpu_after - cpu_before:.2f} s CPU, peak {peak:.0f} MB; matched {len(pairs)}, "
        f"total score {total / 100:.2f}"
    )
    # What match-csv saw (the CSV columns only), for a comparison on the same scores.
    return {
        "seekers": read_seekers(seekers_path),
        "supporters": read_supporters(supporters_path),
        "pairs": pairs,
        "total": total,
    }


def bench_suggest(n_supporters: int, queries: int = 200) -> None:
    seekers, supporters = generate(queries, n_supporters, seed=11)
    started = time.perf_counter()
    index = SupporterIndex(supporters, today=TODAY)
    built = time.perf_counter() - started
    times = []
    for seeker in seekers:
        started = time.perf_counter()
        suggest(seeker, index, n=5)
        times.append(time.perf_counter() - started)
    times.sort()
    print(
        f"suggest among {n_supporters:,} supporters: index built in {built:.2f} s; per request "
        f"median {times[len(times) // 2] * 1000:.1f} ms, 95th {times[int(len(times) * 0.95)] * 1000:.1f} ms, "
        f"max {times[-1] * 1000:.1f} ms"
    )


def bench_large(n_seekers: int, n_supporters: int) -> None:
    """Runs in a child process so that its peak memory is its own."""
    code = f"""
import json, resource, sys, time
sys.path[:0] = {[str(ROOT), str(Path(__file__).resolve().parent)]!r}
from datetime import date
from population import generate
from ayni.matching.engine import solve
seekers, supporters = generate({n_seekers}, {n_supporters})
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
cpu = time.process_time(); started = time.perf_counter()
result = solve(seekers, supporters, today=date(2026, 12, 4))
wall = time.perf_counter() - started; cpu = time.process_time() - cpu
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"wall": wall, "cpu": cpu, "peak_mb": peak, "before_mb": base, "stats": result.stats}}))
"""
    output = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True, cwd=ROOT
    ).stdout
    figures = json.loads(output.strip().splitlines()[-1])
    stats = figures["stats"]
    print(
        f"solve {n_seekers:,} x {n_supporters:,} (capacity 1-5): {figures['wall']:.1f} s wall, "
        f"{figures['cpu']:.1f} s CPU, peak {figures['peak_mb']:.0f} MB "
        f"({figures['before_mb']:.0f} MB with the population loaded); matched {stats['matched']:,} "
        f"of {stats['seekers']:,} ({stats['places']:,} places), {stats['candidates']:,} candidate "
        f"edges, repair rounds {stats['repair_rounds']}"
    )
    phases = [k[8:] for k in stats if k.startswith("seconds_") and k != "seconds_total"]
    print(
        "  phases (wall s / CPU s): "
        + ", ".join(f"{k} {stats[f'seconds_{k}']}/{stats.get(f'cpu_{k}', '?')}" for k in phases)
    )


def bench_compare(python: str, instance: dict) -> None:
    seekers, supporters = instance["seekers"], instance["supporters"]
    # Every allowed pair with the score our engine gives it; the exact optimum (k = all).
    ours = solve(seekers, supporters, today=TODAY).stats
    exact = solve(seekers, supporters, k=10_000, today=TODAY).stats
    every = len(seekers) * len(supporters)
    allowed = _feasible_pairs(seekers, supporters)
    scores = pair_scores(seekers, supporters, allowed, today=TODAY)
    payload = {
        "seekers": [s.id for s in seekers],
        "supporters": [
            {"id": p.id, "capacity": p.capacity if p.eligible else 0} for p in supporters
        ],
        "scores": [[s, p, c] for (s, p), c in scores.items()],
    }
    started = time.perf_counter()
    done = subprocess.run(
        [python, str(Path(__file__).resolve().parent / "mentor_match_runner.py")],
        input=json.dumps(payload), capture_output=True, text=True, check=True, cwd="/",
    )  # fmt: skip
    wall = time.perf_counter() - started
    theirs = json.loads(done.stdout)
    their_total = sum(scores[(s, p)] for s, p in theirs["pairs"])
    print(
        f"mentor-match 7.0.1 on the same {len(seekers):,} x {len(supporters):,} (same scores): "
        f"{wall:.1f} s wall, peak {theirs['peak_mb']:.0f} MB; matched {len(theirs['pairs'])} "
        f"(ours {ours['matched']}, maximum {exact['matched']}); total score {their_total / 100:.2f} "
        f"(ours {ours['total_score'] / 100:.2f}, exact optimum {exact['total_score'] / 100:.2f}; "
        f"ratio ours/theirs {ours['total_score'] / max(1, their_total):.3f}); "
        f"{every:,} pairs, {len(allowed):,} allowed"
    )


def _feasible_pairs(seekers, supporters) -> list[tuple[str, str]]:
    """Every allowed pair, through the engine's own hard rules."""
    from ayni.matching.engine.core import SupporterIndex as Index
    from ayni.matching.engine.core import _Problem
    from ayni.matching.engine.model import Weights

    index = Index(supporters, today=TODAY)
    problem = _Problem(seekers, index, weights=Weights(), forbidden_pairs=(), same_group="ignore")
    pairs = []
    for i, seeker_id in enumerate(problem.s.ids):
        pairs.extend((seeker_id, index.ids[j]) for j in problem.feasible(i).tolist())
    return pairs


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--large", action="store_true", help="also 100,000 x 20,000")
    parser.add_argument(
        "--compare",
        default=os.environ.get("MENTOR_MATCH_PYTHON"),
        help="python of a venv with mentor-match 7.0.1",
    )
    parser.add_argument("--seekers", type=int, default=100_000)
    parser.add_argument("--supporters", type=int, default=20_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        instance = bench_csv(1_000, 500, Path(folder))
    bench_suggest(20_000)
    if args.large:
        bench_large(args.seekers, args.supporters)
    if args.compare:
        if Path(args.compare).exists():
            bench_compare(args.compare, instance)
        else:
            print(f"mentor-match comparison skipped: {args.compare} not found")
    else:
        print("mentor-match comparison skipped (pass --compare /path/to/venv/bin/python)")


if __name__ == "__main__":
    main()

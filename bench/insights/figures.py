"""Time each insights figure computed live (no snapshots), on the benchmark's database.

    python bench/insights/figures.py --database sqlite
    python bench/insights/figures.py --database postgres --pg-name h_insights_bench

Run bench/insights/dashboard.py first: it generates the community.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.insights.dashboard import SLUG, analyze, configure  # noqa: E402


def main(rounds: int) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import translation

    from ayni.communities.models import Community
    from ayni.insights import selectors, snapshots

    community = Community.objects.get(slug=SLUG)
    period = selectors.period_from("12m")
    print(f"database: {connection.vendor}")
    with translation.override("es"):
        for name, compute in snapshots.COMPUTE.items():
            compute(community, period)  # warm: imports (scipy), catalogues
            times = []
            for _round in range(rounds):
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    compute(community, period)
                    times.append((time.perf_counter() - started) * 1000)
            print(f"  {name:<22} median {statistics.median(times):8.1f} ms   {len(queries)} queries")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--pg-name", default="ayni_bench")
    parser.add_argument("--sqlite-path", default="/tmp/ayni_bench_insights.sqlite3")
    parser.add_argument("--rounds", type=int, default=1)
    arguments = parser.parse_args()
    configure(arguments.database, arguments.pg_name, arguments.sqlite_path)
    analyze()
    main(arguments.rounds)

"""Per-page cost of the load test's member pages, single-threaded: queries and milliseconds.

    AYNI_DATA_DIR=/tmp/ayni-load python bench/load/populate.py --members 20000
    AYNI_DATA_DIR=/tmp/ayni-load python bench/load/profile_pages.py [--repeat 20] [--profile /es/]

Runs in-process through Django's test client (the whole middleware stack and templates, no
network, no gunicorn), as the sample people of bench/load/population.json, on the database the
environment names (SQLite data folder or DATABASE_URL). For every page of the load mix prints
the number of SQL queries of a warm request, the median and 90th percentile wall-clock
milliseconds of --repeat requests and the median CPU milliseconds of this process (SQLite runs
in-process, so its work is included; PostgreSQL's server time is not). A machine shared with
other work makes wall-clock times noisy; CPU time much less so; the query counts are exact. --profile PATH prints the top functions of cProfile for that page.
"""

import argparse
import cProfile
import io
import json
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ayni.settings")

import django

from bench.load.run import MIX


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--population", default="bench/load/population.json")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--profile", default="")
    args = parser.parse_args()
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    django.setup()
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from ayni.accounts.models import User
    from ayni.safety.middleware import SESSION_PENDING, SESSION_SETUP

    population = json.loads(Path(args.population).read_text(encoding="utf-8"))
    people = {
        "coordinator": User.objects.get(pk=population["coordinators"][0]),
        "supporter": User.objects.get(pk=population["supporters"][0]),
        # The first seekers are also coordinators: take a plain one, like most of the driver's.
        "seeker": User.objects.get(pk=next(pk for pk in population["seekers"] if pk not in population["coordinators"])),
    }
    clients = {}
    for who, user in people.items():
        client = Client()
        client.force_login(user, backend="ayni.accounts.backends.EmailBackend")
        # Like the driver's sessions (written straight to the database): past the two-factor step.
        session = client.session
        session.pop(SESSION_SETUP, None)
        session.pop(SESSION_PENDING, None)
        session.save()
        clients[who] = client
    print(f"{'page':46} {'who':12} {'status':>6} {'queries':>7} {'p50 ms':>7} {'p90 ms':>7} {'cpu ms':>7}")
    total_queries, total_ms, total_cpu = 0, 0.0, 0.0
    # Every full page also fetches the navigation's unread badges (htmx, on load).
    pages = [*MIX, (0, "seeker", "/es/notifications/counts/")]
    for _weight, who, template in pages:
        path = template.format(community=population["community"])
        client = clients[who]
        response = client.get(path)  # warm: templates compiled, caches filled as in a running server
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        queries = list(queries.captured_queries)  # read now: the timing loop below clears the log
        times, cpu = [], []
        for _index in range(args.repeat):
            began, began_cpu = time.perf_counter(), time.process_time()
            client.get(path)
            times.append((time.perf_counter() - began) * 1000)
            cpu.append((time.process_time() - began_cpu) * 1000)
            reset_queries()
        times.sort()
        p50, p90 = statistics.median(times), times[int(0.9 * (len(times) - 1))]
        total_queries += len(queries)
        total_ms += p50
        total_cpu += statistics.median(cpu)
        print(f"{path:46} {who:12} {response.status_code:6} {len(queries):7} {p50:7.1f} {p90:7.1f} "
              f"{statistics.median(cpu):7.1f}")
        if args.profile == path:
            profiler = cProfile.Profile()
            profiler.enable()
            for _index in range(args.repeat):
                client.get(path)
            profiler.disable()
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats(os.environ.get("PROFILE_SORT", "cumulative")).print_stats(40)
            print(out.getvalue())
            for query in queries:
                print(f"  {query['time']}s  {query['sql'][:220]}")
    print(f"{'all pages (sum)':46} {'':12} {'':6} {total_queries:7} {total_ms:7.1f} {'':7} {total_cpu:7.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

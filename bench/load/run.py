"""Load test: gunicorn with several workers over a generated community of 20,000 members.

    python bench/load/run.py                       # SQLite in a temporary data folder
    python bench/load/run.py --postgres            # PostgreSQL database ayni_load on 127.0.0.1:5432
    python bench/load/run.py --rate 100 --duration 30 --workers 5

It builds the population (bench/load/populate.py), starts `ayni serve`, signs sample people in
(sessions created directly in the database), then drives a realistic mix of signed-in pages:
home pages of seekers and supporters, conversations, proposals, the coordinator's dashboard and
member lists. Two phases:
  1. fixed rate (open loop, default 100 requests/s): latency is measured from the moment each
     request was due, so a slow server cannot hide its queueing (no coordinated omission);
  2. saturation (closed loop, 16 clients): the highest sustained requests per second.
Prints requests per second and the 50th, 95th and 99th percentile latency per phase and per page.
"""

import argparse
import http.client
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PORT = int(os.environ.get("AYNI_LOAD_PORT", "8077"))  # another port when 8077 is taken

# (weight, who, path template). Paths that answer 404 on this build are left out and reported.
MIX = [
    (25, "seeker", "/es/"),
    (15, "supporter", "/es/"),
    (10, "seeker", "/es/relationships/"),
    (10, "seeker", "/es/messages/"),
    (8, "supporter", "/es/support/"),
    (6, "seeker", "/es/support/"),
    (6, "seeker", "/es/c/{community}/"),
    (5, "coordinator", "/es/insights/{community}/"),
    (5, "coordinator", "/es/c/{community}/manage/members/"),
    (5, "supporter", "/es/training/"),
    (5, "seeker", "/es/notifications/"),
    # Every full page asks for the navigation badge (htmx, on load and every 60 s).
    (15, "seeker", "/es/notifications/counts/"),
    (10, "supporter", "/es/notifications/counts/"),
]


def percentile(values, q):
    if not values:
        return float("nan")
    values = sorted(values)
    index = min(len(values) - 1, max(0, round(q / 100 * (len(values) - 1))))
    return values[index]


def environment(args, data_dir):
    env = {**os.environ, "AYNI_DATA_DIR": str(data_dir), "DEBUG": "0", "AYNI_JSON_LOGS": "1",
           "LOG_LEVEL": "ERROR", "ALLOWED_HOSTS": "127.0.0.1,localhost", "PYTHONPATH": str(ROOT)}
    env.pop("DATABASE_URL", None)
    if args.postgres:
        env["DATABASE_URL"] = args.postgres_url
    return env


def prepare_postgres(url):
    base, _slash, name = url.rpartition("/")
    subprocess.run(["psql", f"{base}/postgres", "-qc", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], check=True)
    subprocess.run(["psql", f"{base}/postgres", "-qc", f"CREATE DATABASE {name}"], check=True)


def sign_in(env, population):
    """Session cookies for sample people, written straight into the session table."""
    script = """
import json, os, sys
import django
django.setup()
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from ayni.accounts.models import User
ids = json.loads(sys.stdin.read())
cookies = {}
for user in User.objects.filter(pk__in=ids):
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "ayni.accounts.backends.EmailBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    cookies[user.pk] = store.session_key
print(json.dumps(cookies))
"""
    ids = population["coordinators"] + population["supporters"][:50] + population["seekers"][:100]
    result = subprocess.run([sys.executable, "-c", script], input=json.dumps(ids), env={
        **env, "DJANGO_SETTINGS_MODULE": "ayni.settings"}, capture_output=True, text=True, cwd=ROOT, check=True)
    cookies = {int(k): v for k, v in json.loads(result.stdout.strip().splitlines()[-1]).items()}
    return {
        "coordinator": [cookies[i] for i in population["coordinators"] if i in cookies],
        "supporter": [cookies[i] for i in population["supporters"][:50] if i in cookies],
        "seeker": [cookies[i] for i in population["seekers"][:100] if i in cookies],
    }


class Client(threading.local):
    def connection(self):
        if getattr(self, "conn", None) is None:
            self.conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        return self.conn

    def get(self, path, cookie):
        for attempt in (1, 2):
            try:
                conn = self.connection()
                conn.request("GET", path, headers={"Cookie": f"sessionid={cookie}", "Accept-Language": "es"})
                response = conn.getresponse()
                response.read()
                return response.status
            except (OSError, http.client.HTTPException):
                self.conn = None
                if attempt == 2:
                    return 599
        return 599


def build_plan(mix, sessions, community, total):
    import random

    rng = random.Random(1)
    weights = [weight for weight, _who, _path in mix]
    plan = []
    for _ in range(total):
        _weight, who, path = rng.choices(mix, weights=weights)[0]
        plan.append((path.format(community=community), rng.choice(sessions[who])))
    return plan


def usable_mix(sessions, community):
    client = Client()
    kept, dropped = [], []
    for weight, who, path in MIX:
        status = client.get(path.format(community=community), sessions[who][0])
        (kept if status == 200 else dropped).append((weight, who, path) if status == 200 else (path, status))
    return kept, dropped


def run_fixed_rate(plan, rate, threads=48):
    results = []
    lock = threading.Lock()
    start = time.perf_counter() + 0.5
    next_index = [0]
    client = Client()

    def worker():
        while True:
            with lock:
                index = next_index[0]
                next_index[0] += 1
            if index >= len(plan):
                return
            due = start + index / rate
            delay = due - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            path, cookie = plan[index]
            status = client.get(path, cookie)
            latency = time.perf_counter() - due
            with lock:
                results.append((path, status, latency))

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    elapsed = time.perf_counter() - start
    return results, elapsed


def run_saturation(plan, clients, duration):
    results = []
    lock = threading.Lock()
    stop_at = time.perf_counter() + duration
    counter = [0]
    client = Client()

    def worker():
        while time.perf_counter() < stop_at:
            with lock:
                index = counter[0] % len(plan)
                counter[0] += 1
            path, cookie = plan[index]
            began = time.perf_counter()
            status = client.get(path, cookie)
            with lock:
                results.append((path, status, time.perf_counter() - began))

    started = time.perf_counter()
    pool = [threading.Thread(target=worker) for _ in range(clients)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return results, time.perf_counter() - started


def report(name, results, elapsed):
    latencies = [latency * 1000 for _path, _status, latency in results]
    errors = sum(1 for _path, status, _latency in results if status >= 400)
    print(f"\n{name}: {len(results)} requests in {elapsed:.1f} s = {len(results) / elapsed:.0f} r/s; "
          f"errors {errors}; p50 {percentile(latencies, 50):.0f} ms, p95 {percentile(latencies, 95):.0f} ms, "
          f"p99 {percentile(latencies, 99):.0f} ms")
    by_path = defaultdict(list)
    for path, _status, latency in results:
        by_path[path].append(latency * 1000)
    for path, values in sorted(by_path.items()):
        print(f"  {path:45} n={len(values):5}  p50 {statistics.median(values):6.0f} ms  p95 {percentile(values, 95):6.0f} ms")
    return {"requests": len(results), "rps": len(results) / elapsed, "errors": errors,
            "p50": percentile(latencies, 50), "p95": percentile(latencies, 95), "p99": percentile(latencies, 99)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--postgres-url", default="postgres://postgres@127.0.0.1:5432/ayni_load")
    parser.add_argument("--members", type=int, default=20000)
    parser.add_argument("--rate", type=float, default=100)
    parser.add_argument("--duration", type=float, default=30)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--workers", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="Keep the data folder afterwards.")
    args = parser.parse_args()

    data_dir = Path(tempfile.mkdtemp(prefix="ayni-load-"))
    env = environment(args, data_dir)
    if args.postgres:
        prepare_postgres(args.postgres_url)
    population_file = data_dir / "population.json"
    subprocess.run([sys.executable, "bench/load/populate.py", "--members", str(args.members), "--out", str(population_file)],
                   env=env, cwd=ROOT, check=True)
    if args.postgres:
        # A database in service has planner statistics (autovacuum keeps them); a freshly filled
        # one does not until autovacuum gets to it, mid-run, which made runs differ tenfold.
        subprocess.run(["psql", args.postgres_url, "-qc", "VACUUM ANALYZE"], check=True)
    subprocess.run([sys.executable, "-m", "ayni", "collectstatic", "--noinput", "-v", "0"], env=env, cwd=ROOT, check=True)
    population = json.loads(population_file.read_text())
    server = subprocess.Popen([sys.executable, "-m", "ayni", "serve", "--bind", f"127.0.0.1:{PORT}",
                               "--workers", str(args.workers)], env={**env, "AYNI_ACCESS_LOG": "0"}, cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        for _ in range(100):
            try:
                conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=2)
                conn.request("GET", "/healthz")
                if conn.getresponse().status == 200:
                    break
            except OSError:
                time.sleep(0.2)
        sessions = sign_in(env, population)
        mix, dropped = usable_mix(sessions, population["community"])
        database = "PostgreSQL" if args.postgres else "SQLite"
        print(f"\nAyni load test on {database}, {args.members} members, gunicorn {args.workers} workers, "
              f"{os.cpu_count()} cores (the load generator runs on the same machine)")
        print("pages in the mix:", ", ".join(path for _w, _who, path in mix))
        if dropped:
            print("left out (not 200 on this build):", ", ".join(f"{path} ({status})" for path, status in dropped))
        warm = build_plan(mix, sessions, population["community"], 200)
        run_saturation(warm, 4, 3)
        fixed = report(f"fixed rate {args.rate:.0f} r/s",
                       *run_fixed_rate(build_plan(mix, sessions, population["community"], int(args.rate * args.duration)), args.rate))
        saturated = report(f"saturation, {args.clients} clients",
                           *run_saturation(build_plan(mix, sessions, population["community"], 5000), args.clients, args.duration))
        print("\nJSON:", json.dumps({"database": database, "fixed": fixed, "saturation": saturated}))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
        if not args.keep:
            shutil.rmtree(data_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

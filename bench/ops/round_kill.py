"""Kill the worker in the middle of a matching round; check the round still ends once.

Called by two_hosts.py (or alone, against a running host and PostgreSQL):
    python bench/ops/round_kill.py --slug SLUG --token ayni_… --port 8081

Starts a round through the API, starts `ayni worker`, sends it SIGKILL as soon as the round's
task is running, starts a second worker and the orphan sweep (`ayni scheduler --job
core.requeue_orphaned_tasks`), waits for the preview, publishes it, and checks that the number
of proposals equals the preview's pairs exactly (nothing twice), and that a second publish is
refused. Needs DATABASE_URL and AYNI_ORPHANED_TASK_SECONDS (a few seconds) in the environment.
"""

import argparse
import http.client
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def api(port, token, method, path, body=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request(method, f"/api/v1{path}", body=json.dumps(body) if body is not None else None,
                 headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    response = conn.getresponse()
    return response.status, json.loads(response.read() or b"null")


def sql(query):
    url = os.environ["DATABASE_URL"]
    result = subprocess.run(["psql", url, "-Atc", query], capture_output=True, text=True, check=True)
    return result.stdout.strip()


def start_worker():
    return subprocess.Popen([sys.executable, "-m", "ayni", "worker", "--interval", "0.1"], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slug", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--port", type=int, default=8081)
    args = parser.parse_args()

    status, matching_round = api(args.port, args.token, "POST", f"/support/communities/{args.slug}/rounds")
    if status != 202:
        print(f"could not start a round: {status} {matching_round}", file=sys.stderr)
        return 1
    round_id = matching_round["id"]
    print(f"round {round_id} queued")
    worker = start_worker()
    killed = False
    deadline = time.time() + 60
    while time.time() < deadline:
        state = sql("SELECT status FROM django_tasks_database_dbtaskresult WHERE task_path LIKE '%run_matching_round' "
                    "ORDER BY enqueued_at DESC LIMIT 1")
        if state == "RUNNING":
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait()
            killed = True
            break
        time.sleep(0.01)
    round_status = sql(f"SELECT status || ' ' || progress FROM support_matchinground WHERE id = {int(round_id)}")  # noqa: S608 - an integer from the API
    print(f"worker killed while the task was running: {killed}; round then: {round_status}")
    if not killed:
        print("the round finished before the worker could be killed; nothing to recover", file=sys.stderr)
    second = start_worker()
    try:
        deadline = time.time() + 120
        while time.time() < deadline:
            subprocess.run([sys.executable, "-m", "ayni", "scheduler", "--job", "core.requeue_orphaned_tasks"],
                           cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            status, matching_round = api(args.port, args.token, "GET", f"/support/communities/{args.slug}/rounds/{round_id}")
            if matching_round["status"] in {"preview", "failed"}:
                break
            time.sleep(1)
        print(f"round after recovery: {matching_round['status']}, {len(matching_round['pairs'])} pairs")
        if matching_round["status"] != "preview":
            print("the round did not reach its preview", file=sys.stderr)
            return 1
        status, published = api(args.port, args.token, "POST", f"/support/communities/{args.slug}/rounds/{round_id}/publish")
        proposals = int(sql(f"SELECT count(*) FROM support_proposal WHERE matching_round_id = {int(round_id)}"))  # noqa: S608
        again, _body = api(args.port, args.token, "POST", f"/support/communities/{args.slug}/rounds/{round_id}/publish")
        print(f"published {published.get('published') if isinstance(published, dict) else published}; "
              f"proposals in the database {proposals}; second publish answered {again}")
        ok = status == 200 and proposals == len(matching_round["pairs"]) and again >= 400 and killed
        return 0 if ok else 1
    finally:
        os.killpg(second.pid, signal.SIGTERM)
        second.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())

"""Kill the worker in the middle of a matching round; check the round still ends once.

    python bench/ops/round_kill.py [--postgres-url postgres://postgres@127.0.0.1:5432/ayni_round_kill]
                                   [--members 4000] [--ports 8091,8092]

1. Creates the database, migrates, fills a community of --members people (bench/load/populate.py;
   one seeker in ten waits with a request) and makes 400 supporters eligible.
2. Starts two web hosts (`ayni serve` on two ports, same PostgreSQL): a second host simulated.
3. Starts a matching round through the API of host A, starts `ayni worker`, and sends it SIGKILL
   while the round is running (between 15 % and 95 % progress).
4. Starts a second worker and, on "both hosts", two `ayni scheduler` processes; the orphan sweep
   (core.requeue_orphaned_tasks, run once although two schedulers run) puts the task back in
   the queue; the second worker finishes the round. The preview is read through host B.
5. Publishes the round from both hosts at the same instant: one publish wins, the other is
   refused; the proposals equal the preview's pairs, none twice.
6. Waits for the e-mails and counts what the workers actually sent (console backend, captured):
   one e-mail per person and proposal, none twice.
Prints each check with PASS or FAIL and exits non-zero on any failure. Every process it starts
is stopped in the end (process groups), whatever happens.
"""

import argparse
import email
import http.client
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from email.header import decode_header, make_header
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[2]
FAILURES: list[str] = []
STARTED: list[subprocess.Popen] = []


PROPOSAL_SUBJECT = re.compile(r"Te proponemos a|We propose")


def sent_messages(output: str):
    """The e-mails a worker printed with Django's console backend (one per separator line)."""
    for block in output.split("-" * 79):
        if block.strip():
            message = email.message_from_string(block.strip() + "\n")
            yield {"To": message["To"], "Subject": str(make_header(decode_header(message["Subject"] or "")))}


def check(name, ok, detail=""):
    print(f"{'PASS' if ok else 'FAIL'}  {name}{(' — ' + detail) if detail else ''}", flush=True)
    if not ok:
        FAILURES.append(name)


def api(port, token, method, path, body=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request(method, f"/api/v1{path}", body=json.dumps(body) if body is not None else None,
                 headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    response = conn.getresponse()
    raw = response.read()
    try:
        return response.status, json.loads(raw or b"null")
    except ValueError:
        return response.status, raw.decode("utf-8", "replace")[:200]


def start(env, *args, log: Path | None = None) -> subprocess.Popen:
    out = open(log, "w", encoding="utf-8") if log else subprocess.DEVNULL  # noqa: SIM115 - closed with the process
    process = subprocess.Popen([sys.executable, "-m", "ayni", *args], env=env, cwd=ROOT, stdout=out,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    STARTED.append(process)
    return process


def stop(process: subprocess.Popen, sig=signal.SIGTERM) -> None:
    try:
        os.killpg(process.pid, sig)
    except ProcessLookupError:
        return
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def wait_healthy(port) -> bool:
    for _ in range(300):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return True
        except OSError:
            pass
        time.sleep(0.2)
    return False


def prepare(env, members: int, data_dir: Path) -> tuple[str, str]:
    subprocess.run([sys.executable, "bench/load/populate.py", "--members", str(members), "--slug", "carga",
                    "--out", str(data_dir / "population.json")], env=env, cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    code = (
        "from ayni.communities.models import Membership; from ayni.training.testing import certify; "
        "from ayni.accounts.services import api_token_create; "
        "[certify(m) for m in Membership.objects.filter(community__slug='carga', is_supporter=True)"
        ".order_by('pk')[:400]]; "
        "c = Membership.objects.filter(community__slug='carga', is_coordinator=True).order_by('pk').first().user; "
        "print('TOKEN', api_token_create(actor=c, name='round kill', scope='write')[1])")
    result = subprocess.run([sys.executable, "-m", "ayni", "shell", "-c", code], env=env, cwd=ROOT,
                            capture_output=True, text=True, check=True)
    token = re.search(r"TOKEN (\S+)", result.stdout).group(1)
    return "carga", token


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres-url", default="postgres://postgres@127.0.0.1:5432/ayni_round_kill")
    parser.add_argument("--members", type=int, default=4000)
    parser.add_argument("--ports", default="8091,8092")
    args = parser.parse_args()
    port_a, port_b = (int(port) for port in args.ports.split(","))
    base, _slash, name = args.postgres_url.rpartition("/")
    subprocess.run(["psql", f"{base}/postgres", "-qc", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], check=True)
    subprocess.run(["psql", f"{base}/postgres", "-qc", f"CREATE DATABASE {name}"], check=True)
    data_dir = Path(tempfile.mkdtemp(prefix="ayni-round-kill-"))
    env = {**os.environ, "DATABASE_URL": args.postgres_url, "AYNI_DATA_DIR": str(data_dir), "DEBUG": "0",
           "ALLOWED_HOSTS": "127.0.0.1,localhost", "SECRET_KEY": "round-kill-hosts-share-this-key",
           "LOG_LEVEL": "ERROR", "AYNI_ACCESS_LOG": "0", "AYNI_ORPHANED_TASK_SECONDS": "5",
           "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend", "PYTHONPATH": str(ROOT)}
    env.pop("EMAIL_HOST", None)
    began = time.monotonic()
    slug, token = prepare(env, args.members, data_dir)
    subprocess.run([sys.executable, "-m", "ayni", "collectstatic", "--noinput", "-v", "0"], env=env, cwd=ROOT,
                   check=True)
    print(f"prepared {args.members} members in {time.monotonic() - began:.0f} s; logs in {data_dir}", flush=True)
    db = psycopg.connect(args.postgres_url, autocommit=True)

    def one(query, params=()):
        return db.execute(query, params).fetchone()

    try:
        for port in (port_a, port_b):
            start(env, "serve", "--bind", f"127.0.0.1:{port}", "--workers", "2")
        check("both hosts answer /healthz", wait_healthy(port_a) and wait_healthy(port_b))

        status, matching_round = api(port_a, token, "POST", f"/support/communities/{slug}/rounds")
        check("host A starts a matching round", status == 202, f"status {status}")
        if status != 202:
            return 1
        round_id = matching_round["id"]
        first = start(env, "worker", "--interval", "0.1", log=data_dir / "worker-1.log")
        killed_at = None
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            state, progress = one("SELECT status, progress FROM support_matchinground WHERE id = %s", (round_id,))
            if state == "running" and 15 <= progress < 95:
                stop(first, signal.SIGKILL)
                killed_at = progress
                break
            if state not in ("queued", "running"):
                break
            time.sleep(0.02)
        state, progress = one("SELECT status, progress FROM support_matchinground WHERE id = %s", (round_id,))
        check("the worker is killed (SIGKILL) in the middle of the round", killed_at is not None,
              f"killed at {killed_at} %; round then {state} at {progress} %")
        if killed_at is None:
            return 1
        task_state = one("SELECT status FROM django_tasks_database_dbtaskresult "
                         "WHERE task_path LIKE %s ORDER BY enqueued_at DESC LIMIT 1", ("%run_matching_round",))[0]
        time.sleep(2)
        check("the round is left unfinished by the dead worker",
              one("SELECT status FROM support_matchinground WHERE id = %s", (round_id,))[0] == "running"
              and task_state == "RUNNING", f"task {task_state}")

        time.sleep(4)  # the dead worker's heartbeat is older than AYNI_ORPHANED_TASK_SECONDS (5 s)
        recovered_from = time.monotonic()
        start(env, "worker", "--interval", "0.1", log=data_dir / "worker-2.log")
        for _host in ("a", "b"):
            start(env, "scheduler", "--interval", "1")
        matching_round, status = {}, 0
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            status, matching_round = api(port_b, token, "GET", f"/support/communities/{slug}/rounds/{round_id}")
            if status == 200 and matching_round["status"] in {"preview", "failed"}:
                break
            time.sleep(0.5)
        pairs = matching_round.get("pairs", []) if isinstance(matching_round, dict) else []
        check("after a restart host B shows the round's preview", matching_round.get("status") == "preview"
              and len(pairs) > 0, f"{matching_round.get('status')}, {len(pairs)} pairs, "
              f"{time.monotonic() - recovered_from:.1f} s after the restart")
        tasks = db.execute("SELECT status, worker_ids::text FROM django_tasks_database_dbtaskresult "
                           "WHERE task_path LIKE %s", ("%run_matching_round",)).fetchall()
        check("one task for the round, run by two workers in turn, finished once",
              len(tasks) == 1 and tasks[0][0] == "SUCCESSFUL", f"tasks {tasks}")
        runs, sweeps = one("SELECT r.runs, (SELECT runs FROM core_scheduledjob WHERE name = %s) "
                           "FROM support_matchinground r WHERE r.id = %s", ("core.requeue_orphaned_tasks", round_id))
        minutes = int((time.monotonic() - recovered_from) // 60)
        check("the preview was written once; two schedulers ran the orphan sweep once a minute",
              runs == 1 and 1 <= (sweeps or 0) <= 1 + minutes, f"round runs {runs}, sweep runs {sweeps}")

        answers: list = [None, None]
        barrier = threading.Barrier(2)

        def publish(index, port):
            barrier.wait()
            answers[index] = api(port, token, "POST", f"/support/communities/{slug}/rounds/{round_id}/publish")

        racers = [threading.Thread(target=publish, args=(index, port)) for index, port in enumerate((port_a, port_b))]
        for racer in racers:
            racer.start()
        for racer in racers:
            racer.join(timeout=120)
        codes = sorted(answer[0] for answer in answers if answer)
        won = [answer[1] for answer in answers if answer and answer[0] == 200]
        check("publishing from both hosts at once: one wins, the other is refused",
              len(codes) == 2 and codes[0] == 200 and codes[1] >= 400, f"answers {codes}")
        proposals, distinct_requests = one(
            "SELECT count(*), count(DISTINCT request_id) FROM support_proposal WHERE matching_round_id = %s",
            (round_id,))
        published = won[0]["published"] if won else None
        check("proposals equal the preview's pairs, none twice",
              proposals == len(pairs) == distinct_requests == published,
              f"{proposals} proposals for {distinct_requests} requests; {len(pairs)} pairs; published {published}")

        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            waiting = one("SELECT count(*) FROM core_outboundemail WHERE status IN ('queued', 'sending')")[0]
            if waiting == 0:
                break
            time.sleep(1)
        # What should go out: the seeker and the supporter of every proposal of the round, once.
        expected = Counter(
            (email, "propose") for (email,) in db.execute(
                "SELECT u.email FROM support_proposal p JOIN communities_membership m ON m.id IN (p.seeker_id, "
                "p.supporter_id) JOIN accounts_user u ON u.id = m.user_id WHERE p.matching_round_id = %s",
                (round_id,)).fetchall())
        sent = Counter()
        for log in data_dir.glob("worker-*.log"):
            for message in sent_messages(log.read_text(encoding="utf-8", errors="replace")):
                if PROPOSAL_SUBJECT.search(message["Subject"] or ""):
                    sent[(message["To"], "propose")] += 1
        twice = {key: count for key, count in sent.items() if count > expected.get(key, 0)}
        missing = {key: count for key, count in expected.items() if sent.get(key, 0) < count}
        check("one e-mail per person and proposal, none twice (counted in the workers' output)",
              not twice and not missing and sum(sent.values()) == sum(expected.values()) == 2 * proposals,
              f"{sum(sent.values())} proposal e-mails sent to {len(sent)} people for {proposals} proposals; "
              f"twice {len(twice)}, missing {len(missing)}; still queued {waiting}")
    finally:
        for process in reversed(STARTED):
            stop(process)
        db.close()
    print(f"\nall checks passed in {time.monotonic() - began:.0f} s" if not FAILURES
          else f"\n{len(FAILURES)} check(s) failed")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())

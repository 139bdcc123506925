"""Two web hosts on one PostgreSQL, and a worker killed in the middle of a matching round.

    python bench/ops/two_hosts.py [--postgres-url postgres://postgres@127.0.0.1:5432/ayni_hosts]

1. Creates the database, migrates, loads the demo.
2. Starts two `ayni serve` processes (host A on :8081, host B on :8082) on the same database.
3. Signs in on host A through the login form and reads the home page with that session on
   host B (sessions live in the database); creates a topic through the API on host A and reads
   it on host B.
4. Runs bench/ops/round_kill.py (its own database and two hosts): a worker killed with SIGKILL
   in the middle of a matching round; the round finishes once, is published once, and every
   e-mail goes out once.
Prints each check with PASS or FAIL and exits non-zero on any failure.
"""

import argparse
import http.client
import http.cookies
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FAILURES = []


def check(name, ok, detail=""):
    print(f"{'PASS' if ok else 'FAIL'}  {name}{(' — ' + detail) if detail else ''}")
    if not ok:
        FAILURES.append(name)


class Browser:
    def __init__(self, port):
        self.port = port
        self.cookies = {}

    def request(self, method, path, body=None, headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        content = response.read().decode("utf-8", "replace")
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                cookie = http.cookies.SimpleCookie(value)
                for key, morsel in cookie.items():
                    self.cookies[key] = morsel.value
        return response.status, dict(response.getheaders()), content


def ayni(env, *args, **kwargs):
    return subprocess.run([sys.executable, "-m", "ayni", *args], env=env, cwd=ROOT, check=True, **kwargs)


def shell(env, code):
    result = subprocess.run([sys.executable, "-m", "ayni", "shell", "-c", code], env=env, cwd=ROOT,
                            capture_output=True, text=True, check=True)
    return result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""


def wait_healthy(port):
    for _ in range(150):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return True
        except OSError:
            time.sleep(0.2)
    return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres-url", default="postgres://postgres@127.0.0.1:5432/ayni_hosts")
    args = parser.parse_args()
    base, _slash, name = args.postgres_url.rpartition("/")
    subprocess.run(["psql", f"{base}/postgres", "-qc", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], check=True)
    subprocess.run(["psql", f"{base}/postgres", "-qc", f"CREATE DATABASE {name}"], check=True)
    data_dir = Path(tempfile.mkdtemp(prefix="ayni-hosts-"))
    env = {**os.environ, "DATABASE_URL": args.postgres_url, "AYNI_DATA_DIR": str(data_dir), "DEBUG": "0",
           "ALLOWED_HOSTS": "127.0.0.1,localhost", "SECRET_KEY": "two-hosts-share-this-key", "LOG_LEVEL": "ERROR",
           "AYNI_ACCESS_LOG": "0", "AYNI_ORPHANED_TASK_SECONDS": "5", "PYTHONPATH": str(ROOT)}
    ayni(env, "migrate", "-v", "0")
    ayni(env, "load_demo", stdout=subprocess.DEVNULL)
    ayni(env, "collectstatic", "--noinput", "-v", "0")
    logins = json.loads((ROOT / "ayni/demo/data/logins.json").read_text(encoding="utf-8"))
    coordinator = next(login for login in logins["logins"] if "coordin" in json.dumps(login).lower())
    servers = [subprocess.Popen([sys.executable, "-m", "ayni", "serve", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
                                env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                start_new_session=True) for port in (8081, 8082)]
    processes = list(servers)
    try:
        check("both hosts answer /healthz", wait_healthy(8081) and wait_healthy(8082))
        host_a, host_b = Browser(8081), Browser(8082)
        _status, _headers, page = host_a.request("GET", "/en/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "email": coordinator["email"],
                                       "password": logins["password"]})
        status, _headers, _page = host_a.request("POST", "/en/accounts/login/", body=body, headers={
            "Content-Type": "application/x-www-form-urlencoded", "Referer": "http://127.0.0.1:8081/en/accounts/login/"})
        check("sign in on host A", status == 302, f"status {status}")
        host_b.cookies = dict(host_a.cookies)
        status, _headers, page = host_b.request("GET", "/en/")
        check("host B knows the session made on host A", status == 200 and "Log out" in page, f"status {status}")

        raw_token = shell(env, (
            "from ayni.accounts.models import User; from ayni.accounts.services import api_token_create; "
            f"u = User.objects.get(email='{coordinator['email']}'); "
            "print(api_token_create(actor=u, name='two hosts', scope='write')[1])"))
        slug = shell(env, (
            "from ayni.communities.models import Membership; "
            f"print(Membership.objects.filter(user__email='{coordinator['email']}', is_coordinator=True).first().community.slug)"))
        api = {"Authorization": f"Bearer {raw_token}", "Content-Type": "application/json"}
        status, _headers, _body = Browser(8081).request("POST", f"/api/v1/communities/{slug}/topics", body=json.dumps(
            {"key": "two-hosts", "name_es": "Dos servidores", "name_en": "Two hosts"}), headers=api)
        check("create a topic through the API on host A", status == 201, f"status {status}")
        status, _headers, body = Browser(8082).request("GET", f"/api/v1/communities/{slug}/topics", headers=api)
        check("host B lists the topic made on host A", status == 200 and "two-hosts" in body, f"status {status}")

        # The worker-kill check builds its own population (rounds need waiting requests and
        # eligible supporters) on its own database and its own two hosts.
        result = subprocess.run([sys.executable, str(ROOT / "bench/ops/round_kill.py"), "--postgres-url",
                                 f"{base}/{name}_kill", "--ports", "8083,8084"], env=env, cwd=ROOT, text=True,
                                capture_output=True)
        print(result.stdout.strip())
        check("killing the worker mid-round still ends the round once (bench/ops/round_kill.py)",
              result.returncode == 0, result.stderr.strip()[-300:])
    finally:
        for process in processes:
            try:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=20)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                pass
    print("\nall checks passed" if not FAILURES else f"\n{len(FAILURES)} check(s) failed")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())

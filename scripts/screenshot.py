"""Take the README's screenshots from a fresh demo (run: .venv/bin/python scripts/screenshot.py)."""

import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
PORT = 8765
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run"]


def main() -> int:
    data_dir = tempfile.mkdtemp(prefix="ayni-shot-")
    env = {**os.environ, "AYNI_DATA_DIR": data_dir}
    subprocess.run([sys.executable, "-m", "ayni", "demo", "--no-serve"], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    server = subprocess.Popen([sys.executable, "-m", "ayni", "serve", "--bind", f"127.0.0.1:{PORT}",  # noqa: S603
                               "--workers", "1"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(50):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
            page = browser.new_page(viewport={"width": 1200, "height": 760}, locale="es-ES")
            base = f"http://127.0.0.1:{PORT}"
            page.goto(f"{base}/es/accounts/login/")
            page.fill("#id_email", "pilar-bqc@demo.ayni.example")
            page.fill("#id_password", "ayni-demo")
            page.click("main form button[type=submit]")
            page.goto(f"{base}/es/c/barrios-que-cuidan-zaragoza/manage/members/")
            page.screenshot(path=str(ROOT / "docs" / "screenshot.png"))
            phone = browser.new_page(viewport={"width": 390, "height": 760}, locale="en-GB", is_mobile=True)
            phone.goto(f"{base}/en/")
            phone.screenshot(path=str(ROOT / "docs" / "screenshot-phone.png"))
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())

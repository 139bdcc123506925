"""Browser journeys in Debian's Chromium, driven by Playwright (never `playwright install`)."""

import os
import re
import shutil

import pytest

# The live server and Playwright's sync API share a thread with the ORM in these tests.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic", "--disable-dev-shm-usage",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, live_server):
    """Open a fresh browser context (its own cookies) as a phone or a desktop, in a language."""
    contexts = []

    def open_page(*, locale: str = "es-ES", phone: bool = False):
        options = {"base_url": live_server.url, "locale": locale}
        if phone:
            options.update(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
        context = browser.new_context(**options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def link_in_last_mail(to: str) -> str:
    """The first link of the last e-mail sent to `to`, without scheme and host."""
    from django.core import mail

    for message in reversed(mail.outbox):
        if to in message.to:
            return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)
    raise AssertionError(f"no mail to {to}: {[m.to for m in mail.outbox]}")


def log_in(page, email: str, password: str, language: str = "es"):
    page.goto(f"/{language}/accounts/login/")
    page.locator("#id_email").fill(email)
    page.locator("#id_password").fill(password)
    page.locator("main form button[type=submit]").click()

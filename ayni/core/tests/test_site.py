import os
import subprocess
import sys
from datetime import timedelta

import pytest

from ayni.core.ratelimit import rate_limit_hit


@pytest.mark.django_db
def test_the_root_follows_the_browser_language(client):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")["Location"] == "/en/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="es-PE")["Location"] == "/es/"


@pytest.mark.django_db
def test_pages_exist_in_both_languages(client):
    assert "Support from people who have been there" in client.get("/en/").content.decode()
    assert 'lang="es"' in client.get("/es/").content.decode()


@pytest.mark.django_db
def test_switching_language_keeps_the_page_and_remembers_it_for_a_signed_in_person(client_for, charlie):
    client = client_for(charlie)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/es/accounts/settings/"})
    assert response["Location"] == "/en/accounts/settings/"
    charlie.refresh_from_db()
    assert charlie.language == "en"


@pytest.mark.django_db
def test_switching_language_refuses_to_redirect_elsewhere(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "https://evil.example/"})
    assert response["Location"] == "/"


@pytest.mark.django_db
def test_health_and_readiness(client, settings):
    settings.AYNI = {**settings.AYNI, "WORKER_HEARTBEAT_SECONDS": 0}
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz").json()
    assert ready["status"] == "ok" and ready["checks"]["database"] == "ok"


@pytest.mark.django_db
def test_pages_carry_a_content_security_policy_and_a_request_id(client):
    response = client.get("/en/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert len(response["X-Request-ID"]) >= 16


@pytest.mark.django_db
def test_unknown_pages_get_a_friendly_404_in_the_readers_language(client):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404 and "Page not found" in response.content.decode()


@pytest.mark.django_db
def test_the_rate_limit_counts_within_a_window():
    results = [rate_limit_hit("test-key", limit=2, period=timedelta(minutes=1)).allowed for _ in range(3)]
    assert results == [True, True, False]
    assert rate_limit_hit("other-key", limit=2, period=timedelta(minutes=1)).allowed


def test_the_deploy_check_is_clean_with_production_settings(tmp_path):
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {**env, "DEBUG": "0", "SECRET_KEY": "x" * 64 + "production-secret-key-for-the-check",
           "ALLOWED_HOSTS": "ayni.example.org", "AYNI_HTTPS": "1", "AYNI_DATA_DIR": str(tmp_path),
           "AYNI_TESTING": "0"}
    result = subprocess.run(
        [sys.executable, "-m", "ayni", "check", "--deploy", "--fail-level", "WARNING"],
        env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout

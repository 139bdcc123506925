"""Two-factor authentication is required by default in production, not in development, the
demo or tests. Each case loads the real settings module in a fresh interpreter, since the
test run itself always has it off."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
PROBE = "import ayni.settings as s; print(s.AYNI['TWO_FACTOR_REQUIRED'])"


def _required(tmp_path, **environment) -> bool:
    env = {key: value for key, value in os.environ.items()
           if key not in {"DEBUG", "AYNI_DEMO", "AYNI_TWO_FACTOR_REQUIRED", "AYNI_TESTING"}}
    env.update({"AYNI_DATA_DIR": str(tmp_path), "SECRET_KEY": "x" * 50, **environment})
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=60, check=True)
    return result.stdout.strip() == "True"


@pytest.mark.parametrize(("environment", "expected"), [
    ({}, True),
    ({"DEBUG": "1"}, False),
    ({"AYNI_DEMO": "1"}, False),
    ({"AYNI_TWO_FACTOR_REQUIRED": "0"}, False),
    ({"DEBUG": "1", "AYNI_TWO_FACTOR_REQUIRED": "1"}, True),
    ({"AYNI_TESTING": "1", "AYNI_TWO_FACTOR_REQUIRED": "1"}, False),
])
def test_production_settings_require_it_unless_debug_the_demo_or_tests(tmp_path, environment, expected):
    assert _required(tmp_path, **environment) is expected


def test_the_demo_command_marks_the_demo_before_the_settings_load(monkeypatch):
    import django.core.management

    from ayni.__main__ import main

    seen = {}
    monkeypatch.delenv("AYNI_DEMO", raising=False)
    monkeypatch.setattr(django.core.management, "execute_from_command_line",
                        lambda argv: seen.update(argv=argv, demo=os.environ.get("AYNI_DEMO")))
    main(["ayni", "demo", "--no-serve"])
    assert seen == {"argv": ["ayni", "demo", "--no-serve"], "demo": "1"}
    monkeypatch.delenv("AYNI_DEMO", raising=False)
    main(["ayni", "check"])
    assert seen["demo"] is None


@pytest.mark.django_db
def test_with_it_required_a_staff_member_is_sent_to_set_it_up_and_a_member_is_not(bob, client, settings):
    from ayni.accounts.tests.factories import UserFactory

    settings.AYNI = {**settings.AYNI, "TWO_FACTOR_REQUIRED": True}
    staff = UserFactory(email="staff@example.org", is_staff=True)
    for person in (staff, bob):
        person.set_password("pw-123456789")
        person.save()
    client.post("/en/accounts/login/", {"email": "staff@example.org", "password": "pw-123456789"})
    response = client.get("/en/c/")
    assert response.status_code == 302 and "/safety/two-factor/" in response["Location"]
    assert client.get("/api/v1/me").status_code == 401
    client.logout()
    client.post("/en/accounts/login/", {"email": "bob@example.org", "password": "pw-123456789"})
    assert client.get("/en/c/").status_code == 200

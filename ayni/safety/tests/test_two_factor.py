import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ayni.safety import totp
from ayni.safety.models import TwoFactorDevice

RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"  # base32 of "12345678901234567890"


@pytest.mark.parametrize(("timestamp", "expected"), [
    (59, "94287082"), (1111111109, "07081804"), (1111111111, "14050471"), (1234567890, "89005924"),
    (2000000000, "69279037"), (20000000000, "65353130"),
])
def test_it_matches_the_rfc_6238_vectors(timestamp, expected):
    assert totp.hotp(totp._key(RFC_SECRET), totp.step_at(timestamp), digits=8) == expected


@given(st.integers(min_value=0, max_value=2**33))
def test_a_code_matches_its_own_step_and_its_neighbours_only(timestamp):
    secret = RFC_SECRET
    code = totp.totp(secret, timestamp)
    assert totp.matching_step(secret, code, timestamp) == totp.step_at(timestamp)
    assert totp.matching_step(secret, code, timestamp + 30) is not None
    assert totp.matching_step(secret, "12345", timestamp) is None


def test_the_provisioning_uri_names_ayni_and_the_account():
    uri = totp.provisioning_uri("ABC", account="alice@example.org")
    assert uri.startswith("otpauth://totp/Ayni%3Aalice%40example.org?") and "secret=ABC" in uri


@pytest.mark.django_db
def test_setting_up_confirming_and_logging_in_with_a_code(alice, client_for, client):
    page = client_for(alice).post("/en/safety/two-factor/", {"action": "begin"})
    assert b"data:image/svg+xml" in page.content
    device = TwoFactorDevice.objects.get(user=alice)
    response = client.post("/en/safety/two-factor/", {"action": "confirm", "code": "000000"})
    assert "That code is not right" in response.content.decode()
    response = client.post("/en/safety/two-factor/", {"action": "confirm", "code": totp.totp(device.secret, time.time())})
    assert b"recovery-codes" in response.content
    device.refresh_from_db()
    assert device.confirmed_at is not None and len(device.recovery_codes) == 8
    client.logout()
    alice.set_password("pw-alice-123")
    alice.save()
    login = client.post("/en/accounts/login/", {"email": "alice@example.org", "password": "pw-alice-123"})
    assert login.status_code == 302
    blocked = client.get("/en/safety/c/aurora/alerts/")
    assert blocked.status_code == 302 and "/two-factor/verify/" in blocked["Location"]
    assert client.get("/api/v1/me").status_code == 401
    same_code = totp.totp(device.secret, time.time())
    response = client.post("/en/safety/two-factor/verify/", {"code": same_code, "next": "/en/safety/c/aurora/alerts/"})
    assert "That code is not right" in response.content.decode(), "a code already used must not work again"
    device.refresh_from_db()
    TwoFactorDevice.objects.filter(pk=device.pk).update(last_step=0)
    response = client.post("/en/safety/two-factor/verify/", {"code": totp.totp(device.secret, time.time()),
                                                             "next": "/en/safety/c/aurora/alerts/"})
    assert response.status_code == 302 and response["Location"] == "/en/safety/c/aurora/alerts/"
    assert client.get("/en/safety/c/aurora/alerts/").status_code == 200


@pytest.mark.django_db
def test_coordinators_must_set_it_up_when_required(alice, bob, client, settings):
    settings.AYNI = {**settings.AYNI, "TWO_FACTOR_REQUIRED": True}
    for person in (alice, bob):
        person.set_password("pw-123456789")
        person.save()
    client.post("/en/accounts/login/", {"email": "alice@example.org", "password": "pw-123456789"})
    response = client.get("/en/c/")
    assert response.status_code == 302 and "/safety/two-factor/" in response["Location"]
    client.logout()
    client.post("/en/accounts/login/", {"email": "bob@example.org", "password": "pw-123456789"})
    assert client.get("/en/c/").status_code == 200, "members are not forced"

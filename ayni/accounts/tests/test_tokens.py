import pytest

from ayni.accounts.models import ApiToken
from ayni.accounts.services import api_token_create


@pytest.mark.django_db
def test_a_token_is_shown_once_and_stored_hashed(client_for, charlie):
    response = client_for(charlie).post("/en/accounts/tokens/", {"name": "script", "scope": "read"})
    secret = response.context["new_secret"]
    token = ApiToken.objects.get(user=charlie)
    assert secret.startswith(f"ayni_{token.prefix}_")
    assert secret not in token.secret_hash and token.secret_hash == ApiToken.hash_secret(secret.split("_", 2)[2])


@pytest.mark.django_db
def test_the_api_accepts_a_bearer_token_and_refuses_a_revoked_one(client, charlie):
    token, secret = api_token_create(actor=charlie, name="phone", scope="read")
    response = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 200 and response.json()["email"] == charlie.email
    token.revoked_at = token.created_at
    token.save(update_fields=["revoked_at"])
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION="Bearer ayni_nothing_here").status_code == 401


@pytest.mark.django_db
def test_a_read_token_cannot_change_anything(client, charlie):
    _token, secret = api_token_create(actor=charlie, name="reader", scope="read")
    response = client.put("/api/v1/me", {"display_name": "X", "language": "en", "timezone": "UTC"},
                          content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {secret}",
                          HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
    assert "only read" in response.json()["detail"]
    charlie.refresh_from_db()
    assert charlie.display_name == "Charlie"


@pytest.mark.django_db
def test_a_write_token_can_update_the_account(client, charlie):
    _token, secret = api_token_create(actor=charlie, name="writer", scope="write")
    response = client.put("/api/v1/me", {"display_name": "Charlie W.", "language": "en", "timezone": "UTC"},
                          content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 200 and response.json()["display_name"] == "Charlie W."


@pytest.mark.django_db
def test_nobody_can_revoke_someone_elses_token(client_for, charlie, bob):
    token, _secret = api_token_create(actor=bob, name="bob's", scope="read")
    response = client_for(charlie).post(f"/en/accounts/tokens/{token.pk}/revoke/")
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None

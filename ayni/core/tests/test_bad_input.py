"""Bad input at scale: oversize and malformed requests get a clear answer, never a 500."""

import pytest


@pytest.mark.django_db
def test_an_oversize_upload_is_refused_before_it_is_read(client, settings):
    body = b"x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 200 * 1024)
    response = client.post("/en/accounts/login/", data=body, content_type="application/octet-stream")
    assert response.status_code == 413
    assert "larger than" in response.content.decode()
    response = client.post("/es/accounts/login/", data=body, content_type="application/octet-stream")
    assert response.status_code == 413 and "más grande" in response.content.decode()


@pytest.mark.django_db
def test_an_oversize_api_call_gets_json(client, settings):
    body = b"{" + b" " * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 200 * 1024) + b"}"
    response = client.post("/api/v1/communities/aurora/topics", data=body, content_type="application/json")
    assert response.status_code == 413 and "detail" in response.json()


@pytest.mark.django_db
def test_a_body_just_over_django_s_form_limit_is_a_400_not_a_500(client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    data = {f"field{i}": "x" for i in range(50)}
    response = client.post("/en/accounts/login/", data=data)
    assert response.status_code == 400


@pytest.mark.django_db
@pytest.mark.parametrize("payload", [b"not json", b"[1, 2", b"\xff\xfe\x00", b"null", b'{"name": 12345}'])
def test_malformed_json_to_the_api_is_a_clear_4xx(client_for, alice, payload):
    response = client_for(alice).post("/api/v1/communities/aurora/topics", data=payload, content_type="application/json")
    assert 400 <= response.status_code < 500
    assert response.json()


@pytest.mark.django_db
def test_a_number_too_large_for_the_database_is_a_422(client_for, bob):
    response = client_for(bob).post("/api/v1/notifications/read", data={"ids": [2**70]}, content_type="application/json",
                                    headers={"Accept-Language": "en"})
    # SQLite cannot even bind such a number (a clear 422); PostgreSQL compares it and finds nothing.
    assert (response.status_code == 422 and "too large" in response.json()["detail"]) or \
        (response.status_code == 200 and response.json()["marked"] == 0)


@pytest.mark.django_db
def test_a_path_number_too_large_for_the_database_is_a_4xx(client_for, bob):
    response = client_for(bob).get(f"/api/v1/support/requests/{2**70}")
    assert 400 <= response.status_code < 500

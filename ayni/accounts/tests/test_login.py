import pytest

from ayni.accounts.tests.factories import PASSWORD, UserFactory


@pytest.mark.django_db
def test_it_logs_in_and_goes_to_the_persons_language(client):
    UserFactory(email="eva@example.org", language="en")
    response = client.post("/es/accounts/login/", {"email": "EVA@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith("/en/")
    assert response.cookies["ayni_language"].value == "en"


@pytest.mark.django_db
def test_an_unconfirmed_person_is_asked_to_confirm_first(client):
    UserFactory(email="new@example.org", email_verified_at=None)
    response = client.post("/en/accounts/login/", {"email": "new@example.org", "password": PASSWORD})
    assert response.status_code == 200
    assert "confirm your e-mail address first" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_it_locks_out_after_repeated_failures_even_with_the_right_password(client, settings):
    settings.AYNI = {**settings.AYNI, "LOGIN_FAILURE_LIMIT": 3, "LOGIN_LOCKOUT_MINUTES": 15}
    UserFactory(email="eva@example.org")
    for _attempt in range(3):
        response = client.post("/en/accounts/login/", {"email": "eva@example.org", "password": "wrong"})
        assert "do not match" in response.content.decode()
    response = client.post("/en/accounts/login/", {"email": "eva@example.org", "password": PASSWORD})
    assert "Too many failed attempts" in response.content.decode()
    assert "15 minutes" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_the_lockout_message_is_in_spanish_on_spanish_pages(client, settings):
    settings.AYNI = {**settings.AYNI, "LOGIN_FAILURE_LIMIT": 1}
    UserFactory(email="eva@example.org")
    client.post("/es/accounts/login/", {"email": "eva@example.org", "password": "wrong"})
    response = client.post("/es/accounts/login/", {"email": "eva@example.org", "password": PASSWORD})
    assert "Demasiados intentos" in response.content.decode()


@pytest.mark.django_db
def test_logout_needs_a_post(client_for, charlie):
    client = client_for(charlie)
    assert client.get("/en/accounts/logout/").status_code == 405
    assert client.post("/en/accounts/logout/").status_code == 302
    assert "_auth_user_id" not in client.session

import pytest
from django.core import mail

from ayni.accounts.models import User
from ayni.accounts.services import confirmation_token
from ayni.accounts.tests.factories import UserFactory
from ayni.core.models import AuditEvent

SIGNUP = {
    "display_name": "Lucía", "email": "Lucia@Example.org", "pronouns": "ella",
    "password": "una clave muy larga 2026", "password_again": "una clave muy larga 2026",
    "language": "es", "timezone": "Europe/Madrid",
}


@pytest.mark.django_db
def test_it_signs_up_and_sends_the_confirmation_in_the_chosen_language(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/accounts/signup/", SIGNUP)
    assert response.status_code == 302
    user = User.objects.get(email="lucia@example.org")
    assert user.display_name == "Lucía" and user.pronouns == "ella" and not user.email_verified
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["lucia@example.org"]
    assert mail.outbox[0].subject.startswith("Confirma")  # the person chose Spanish
    assert AuditEvent.objects.filter(action="account.sign_up", target_id=str(user.pk)).exists()


@pytest.mark.django_db
def test_it_refuses_a_duplicate_email_whatever_its_case(client):
    UserFactory(email="lucia@example.org")
    response = client.post("/en/accounts/signup/", {**SIGNUP, "email": "LUCIA@example.org"})
    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    assert User.objects.filter(email__iexact="lucia@example.org").count() == 1


@pytest.mark.django_db
def test_it_refuses_a_weak_password_with_a_clear_message(client):
    response = client.post("/en/accounts/signup/", {**SIGNUP, "password": "1234", "password_again": "1234"})
    assert "too short" in response.content.decode()
    assert not User.objects.exists()


@pytest.mark.django_db
def test_the_confirmation_link_confirms_the_address_once(client):
    user = UserFactory(email_verified_at=None)
    response = client.get(f"/en/accounts/confirm/{confirmation_token(user)}/")
    assert response.status_code == 302
    user.refresh_from_db()
    first = user.email_verified_at
    assert first is not None
    client.get(f"/en/accounts/confirm/{confirmation_token(user)}/")
    user.refresh_from_db()
    assert user.email_verified_at == first


@pytest.mark.django_db
def test_an_expired_confirmation_link_says_so_and_changes_nothing(client, settings):
    user = UserFactory(email_verified_at=None)
    token = confirmation_token(user)
    settings.AYNI = {**settings.AYNI, "EMAIL_CONFIRMATION_DAYS": -1}
    response = client.get(f"/en/accounts/confirm/{token}/")
    assert response.status_code == 400
    assert "expired" in response.content.decode()
    user.refresh_from_db()
    assert user.email_verified_at is None


@pytest.mark.django_db
def test_an_altered_confirmation_link_is_refused(client):
    user = UserFactory(email_verified_at=None)
    response = client.get(f"/en/accounts/confirm/{confirmation_token(user)}x/")
    assert response.status_code == 400
    user.refresh_from_db()
    assert user.email_verified_at is None


@pytest.mark.django_db
def test_resending_never_reveals_whether_an_address_has_an_account(client, django_capture_on_commit_callbacks):
    UserFactory(email="waiting@example.org", email_verified_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post("/en/accounts/confirm/resend/", {"email": "waiting@example.org"}, follow=True)
        unknown = client.post("/en/accounts/confirm/resend/", {"email": "nobody@example.org"}, follow=True)
    assert known.status_code == unknown.status_code == 200
    assert [m.to for m in mail.outbox] == [["waiting@example.org"]]

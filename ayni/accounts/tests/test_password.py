import re

import pytest
from django.core import mail

from ayni.accounts.tests.factories import PASSWORD, UserFactory
from ayni.core.models import AuditEvent


@pytest.mark.django_db
def test_a_password_reset_mail_goes_in_the_recipients_language_and_the_link_works(client, django_capture_on_commit_callbacks):
    user = UserFactory(email="eva@example.org", language="en")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/es/accounts/password/reset/", {"email": "eva@example.org"})
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Choose a new password for Ayni"
    link = re.search(r"http://testserver(\S+)", message.body).group(1)
    response = client.get(link, follow=True)
    form_url = response.redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": "otra clave bien larga", "new_password2": "otra clave bien larga"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("otra clave bien larga")
    assert AuditEvent.objects.filter(action="account.password_reset", target_id=str(user.pk)).exists()


@pytest.mark.django_db
def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/accounts/password/reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []


@pytest.mark.django_db
def test_changing_the_password_needs_the_old_one(client_for, charlie):
    client = client_for(charlie)
    response = client.post("/en/accounts/password/change/", {
        "old_password": "wrong", "new_password1": "otra clave bien larga", "new_password2": "otra clave bien larga"})
    assert response.status_code == 200
    charlie.refresh_from_db()
    assert charlie.check_password(PASSWORD)
    response = client.post("/en/accounts/password/change/", {
        "old_password": PASSWORD, "new_password1": "otra clave bien larga", "new_password2": "otra clave bien larga"})
    assert response.status_code == 302
    charlie.refresh_from_db()
    assert charlie.check_password("otra clave bien larga")


@pytest.mark.django_db
def test_account_settings_save_language_and_redirect_to_it(client_for, charlie):
    client = client_for(charlie)
    response = client.post("/es/accounts/settings/", {
        "display_name": "Charlie B.", "pronouns": "they/them", "language": "en", "timezone": "America/Lima"})
    assert response.status_code == 302 and response["Location"].startswith("/en/")
    charlie.refresh_from_db()
    assert (charlie.display_name, charlie.language, charlie.timezone) == ("Charlie B.", "en", "America/Lima")


@pytest.mark.django_db
def test_account_settings_refuse_an_unknown_time_zone(client_for, charlie):
    response = client_for(charlie).post("/en/accounts/settings/", {
        "display_name": "Charlie", "language": "en", "timezone": "Mars/Olympus"})
    assert response.status_code == 200
    charlie.refresh_from_db()
    assert charlie.timezone == "Europe/Madrid"

import re

import pytest
from django.core import mail
from django.utils import timezone

from ayni.communities.models import Invitation, Membership


@pytest.mark.django_db
def test_an_invitation_by_email_brings_the_person_in_with_the_chosen_roles(client_for, alice, charlie, boreal, dana, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client_for(dana).post("/en/c/boreal/manage/invitations/", {"email": charlie.email, "as_supporter": "on"})
    link = re.search(r"http://testserver(\S+)", mail.outbox[0].body).group(1)
    client = client_for(charlie)
    assert client.get(link).status_code == 200
    response = client.post(link, {"agree_values": "on"})
    assert response.status_code == 302
    member = Membership.objects.get(user=charlie, community=boreal)
    assert member.status == "active" and member.is_supporter and not member.is_seeker
    assert client.post(link, {"agree_values": "on"}).status_code == 200  # used: refused, nothing changes
    assert Membership.objects.filter(user=charlie).count() == 1


@pytest.mark.django_db
def test_an_expired_invitation_is_refused_with_a_message(client_for, charlie, dana, boreal, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client_for(dana).post("/en/c/boreal/manage/invitations/", {"email": charlie.email, "as_seeker": "on"})
    Invitation.objects.update(expires_at=timezone.now())
    link = re.search(r"http://testserver(\S+)", mail.outbox[0].body).group(1).replace("/es/", "/en/", 1)
    response = client_for(charlie).get(link)
    assert "expired" in response.content.decode()
    response = client_for(charlie).post(link, {"agree_values": "on"})
    assert not Membership.objects.filter(user=charlie).exists()


@pytest.mark.django_db
def test_members_cannot_send_invitations(client_for, bob, aurora):
    response = client_for(bob).post("/en/c/aurora/manage/invitations/", {"email": "x@example.org", "as_seeker": "on"})
    assert response.status_code == 403
    assert not Invitation.objects.exists()


@pytest.mark.django_db
def test_regenerating_the_code_invalidates_the_old_one(client_for, dana, boreal):
    old = boreal.invite_code
    client_for(dana).post("/en/c/boreal/manage/invitations/", {"action": "regenerate"})
    boreal.refresh_from_db()
    assert boreal.invite_code != old

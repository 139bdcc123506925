import pytest
from django.core import mail

from ayni.communities.models import Membership
from ayni.communities.tests.factories import CommunityFactory
from conftest import membership


@pytest.mark.django_db
def test_joining_an_open_community_makes_an_active_member(client_for, charlie):
    CommunityFactory(slug="open", join_policy="open")
    response = client_for(charlie).post("/en/c/open/join/", {"as_seeker": "on", "agree_values": "on"})
    assert response.status_code == 302
    assert Membership.objects.get(user=charlie).status == "active"


@pytest.mark.django_db
def test_joining_needs_agreement_with_the_shared_values(client_for, charlie, aurora):
    response = client_for(charlie).post("/en/c/aurora/join/", {"as_seeker": "on"})
    assert response.status_code == 200
    assert "accept the community" in response.content.decode()
    assert not Membership.objects.filter(user=charlie).exists()


@pytest.mark.django_db
def test_a_request_to_an_approval_community_waits_and_tells_the_coordinators(client_for, charlie, alice, aurora, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client_for(charlie).post("/en/c/aurora/join/", {"as_supporter": "on", "agree_values": "on"})
    member = membership(charlie, aurora)
    assert member.status == "pending" and member.is_supporter and member.values_agreed_at
    assert [m.to for m in mail.outbox] == [[alice.email]]


@pytest.mark.django_db
def test_an_invitation_community_refuses_without_the_code_and_accepts_with_it(client_for, charlie, boreal):
    client = client_for(charlie)
    # Charlie does not belong to the unlisted community: it does not exist for him.
    assert client.get("/en/c/boreal/").status_code == 404
    assert client.post("/en/c/boreal/join/", {"as_seeker": "on", "agree_values": "on"}).status_code == 404
    assert not Membership.objects.filter(user=charlie).exists()


@pytest.mark.django_db
def test_the_invitation_code_lets_people_into_a_listed_invitation_community(client_for, charlie):
    community = CommunityFactory(slug="closed", join_policy="invitation")
    client = client_for(charlie)
    response = client.post("/en/c/closed/join/", {"as_seeker": "on", "agree_values": "on", "invite_code": "wrong"})
    assert response.status_code == 200 and "by invitation only" in response.content.decode()
    assert not Membership.objects.filter(user=charlie).exists()
    client.post("/en/c/closed/join/", {"as_seeker": "on", "agree_values": "on", "invite_code": community.invite_code})
    assert Membership.objects.get(user=charlie).status == "active"


@pytest.mark.django_db
def test_a_pending_member_cannot_see_the_member_directory(client_for, charlie, aurora):
    client = client_for(charlie)
    client.post("/en/c/aurora/join/", {"as_seeker": "on", "agree_values": "on"})
    assert client.get("/en/c/aurora/members/").status_code == 403


@pytest.mark.django_db
def test_the_only_coordinator_cannot_leave(client_for, alice, aurora):
    response = client_for(alice).post("/en/c/aurora/leave/", follow=True)
    assert "only coordinator" in response.content.decode()
    assert membership(alice, aurora).status == "active"

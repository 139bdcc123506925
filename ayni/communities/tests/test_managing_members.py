import pytest
from django.core import mail

from ayni.communities.models import Membership
from ayni.communities.tests.factories import MembershipFactory
from ayni.core.models import AuditEvent
from conftest import membership


@pytest.fixture
def pending(aurora):
    return MembershipFactory(community=aurora, status="pending", joined_at=None, is_seeker=True,
                             user__display_name="Pat")


@pytest.mark.django_db
def test_a_coordinator_approves_a_request_and_the_person_is_told(client_for, alice, pending, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(alice).post(f"/en/c/aurora/manage/members/{pending.pk}/approve/")
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == "active" and pending.joined_at is not None
    assert [m.to for m in mail.outbox] == [[pending.user.email]]
    event = AuditEvent.objects.get(action="membership.approve")
    assert event.actor == alice and event.target_id == str(pending.pk)


@pytest.mark.parametrize("who, status", [("bob", 403), ("charlie", 403), ("dana", 403)])
@pytest.mark.django_db
def test_only_the_communitys_coordinators_may_approve(client_for, request, pending, who, status):
    person = request.getfixturevalue(who)
    response = client_for(person).post(f"/en/c/aurora/manage/members/{pending.pk}/approve/")
    assert response.status_code == status
    pending.refresh_from_db()
    assert pending.status == "pending"


@pytest.mark.parametrize("who", ["bob", "charlie", "dana"])
@pytest.mark.django_db
def test_only_coordinators_see_the_member_list_with_emails(client_for, request, alice, who):
    person = request.getfixturevalue(who)
    response = client_for(person).get("/en/c/aurora/manage/members/")
    assert response.status_code == 403
    assert alice.email not in response.content.decode()


@pytest.mark.django_db
def test_a_coordinator_of_another_community_cannot_reach_its_members_by_id(client_for, alice, dana, bob, aurora):
    bob_membership = membership(bob, aurora)
    response = client_for(dana).get(f"/en/c/boreal/manage/members/{bob_membership.pk}/")
    assert response.status_code == 404


@pytest.mark.django_db
def test_suspending_needs_a_reason_and_is_audited(client_for, alice, bob, aurora):
    client = client_for(alice)
    bob_membership = membership(bob, aurora)
    client.post(f"/en/c/aurora/manage/members/{bob_membership.pk}/suspend/", {"reason": ""})
    assert membership(bob, aurora).status == "active"
    client.post(f"/en/c/aurora/manage/members/{bob_membership.pk}/suspend/", {"reason": "Repeated rudeness"})
    assert membership(bob, aurora).status == "suspended"
    assert AuditEvent.objects.get(action="membership.suspend").details == {"reason": "Repeated rudeness"}


@pytest.mark.django_db
def test_the_last_coordinator_cannot_drop_their_role(client_for, alice, aurora):
    own = membership(alice, aurora)
    response = client_for(alice).post(f"/en/c/aurora/manage/members/{own.pk}/",
                                      {"is_seeker": "on", "group": ""})
    assert "at least one active coordinator" in response.content.decode()
    assert membership(alice, aurora).is_coordinator


@pytest.mark.django_db
def test_a_coordinator_changes_roles(client_for, alice, bob, aurora):
    target = membership(bob, aurora)
    client_for(alice).post(f"/en/c/aurora/manage/members/{target.pk}/",
                           {"is_seeker": "on", "is_supporter": "on", "group": "Distrito Centro"})
    target.refresh_from_db()
    assert target.is_seeker and target.is_supporter and not target.is_coordinator
    assert target.group == "Distrito Centro"


@pytest.mark.django_db
def test_approving_twice_is_harmless_and_says_why(client_for, alice, aurora):
    pending = MembershipFactory(community=aurora, status="pending", joined_at=None)
    client = client_for(alice)
    client.post(f"/en/c/aurora/manage/members/{pending.pk}/approve/")
    response = client.post(f"/en/c/aurora/manage/members/{pending.pk}/approve/", follow=True)
    assert "does not apply" in response.content.decode()
    assert AuditEvent.objects.filter(action="membership.approve").count() == 1


@pytest.mark.django_db
def test_member_lists_use_a_fixed_number_of_queries(client_for, alice, aurora, django_assert_max_num_queries):
    for _ in range(30):
        MembershipFactory(community=aurora)
    client = client_for(alice)
    with django_assert_max_num_queries(12):
        assert client.get("/en/c/aurora/manage/members/").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get("/en/c/aurora/members/").status_code == 200


@pytest.mark.django_db
def test_pages_of_members_are_paginated(client_for, alice, aurora):
    for _ in range(30):
        MembershipFactory(community=aurora)
    response = client_for(alice).get("/en/c/aurora/manage/members/?page=2")
    assert response.context["page_obj"].number == 2
    assert len(response.context["page_obj"].object_list) == 31 - 25  # Alice and 30 others
    assert client_for(alice).get("/en/c/aurora/manage/members/?page=nonsense").status_code == 200


@pytest.mark.django_db
def test_status_filter_rejects_nonsense_quietly(client_for, alice):
    response = client_for(alice).get("/en/c/aurora/manage/members/?status=bogus&role=wizard")
    assert response.status_code == 200


def test_membership_status_values_are_known():
    assert set(Membership.Status.values) == {"pending", "active", "suspended", "left", "rejected"}


@pytest.mark.django_db
def test_pages_read_status_by_status_match_one_sorted_list(alice, aurora, monkeypatch, django_assert_num_queries):
    from django.test import RequestFactory

    from ayni.communities.selectors import memberships_for_coordinator
    from ayni.core.pagination import paginate_grouped

    for index, status in enumerate(["pending", "active", "suspended", "active", "pending", "left", "active"] * 2):
        MembershipFactory(community=aurora, status=status, user__display_name=f"Persona {index % 5}")
    monkeypatch.setattr("ayni.core.pagination.NARROW_SORT_FROM", 0)  # read status by status even when small
    members = memberships_for_coordinator(aurora)
    expected = [m.pk for m in members]
    assert len(expected) == 15 and len({m.status for m in members}) == 4
    pages = [paginate_grouped(RequestFactory().get("/", {"page": number}), members, group="status", per_page=4)
             for number in (1, 2, 3, 4)]
    assert [m.pk for page in pages for m in page.object_list] == expected
    with django_assert_num_queries(0):  # each row came with its person and profile
        assert all(m.user.display_name.startswith("Persona") or m.user == alice for m in pages[1].object_list)
        [getattr(m.user, "profile", None) for m in pages[1].object_list]
    assert pages[0].paginator.count == 15 and pages[0].paginator.num_pages == 4 and not pages[3].has_next()
    beyond = paginate_grouped(RequestFactory().get("/", {"page": 99}), members, group="status", per_page=4)
    assert beyond.number == 4 and [m.pk for m in beyond.object_list] == expected[12:]
    only_active = memberships_for_coordinator(aurora, status="active")
    page = paginate_grouped(RequestFactory().get("/"), only_active, group="status", per_page=25)
    assert [m.pk for m in page.object_list] == [m.pk for m in only_active]


def test_pages_read_status_by_status_need_that_order():
    from django.test import RequestFactory

    from ayni.core.pagination import paginate_grouped

    with pytest.raises(ValueError):
        paginate_grouped(RequestFactory().get("/"), Membership.objects.order_by("user__display_name"), group="status")


@pytest.mark.django_db
def test_the_member_list_headline_counts_the_whole_community_whatever_the_filter(client_for, alice, aurora, pending,
                                                                                 django_assert_max_num_queries):
    MembershipFactory(community=aurora)
    MembershipFactory(community=aurora, status="suspended")
    client = client_for(alice)
    client.get("/en/c/aurora/manage/members/")
    # Session, person, community, own membership, members by status, the page (a small community).
    with django_assert_max_num_queries(6):
        page = client.get("/en/c/aurora/manage/members/").content.decode()
    assert "2 active members" in page and "1 request waiting for approval" in page
    for query in ("?status=pending", "?role=supporter", "?q=Pat"):
        page = client.get(f"/en/c/aurora/manage/members/{query}").content.decode()
        assert "2 active members" in page and "1 request waiting for approval" in page, query

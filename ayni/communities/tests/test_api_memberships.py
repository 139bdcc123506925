"""The coordinators' member list in the API: read a page at a time in the database."""

import itertools
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from ninja.responses import NinjaJSONEncoder

from ayni.communities.api import MemberForCoordinatorOut, MembershipOut, membership_out
from ayni.communities.models import Membership
from ayni.communities.selectors import memberships_for_coordinator, memberships_of
from ayni.communities.tests.factories import CommunityFactory, MembershipFactory

URL = "/api/v1/communities/aurora/memberships"
PEOPLE = itertools.count()
STATUSES = ["pending", "active", "suspended", "active", "pending", "left", "active", "rejected"]


def add_members(community, how_many: int, *, statuses=STATUSES):
    for index in range(how_many):
        MembershipFactory(community=community, status=statuses[index % len(statuses)],
                          is_seeker=index % 2 == 0, is_supporter=index % 3 == 0, group="norte" if index % 4 else "sur",
                          user__display_name=f"Persona {index % 7}", user__email=f"persona{next(PEOPLE)}@example.org")


def old_listing(community, schema=MemberForCoordinatorOut, **filters):
    """What the endpoint answered when it built every member in Python, as JSON."""
    rows = [membership_out(m, for_coordinator=True) for m in memberships_for_coordinator(community, **filters)]
    return json.loads(json.dumps([schema(**row).model_dump() for row in rows], cls=NinjaJSONEncoder))


def every_page(client, page_size: int, **params):
    items, page = [], 1
    while True:
        body = client.get(URL, {**params, "page": page, "page_size": page_size}).json()
        items += body["items"]
        if page * page_size >= body["count"]:
            return items, body["count"]
        page += 1


@pytest.fixture
def count_rows_built(monkeypatch):
    """How many Membership rows the request turned into objects."""
    built = []
    from_db = Membership.from_db.__func__

    def counting(cls, *args, **kwargs):
        built.append(1)
        return from_db(cls, *args, **kwargs)

    monkeypatch.setattr(Membership, "from_db", classmethod(counting))
    return built


@pytest.mark.parametrize("narrow_from", [None, 0], ids=["one-query", "status-by-status"])
@pytest.mark.parametrize("filters", [
    {}, {"status": "active"}, {"status": "left"}, {"role": "supporter"}, {"role": "seeker", "status": "pending"},
    {"q": "persona 3"}, {"q": "SUR"}, {"q": "nadie"}, {"role": "coordinator"},
])
@pytest.mark.django_db
def test_pages_together_are_the_old_list(client_for, alice, bob, aurora, monkeypatch, filters, narrow_from):
    if narrow_from is not None:  # read status by status, as from 2,000 members
        monkeypatch.setattr("ayni.core.pagination.NARROW_SORT_FROM", narrow_from)
    add_members(aurora, 23)
    MembershipFactory(community=CommunityFactory(slug="otra"), user__display_name="Persona 1")  # elsewhere
    expected = old_listing(aurora, status=filters.get("status", ""), role=filters.get("role", ""),
                           query=filters.get("q", ""))
    client = client_for(alice)
    for page_size in (1, 4, 25):
        items, count = every_page(client, page_size, **filters)
        assert items == expected and count == len(expected)
    assert filters.get("q") == "nadie" or expected


@pytest.mark.parametrize("narrow_from", [None, 0], ids=["one-query", "status-by-status"])
@pytest.mark.django_db
def test_a_page_has_the_size_asked_for_and_the_whole_count(client_for, alice, aurora, monkeypatch, narrow_from):
    if narrow_from is not None:
        monkeypatch.setattr("ayni.core.pagination.NARROW_SORT_FROM", narrow_from)
    add_members(aurora, 29)  # 30 with Alice
    client = client_for(alice)
    sizes = {(page, size): len(client.get(URL, {"page": page, **({"page_size": size} if size else {})}).json()["items"])
             for page, size in [(1, None), (2, None), (1, 7), (5, 7), (4, 10), (1, 1000)]}
    assert sizes == {(1, None): 25, (2, None): 5, (1, 7): 7, (5, 7): 2, (4, 10): 0, (1, 1000): 30}
    assert client.get(URL, {"page": 3}).json() == {"items": [], "count": 30}


@pytest.mark.parametrize("narrow_from", [None, 0], ids=["one-query", "status-by-status"])
@pytest.mark.django_db
def test_the_queries_do_not_grow_with_the_members(client_for, alice, aurora, monkeypatch, count_rows_built,
                                                  narrow_from):
    if narrow_from is not None:
        monkeypatch.setattr("ayni.core.pagination.NARROW_SORT_FROM", narrow_from)
    client = client_for(alice)
    client.get(URL)  # the session and the coordinator's own membership, read once as any request does

    def measure(params):
        count_rows_built.clear()
        with CaptureQueriesContext(connection) as queries:
            body = client.get(URL, params).json()
        return len(queries), len(count_rows_built), len(body["items"]), body["count"]

    add_members(aurora, 4, statuses=["active"])
    few = measure({})
    add_members(aurora, 35, statuses=["active"])
    many = measure({})
    assert few[2:] == (5, 5) and many[2:] == (25, 40)
    assert many[0] == few[0]  # the same queries for a page of 5 members and for a page of 25 out of 40
    assert many[1] <= 25 + 1  # the page's rows (and the coordinator's own membership), not all 40
    # Several statuses on one page: at most one more query per status the page spans.
    add_members(aurora, 40)
    mixed = measure({})
    assert mixed[2:] == (25, 80) and mixed[0] <= few[0] + (4 if narrow_from == 0 else 0)
    assert mixed[1] <= 25 + 1


@pytest.mark.parametrize("params, status, field", [
    ({"page": -1}, 422, "page"),
    ({"page": 0}, 422, "page"),
    ({"page": "dos"}, 422, "page"),
    ({"page": 10**7}, 422, "page"),
    ({"page": 10**30}, 422, "page"),
    ({"page_size": 0}, 422, "page_size"),
    ({"page_size": -5}, 422, "page_size"),
    ({"page_size": 100_000}, 422, "page_size"),
    ({"status": "archived"}, 400, "status"),
    ({"status": "ACTIVE"}, 400, "status"),
])
@pytest.mark.django_db
def test_bad_parameters_are_a_clear_error_not_a_500(client_for, alice, aurora, params, status, field):
    response = client_for(alice).get(URL, params, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == status
    body = response.json()
    assert field in body["errors"] and body["detail"]


@pytest.mark.django_db
def test_a_page_beyond_the_last_is_empty_not_an_error(client_for, alice, aurora):
    add_members(aurora, 3)
    assert client_for(alice).get(URL, {"page": 999_999}).json() == {"items": [], "count": 4}


@pytest.mark.django_db
def test_another_communitys_coordinator_sees_nothing(client_for, dana, aurora):
    add_members(aurora, 3)
    hidden = Membership.objects.filter(community=aurora).exclude(user__display_name="Alice").first().user.email
    response = client_for(dana).get(URL, {"page": 1, "page_size": 10})
    assert response.status_code == 403 and hidden not in response.content.decode()


@pytest.mark.django_db
def test_my_memberships_are_read_a_page_at_a_time(client_for, bob, aurora, count_rows_built):
    for index in range(6):
        MembershipFactory(community=CommunityFactory(slug=f"c{index}", name=f"Comunidad {index}"), user=bob)
    MembershipFactory(community=CommunityFactory(slug="dejada", name="Dejada"), user=bob, status="left")
    client = client_for(bob)
    client.get("/api/v1/communities/mine")
    expected = json.loads(json.dumps([MembershipOut(**membership_out(m)).model_dump()
                                      for m in memberships_of(user=bob).select_related("user")], cls=NinjaJSONEncoder))
    assert len(expected) == 7
    count_rows_built.clear()
    first = client.get("/api/v1/communities/mine", {"page_size": 3}).json()
    assert len(count_rows_built) == 3 and first["count"] == 7
    rest = [client.get("/api/v1/communities/mine", {"page": page, "page_size": 3}).json()["items"] for page in (2, 3)]
    assert first["items"] + rest[0] + rest[1] == expected
    assert client.get("/api/v1/communities/mine", {"page": -1}).status_code == 422


@pytest.mark.django_db
def test_the_community_page_counts_active_members_and_supporters_in_one_query(client_for, bob, aurora,
                                                                              django_assert_num_queries):
    from ayni.communities.selectors import community_counts

    add_members(aurora, 16)  # 6 active (3 of them supporters), the rest pending, suspended, left, rejected
    MembershipFactory(community=CommunityFactory(slug="otra"), is_supporter=True)  # elsewhere
    active = Membership.objects.filter(community=aurora, status="active")
    assert active.count() == 7 and active.filter(is_supporter=True).count() == 3
    with django_assert_num_queries(1):
        assert community_counts(aurora) == {"active": 7, "supporters": 3}
    page = client_for(bob).get("/en/c/aurora/").content.decode()
    assert "<dt>Active members</dt><dd>7</dd>" in page and "<dt>Supporters</dt><dd>3</dd>" in page

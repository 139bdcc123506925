"""Long lists are read in two steps (the page's ids, then their rows); the page must not change."""

import pytest
from django.test import RequestFactory

from ayni.communities.selectors import memberships_for_coordinator
from ayni.communities.tests.factories import MembershipFactory
from ayni.core import pagination


@pytest.mark.django_db
@pytest.mark.parametrize("page_number", ["1", "2", "3", "99", "x"])
def test_a_page_read_in_two_steps_shows_the_same_rows_in_the_same_order(aurora, monkeypatch, page_number):
    for index in range(12):
        MembershipFactory(community=aurora, user__display_name=f"Persona {index % 5} {index}",
                          status="active" if index % 3 else "pending")
    request = RequestFactory().get("/", {"page": page_number})
    queryset = memberships_for_coordinator(aurora)

    monkeypatch.setattr(pagination, "NARROW_SORT_FROM", 10**9)
    plain = pagination.paginate(request, queryset, per_page=5)
    expected = [membership.pk for membership in plain.object_list]
    monkeypatch.setattr(pagination, "NARROW_SORT_FROM", 1)
    narrow = pagination.paginate(request, queryset, per_page=5)

    assert isinstance(narrow.object_list, list)
    assert [membership.pk for membership in narrow.object_list] == expected
    assert narrow.number == plain.number
    assert all(membership.user.display_name for membership in narrow.object_list)


@pytest.mark.django_db
def test_annotated_lists_are_read_as_they_are(aurora, monkeypatch):
    from django.db.models import Count

    for _index in range(4):
        MembershipFactory(community=aurora)
    monkeypatch.setattr(pagination, "NARROW_SORT_FROM", 1)
    queryset = aurora.memberships.annotate(n=Count("id")).order_by("id")

    page = pagination.paginate(RequestFactory().get("/"), queryset, per_page=2)

    assert not isinstance(page.object_list, list)

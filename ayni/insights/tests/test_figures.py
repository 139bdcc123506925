"""Figures on known data: each selector counts what it says, and hides what is under 5."""

import datetime as dt

import pytest
from django.utils import timezone

from ayni.communities.models import Membership
from ayni.communities.tests.factories import MembershipFactory
from ayni.insights import selectors
from ayni.insights.tests.conftest import add_relationships

PERIOD = "12m"


@pytest.mark.django_db
def test_members_by_role_counts_people_until_they_leave(aurora, alice):
    period = selectors.period_from(PERIOD)
    long_ago = timezone.now() - dt.timedelta(days=400)
    stayers = [MembershipFactory(community=aurora, is_seeker=True, joined_at=long_ago) for _i in range(6)]
    leaver = MembershipFactory(community=aurora, is_seeker=True, joined_at=long_ago, status="left")
    Membership.objects.filter(pk=leaver.pk).update(updated_at=timezone.now() - dt.timedelta(days=200))
    MembershipFactory(community=aurora, is_seeker=True, status="pending", joined_at=None)
    figure = selectors.figure_members_by_role(aurora, period)
    assert figure["series"]["seeker"][-1] == len(stayers)
    first_month_end = timezone.make_aware(dt.datetime.combine(period.months[1], dt.time.min))
    if first_month_end < timezone.now() - dt.timedelta(days=200):  # the leaver was still there then
        assert figure["series"]["seeker"][0] == len(stayers) + 1
    assert figure["now"]["seeker"] == 6
    assert figure["now"]["coordinator"] is None  # alice alone: hidden


@pytest.mark.django_db
def test_requests_waiting_and_matched(aurora, aurora_people):
    from ayni.support.models import SupportRequest

    period = selectors.period_from(PERIOD)
    figure = selectors.figure_requests(aurora, period)
    assert figure["open_now"] == 8
    assert 99 <= figure["waiting_median"] <= 101
    assert figure["match_median"] is None  # nobody matched yet
    now = timezone.now()
    for request in SupportRequest.objects.all()[:6]:
        SupportRequest.objects.filter(pk=request.pk).update(status="matched", created_at=now - dt.timedelta(days=12),
                                                           matched_at=now - dt.timedelta(days=2))
    figure = selectors.figure_requests(aurora, period)
    assert figure["open_now"] is None  # two left: hidden
    assert figure["match_median"] == pytest.approx(10.0)
    assert figure["share_matched"].share == pytest.approx(6 / 8)


@pytest.mark.django_db
def test_relationship_figures(aurora, aurora_people):
    period = selectors.period_from(PERIOD)
    add_relationships(aurora, aurora_people, closed=2)
    figure = selectors.figure_relationships(aurora, period)
    assert figure["active_now"] == 6
    assert figure["active_series"][-1] == 6
    assert figure["planned"] == 1 and figure["unplanned"] == 1
    assert figure["closures"].row_totals == (None, None)  # one each: hidden
    assert figure["length_median"] is None  # two closed: too few for a median
    held_this_month = sum(1 for day in (10, 17) if (timezone.now() - dt.timedelta(days=day)).month
                          == timezone.localdate().month)
    if held_this_month:
        assert figure["sessions_per_relationship"][-1] == pytest.approx(8 * held_this_month / 8)


@pytest.mark.django_db
def test_supporters_at_capacity(aurora, aurora_people, more_people):
    seekers = aurora_people["seekers"] + more_people(seekers=4, supporters=0)["seekers"]
    add_relationships(aurora, {"seekers": seekers, "supporters": aurora_people["supporters"]})
    assert selectors.figure_supporters_full(aurora, selectors.period_from(PERIOD))["full"] == 6  # 12 places, all held
    assert len(selectors.members_behind(aurora, "full")) == 6


@pytest.mark.django_db
def test_median_length_of_closed_relationships(aurora, more_people):
    people = more_people(seekers=6, supporters=6)
    add_relationships(aurora, people, closed=6)
    figure = selectors.figure_relationships(aurora, selectors.period_from(PERIOD))
    assert figure["length_median"] == pytest.approx(75.0, abs=0.1)


@pytest.mark.django_db
def test_training_counts_supporters_with_their_certification_in_date(aurora, aurora_people):
    from ayni.training.testing import certify

    for supporter in aurora_people["supporters"][:5]:
        certify(supporter)
    figure = selectors.figure_training(aurora, selectors.period_from(PERIOD))
    assert figure["supporters"] == 6 and figure["trained"] == 5
    assert figure["untrained"] is None
    untrained = selectors.members_behind(aurora, "untrained")
    assert list(untrained) == [aurora_people["supporters"][5]]


@pytest.mark.django_db
def test_goal_attainment_of_closed_relationships(aurora, aurora_people, more_people):
    people = more_people(seekers=10, supporters=5)
    add_relationships(aurora, people, closed=10)
    figure = selectors.figure_goals(aurora, selectors.period_from(PERIOD))
    assert figure["total"] == 10
    assert figure["share_reached"].share == pytest.approx(1.0)  # attainment 3 or 4 for all


@pytest.mark.django_db
def test_gaps_use_open_requests_and_name_the_language_no_supporter_speaks(aurora, aurora_people):
    gaps = selectors.figure_gaps(aurora)
    quechua = [gap for gap in gaps["topic_language"] if gap.language == "qu"]
    assert quechua and quechua[0].available == 0
    assert quechua[0].waiting is None  # four people: hidden
    message = selectors.recruitment_message(aurora, quechua[0])
    assert "quechua" in message and "Aurora" in message


@pytest.mark.django_db
def test_the_network_links_people_in_relationships_and_circles(aurora, aurora_people):
    from ayni.circles.models import Circle, CircleMembership
    from ayni.insights import network_view

    add_relationships(aurora, aurora_people)
    circle = Circle.objects.create(community=aurora, name="Duelo")
    for member in aurora_people["supporters"][:3]:
        CircleMembership.objects.create(circle=circle, membership=member, status="accepted",
                                        decided_at=timezone.now() - dt.timedelta(days=30))
    context = network_view.network_context(aurora, selectors.period_from(PERIOD))
    assert set(context["sources"]) == {"relationship", "circle"}
    figures = context["figures"]
    assert figures.connected == 14  # eight seekers, six supporters
    assert figures.isolated == 2  # alice and bob
    assert "<svg" in context["picture"]

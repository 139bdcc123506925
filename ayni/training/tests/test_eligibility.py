from datetime import date, timedelta

import pytest
from django.utils import timezone, translation

from ayni.communities.tests.factories import CommunityFactory, MembershipFactory
from ayni.training.eligibility import eligibility_map, supporter_eligibility
from ayni.training.models import BackgroundCheck, Certification, Course, TrainingRequirement
from ayni.training.testing import certify

pytestmark = pytest.mark.django_db


def test_the_starter_course_is_in_the_database_after_migrating():
    course = Course.objects.get(community__isnull=True, key="foundations")
    assert course.is_starter
    assert course.modules.count() == 8
    assert sum(module.estimated_minutes for module in course.modules.all()) == 191


def test_a_community_without_requirements_requires_the_starter_course(teresa, starter):
    with translation.override("es"):
        result = supporter_eligibility(teresa)
    assert not result.eligible
    assert not result.may_support_minors
    assert result.missing == ["Aprueba el curso «Fundamentos del acompañamiento entre pares»."]


def test_it_says_what_is_missing_in_english(teresa, starter):
    with translation.override("en"):
        result = supporter_eligibility(teresa)
    assert result.missing == ["Pass the course “Peer supporter foundations”."]


def test_a_certified_supporter_is_eligible(teresa, starter):
    certify(teresa)
    result = supporter_eligibility(teresa)
    assert result.eligible and result.may_support_minors and result.missing == []


def test_an_expired_certification_says_when_it_expired(teresa, starter):
    Certification.objects.create(user=teresa.user, course=starter, certified_on=date(2025, 3, 3))
    with translation.override("en"):
        result = supporter_eligibility(teresa, today=date(2026, 12, 4))
    assert not result.eligible
    assert result.missing == [
        "Your certification for “Peer supporter foundations” expired on March 3, 2026. "
        "Take the course again to renew it."
    ]
    # The day it expires it is still valid.
    assert supporter_eligibility(teresa, today=date(2026, 3, 3)).eligible


def test_the_community_sets_the_renewal_period(teresa, starter):
    requirement = TrainingRequirement.objects.create(community=teresa.community, renewal_months=24)
    requirement.required_courses.add(starter)
    Certification.objects.create(user=teresa.user, course=starter, certified_on=date(2025, 3, 3))
    assert supporter_eligibility(teresa, today=date(2026, 12, 4)).eligible


def test_the_newest_certification_counts(teresa, starter):
    Certification.objects.create(user=teresa.user, course=starter, certified_on=date(2024, 1, 1))
    Certification.objects.create(user=teresa.user, course=starter, certified_on=date(2026, 6, 1))
    assert supporter_eligibility(teresa, today=date(2026, 12, 4)).eligible


def test_a_background_check_only_for_minors(teresa, starter, alice):
    requirement = TrainingRequirement.objects.create(
        community=teresa.community, background_check="minors"
    )
    requirement.required_courses.add(starter)
    # Certified today (whatever the real date is), so the check below uses today too.
    certify(teresa, background_check=False)
    with translation.override("en"):
        result = supporter_eligibility(teresa)
    assert result.eligible and not result.may_support_minors
    assert result.missing == ["A background check is needed to support minors."]
    BackgroundCheck.objects.create(membership=teresa, checked_on=timezone.localdate() - timedelta(days=30))
    result = supporter_eligibility(teresa)
    assert result.eligible and result.may_support_minors


def test_a_background_check_for_everyone_and_an_expired_one(teresa, starter):
    TrainingRequirement.objects.create(community=teresa.community, background_check="always")
    BackgroundCheck.objects.create(
        membership=teresa, checked_on=date(2023, 1, 1), expires_on=date(2026, 1, 1)
    )
    with translation.override("en"):
        result = supporter_eligibility(teresa, today=date(2026, 12, 4))
    assert not result.eligible and not result.may_support_minors
    assert result.missing == [
        "Your background check expired on Jan. 1, 2026.",
        "A background check is needed before you can support anyone.",
    ]


def test_a_community_can_require_no_course(teresa):
    TrainingRequirement.objects.create(community=teresa.community)
    assert supporter_eligibility(teresa).eligible


def test_a_flushed_database_gets_the_starter_course_back(teresa):
    Course.objects.filter(key="foundations").delete()
    assert not supporter_eligibility(teresa).eligible
    assert Course.objects.filter(key="foundations", is_starter=True).exists()


def test_eligibility_map_uses_a_fixed_number_of_queries(django_assert_max_num_queries, starter):
    communities = [CommunityFactory(), CommunityFactory(), CommunityFactory()]
    TrainingRequirement.objects.create(community=communities[1], background_check="minors")
    memberships = []
    for index in range(30):
        membership = MembershipFactory(community=communities[index % 3], is_supporter=True)
        if index % 2:
            certify(membership)
        memberships.append(membership)
    with django_assert_max_num_queries(5):
        results = eligibility_map(memberships)
    assert len(results) == 30
    assert results[memberships[0].pk].eligible is False
    assert results[memberships[3].pk].eligible is True
    assert results[memberships[1].pk].eligible is True  # community 1 requires no course


def test_a_certificate_dated_tomorrow_by_the_server_counts_but_not_one_further_ahead(teresa, starter):
    # A supporter in Madrid who passes the course at 00:30 there (23:30 UTC) is certified on the
    # next day by the server's clock; she can support at once. Two days ahead is not a time zone.
    today = date(2026, 12, 4)
    certification = Certification.objects.create(user=teresa.user, course=starter, certified_on=date(2026, 12, 5))
    assert supporter_eligibility(teresa, today=today).eligible
    certification.certified_on = date(2026, 12, 6)
    certification.save()
    assert not supporter_eligibility(teresa, today=today).eligible


def test_a_background_check_dated_tomorrow_by_the_server_counts(teresa, starter):
    TrainingRequirement.objects.create(community=teresa.community, background_check="always")
    Certification.objects.create(user=teresa.user, course=starter, certified_on=date(2026, 12, 1))
    BackgroundCheck.objects.create(membership=teresa, checked_on=date(2026, 12, 5))
    assert supporter_eligibility(teresa, today=date(2026, 12, 4)).eligible
    assert not supporter_eligibility(teresa, today=date(2026, 12, 3)).eligible

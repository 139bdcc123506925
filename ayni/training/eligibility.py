"""Whether a supporter may be matched: the one function matching and proposals both use.

    from ayni.training.eligibility import supporter_eligibility, eligibility_map

    result = supporter_eligibility(membership)          # Eligibility
    result.eligible            # passed every required course, certifications in date,
                               # background check when the community requires one for everyone
    result.may_support_minors  # eligible, and a valid background check when the community asks
                               # for one to support minors (or for everyone)
    result.missing             # sentences in the active language saying exactly what is missing

    results = eligibility_map(memberships)  # {membership.id: Eligibility}, 5 queries at most

Only training is judged here: whether the membership is active, a supporter, away or full is
for the caller to decide.

Default requirement: a community that never set its requirements requires the starter
course ("Peer supporter foundations", ``Course.is_starter``), no background check and
renewal every 12 months. Mature programs ask for training before matching, so "no
requirement set" does not mean "anyone may support".

In tests, ``ayni.training.testing.certify(membership)`` makes someone eligible (it records a
certification for every course the community requires, and a background check if needed).

``today`` can be passed to judge another day (tests, "what happens next month").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from ayni.training.models import (
    DEFAULT_RENEWAL_MONTHS,
    BackgroundCheck,
    Certification,
    Course,
    TrainingRequirement,
    add_months,
)


@dataclass(frozen=True)
class Eligibility:
    eligible: bool
    may_support_minors: bool
    missing: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Requirement:
    """A community's requirement, or the default one (see the module docstring)."""

    courses: tuple[Course, ...]
    background_check: str
    renewal_months: int
    is_default: bool = False


def _format_date(day: date) -> str:
    return formats.date_format(day, "DATE_FORMAT")


def _starter_courses() -> tuple[Course, ...]:
    courses = tuple(Course.objects.filter(community__isnull=True, is_starter=True))
    if not courses:
        # A data migration loads the starter course, but a flushed database (transactional
        # tests) or a deleted row loses it: load it again from the shipped files.
        from ayni.training.services import starter_course_ensure

        courses = (starter_course_ensure(),)
    return courses


def requirements_for(community_ids: Iterable[int]) -> dict[int, Requirement]:
    """The requirement of each community (2 queries, plus 1 if some use the default)."""
    community_ids = set(community_ids)
    rows = (
        TrainingRequirement.objects.filter(community_id__in=community_ids)
        .prefetch_related("required_courses")
    )
    found: dict[int, Requirement] = {
        row.community_id: Requirement(
            courses=tuple(row.required_courses.all()),
            background_check=row.background_check,
            renewal_months=row.renewal_months,
        )
        for row in rows
    }
    missing = community_ids - set(found)
    if missing:
        starter = _starter_courses()
        for community_id in missing:
            found[community_id] = Requirement(
                courses=starter,
                background_check=TrainingRequirement.BackgroundCheckPolicy.NEVER,
                renewal_months=DEFAULT_RENEWAL_MONTHS,
                is_default=True,
            )
    return found


def requirement_for(community) -> Requirement:
    return requirements_for([community.pk])[community.pk]


# People write dates (and pass courses) in their own time zone, which can be a day ahead of the
# server's: a certificate or a background check dated "tomorrow" by the server's clock is
# already valid. Expiry dates are compared with the server's day, without slack.
DATE_LINE_SLACK = timedelta(days=1)


class _Judge:
    """Judges memberships one by one; caches the translated texts that repeat (course
    sentences, formatted dates), which is most of the cost for thousands of supporters."""

    def __init__(self, today: date) -> None:
        self.today = today
        self._dates: dict[date, str] = {}

    def format_date(self, day: date) -> str:
        if day not in self._dates:
            self._dates[day] = _format_date(day)
        return self._dates[day]

    def __call__(
        self,
        requirement: Requirement,
        certified_on: dict[int, date],
        checks: list[tuple[date, date | None]],
    ) -> Eligibility:
        today = self.today
        missing: list[str] = []
        for course in requirement.courses:
            certified = certified_on.get(course.pk)
            if certified is None:
                missing.append(_("Pass the course “%(course)s”.") % {"course": course.title})
                continue
            expires_on = add_months(certified, requirement.renewal_months)
            if expires_on < today:
                missing.append(
                    _("Your certification for “%(course)s” expired on %(date)s. Take the course "
                      "again to renew it.") % {"course": course.title, "date": self.format_date(expires_on)}
                )
        policy = requirement.background_check
        valid_check = any(
            checked <= today + DATE_LINE_SLACK and (until is None or until >= today)
            for checked, until in checks
        )
        check_note = ""
        if policy != TrainingRequirement.BackgroundCheckPolicy.NEVER and not valid_check:
            lapsed = [until for _checked, until in checks if until is not None and until < today]
            if lapsed:
                check_note = _("Your background check expired on %(date)s.") % {
                    "date": self.format_date(max(lapsed))
                }
        if policy == TrainingRequirement.BackgroundCheckPolicy.ALWAYS and not valid_check:
            if check_note:
                missing.append(check_note)
            missing.append(_("A background check is needed before you can support anyone."))
            return Eligibility(eligible=False, may_support_minors=False, missing=missing)
        eligible = not missing
        may_support_minors = eligible
        if policy == TrainingRequirement.BackgroundCheckPolicy.MINORS and not valid_check:
            may_support_minors = False
            if check_note:
                missing.append(check_note)
            missing.append(_("A background check is needed to support minors."))
        return Eligibility(eligible=eligible, may_support_minors=may_support_minors, missing=missing)


def latest_certifications(user_ids, course_ids, today: date) -> dict[tuple[int, int], date]:
    """{(user id, course id): the newest certification date up to ``today`` (give or take the
    date line, see ``DATE_LINE_SLACK``)} (one query).
    ``user_ids`` may be a list or a subquery of user ids."""
    latest: dict[tuple[int, int], date] = {}
    if course_ids:
        # Ordered oldest first, so the newest certification of each (person, course) wins.
        for user_id, course_id, certified_on in (
            Certification.objects.filter(
                user_id__in=user_ids, course_id__in=course_ids, certified_on__lte=today + DATE_LINE_SLACK
            ).order_by("certified_on", "pk").values_list("user_id", "course_id", "certified_on")
        ):
            latest[(user_id, course_id)] = certified_on
    return latest


def eligibility_map(
    memberships, *, today: date | None = None, requirements: dict[int, Requirement] | None = None,
    certified: dict[tuple[int, int], date] | None = None,
) -> dict[int, Eligibility]:
    """Eligibility of many memberships at once, in a fixed number of queries (at most 5).

    The memberships only need ``pk``, ``user_id`` and ``community_id``. A caller that already
    has the communities' ``requirements_for`` or the people's ``latest_certifications`` can
    pass them and save those queries."""
    memberships = list(memberships)
    if not memberships:
        return {}
    today = today or timezone.localdate()
    community_ids = {m.community_id for m in memberships}
    if requirements is None or not community_ids <= set(requirements):
        requirements = requirements_for(community_ids)
    course_ids = {course.pk for req in requirements.values() for course in req.courses}
    latest = certified if certified is not None else latest_certifications(
        {m.user_id for m in memberships}, course_ids, today
    )
    needs_checks = [
        m.pk for m in memberships
        if requirements[m.community_id].background_check != TrainingRequirement.BackgroundCheckPolicy.NEVER
    ]
    checks: dict[int, list[tuple[date, date | None]]] = {}
    if needs_checks:
        for membership_id, checked_on, expires_on in BackgroundCheck.objects.filter(
            membership_id__in=needs_checks
        ).values_list("membership_id", "checked_on", "expires_on"):
            checks.setdefault(membership_id, []).append((checked_on, expires_on))
    judge = _Judge(today)
    result = {}
    for membership in memberships:
        requirement = requirements[membership.community_id]
        certified_on = {
            course.pk: latest[(membership.user_id, course.pk)]
            for course in requirement.courses
            if (membership.user_id, course.pk) in latest
        }
        result[membership.pk] = judge(requirement, certified_on, checks.get(membership.pk, []))
    return result


def supporter_eligibility(membership, *, today: date | None = None) -> Eligibility:
    """Whether this membership's person may be matched as a supporter, and what is missing."""
    return eligibility_map([membership], today=today)[membership.pk]

"""Reads about training: a person's progress, a community's completion."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone

from ayni.communities.models import Membership
from ayni.training.eligibility import (
    Eligibility,
    Requirement,
    eligibility_map,
    latest_certifications,
    requirements_for,
)
from ayni.training.models import (
    Attendance,
    Certification,
    Course,
    InPersonSession,
    ModuleProgress,
    add_months,
)

CLOSE_SHARE = 50  # at least this % of the required modules done counts as "close"


@dataclass
class CourseProgress:
    course: Course
    modules_total: int
    modules_done: int
    minutes_done: int
    certification: Certification | None = None

    @property
    def percent(self) -> int:
        return (100 * self.modules_done // self.modules_total) if self.modules_total else 0

    @property
    def is_complete(self) -> bool:
        return self.modules_total > 0 and self.modules_done >= self.modules_total


def courses_for(user) -> list[Course]:
    """Courses this person may take: Ayni's own and those of their active communities."""
    community_ids = Membership.objects.filter(
        user=user, status=Membership.Status.ACTIVE
    ).values_list("community_id", flat=True)
    return list(
        Course.objects.filter(Q(community__isnull=True) | Q(community_id__in=community_ids))
        .select_related("community")
        .annotate(module_count=Count("modules"))
        .order_by("community_id", "position", "pk")
    )


def progress_for(user, courses: list[Course]) -> dict[int, CourseProgress]:
    """Progress per course (2 queries whatever the number of courses)."""
    done = {
        row["module__course_id"]: row
        for row in ModuleProgress.objects.filter(
            user=user, module__course__in=courses, completed_at__isnull=False
        ).values("module__course_id").annotate(done=Count("pk"), minutes=Sum("module__estimated_minutes"))
    }
    latest: dict[int, Certification] = {}
    for certification in Certification.objects.filter(user=user, course__in=courses).order_by(
        "certified_on", "pk"
    ):
        latest[certification.course_id] = certification
    result = {}
    for course in courses:
        row = done.get(course.pk, {})
        total = getattr(course, "module_count", None)
        if total is None:
            total = course.modules.count()
        result[course.pk] = CourseProgress(
            course=course, modules_total=total, modules_done=row.get("done", 0),
            minutes_done=row.get("minutes") or 0, certification=latest.get(course.pk),
        )
    return result


def hours_for(user) -> dict[str, Decimal]:
    """Hours of training: online (modules done) and in person (training sessions), plus
    debrief hours."""
    minutes = (
        ModuleProgress.objects.filter(user=user, completed_at__isnull=False)
        .aggregate(total=Sum("module__estimated_minutes"))["total"] or 0
    )
    by_kind = {
        row["session__kind"]: row["hours"]
        for row in Attendance.objects.filter(membership__user=user)
        .values("session__kind").annotate(hours=Sum("hours"))
    }
    online = (Decimal(minutes) / 60).quantize(Decimal("0.1"))
    tenth = Decimal("0.1")
    in_person = (by_kind.get(InPersonSession.Kind.TRAINING) or Decimal("0")).quantize(tenth)
    return {
        "online": online,
        "in_person": in_person,
        "total": online + in_person,
        "debrief": (by_kind.get(InPersonSession.Kind.DEBRIEF) or Decimal("0")).quantize(tenth),
    }


@dataclass
class SupporterStatus:
    membership: Membership
    eligibility: Eligibility
    status: str  # ready | close | expired | not_ready
    modules_done: int
    modules_total: int
    expires_on: date | None = None
    hours_in_person: Decimal = Decimal("0")
    missing: list[str] = field(default_factory=list)

    @property
    def percent(self) -> int:
        return (100 * self.modules_done // self.modules_total) if self.modules_total else 100

    @property
    def expiring_soon(self) -> bool:
        return self.expires_on is not None and self.expires_on <= timezone.localdate() + timedelta(days=30)


STATUSES = ("ready", "close", "expired", "not_ready")


def supporters_of(community):
    return (
        Membership.objects.filter(community=community, status=Membership.Status.ACTIVE, is_supporter=True)
        .select_related("user")
        .order_by("user__display_name", "pk")
    )


@dataclass(frozen=True)
class _Judged:
    eligibility: Eligibility
    status: str
    modules_done: int
    modules_total: int
    expires_on: date | None


@dataclass(frozen=True, slots=True)
class _Light:
    """What eligibility needs of a membership: far cheaper than a model instance by the thousand."""

    pk: int
    user_id: int
    community_id: int


def _judge(community, memberships: list, today: date, *, user_ids=None) -> tuple[Requirement, dict[int, _Judged]]:
    """The community's requirement and the status of each membership (4 to 7 queries, whatever
    their number). The memberships need ``pk``, ``user_id`` and ``community_id`` only;
    ``user_ids`` may be a subquery of their user ids (cheaper than thousands of parameters)."""
    requirements = requirements_for([community.pk])
    requirement = requirements[community.pk]
    course_ids = [course.pk for course in requirement.courses]
    if user_ids is None:
        user_ids = [m.user_id for m in memberships]
    latest = latest_certifications(user_ids, course_ids, today)
    eligibility = eligibility_map(memberships, today=today, requirements=requirements, certified=latest)
    modules_total = (
        Course.objects.filter(pk__in=course_ids).aggregate(total=Count("modules"))["total"] or 0
    ) if course_ids else 0
    done = dict(
        ModuleProgress.objects.filter(
            user_id__in=user_ids, module__course_id__in=course_ids, completed_at__isnull=False
        ).values("user_id").annotate(done=Count("pk")).values_list("user_id", "done")
    ) if course_ids else {}
    judged = {}
    for membership in memberships:
        result = eligibility[membership.pk]
        expiries = [
            add_months(latest[(membership.user_id, course_id)], requirement.renewal_months)
            for course_id in course_ids if (membership.user_id, course_id) in latest
        ]
        expires_on = min(expiries) if expiries else None
        modules_done = done.get(membership.user_id, 0)
        if result.eligible:
            status = "ready"
        elif expires_on is not None and expires_on < today:
            status = "expired"
        elif modules_total and modules_done * 100 >= CLOSE_SHARE * modules_total:
            status = "close"
        else:
            status = "not_ready"
        judged[membership.pk] = _Judged(result, status, modules_done, modules_total, expires_on)
    return requirement, judged


def _rows(memberships: list[Membership], judged: dict[int, _Judged]) -> list[SupporterStatus]:
    hours = dict(
        Attendance.objects.filter(
            membership__in=memberships, session__kind=InPersonSession.Kind.TRAINING
        ).values("membership_id").annotate(total=Sum("hours")).values_list("membership_id", "total")
    ) if memberships else {}
    return [
        SupporterStatus(
            membership=membership, eligibility=judged[membership.pk].eligibility,
            status=judged[membership.pk].status, modules_done=judged[membership.pk].modules_done,
            modules_total=judged[membership.pk].modules_total, expires_on=judged[membership.pk].expires_on,
            hours_in_person=hours.get(membership.pk) or Decimal("0"),
            missing=judged[membership.pk].eligibility.missing,
        )
        for membership in memberships
    ]


def completion_for(community, memberships, *, today: date | None = None) -> list[SupporterStatus]:
    """Training status of these memberships of ``community`` in a fixed number of queries.

    ready: eligible. expired: a required certification has lapsed. close: at least half of the
    required modules done. not_ready: the rest.
    """
    memberships = list(memberships)
    if not memberships:
        return []
    _requirement, judged = _judge(community, memberships, today or timezone.localdate())
    return _rows(memberships, judged)


class CompletionRows(Sequence):
    """A community's completion rows, judged for everyone at once from plain rows (a fixed
    number of queries, no model instance per person), built as full rows only for the slice
    asked for: Django's Paginator and Ninja's pagination take one page, so ~25 rows."""

    def __init__(self, community, *, status: str = "", today: date | None = None, transform=None) -> None:
        self.community = community
        self.transform = transform
        everyone = supporters_of(community)
        rows = list(everyone.values_list("pk", "user_id"))
        light = [_Light(pk, user_id, community.pk) for pk, user_id in rows]
        self.requirement, self.judged = _judge(community, light, today or timezone.localdate(),
                                               user_ids=everyone.order_by().values("user_id"))
        self.counts = dict.fromkeys(STATUSES, 0)
        for judged in self.judged.values():
            self.counts[judged.status] += 1
        self.membership_ids = [pk for pk, _user_id in rows if not status or self.judged[pk].status == status]

    def __len__(self) -> int:
        return len(self.membership_ids)

    def __getitem__(self, index):
        if isinstance(index, int):
            position = index + len(self) if index < 0 else index
            if not 0 <= position < len(self):
                raise IndexError(index)
            return self[position:position + 1][0]
        ids = self.membership_ids[index]
        members = supporters_of(self.community).in_bulk(ids) if ids else {}
        rows = _rows([members[pk] for pk in ids if pk in members], self.judged)
        return [self.transform(row) for row in rows] if self.transform else rows


def completion_statuses(community, *, today: date | None = None) -> list[tuple[int, str]]:
    """(membership id, status) of every active supporter, in the order of ``supporters_of``."""
    rows = CompletionRows(community, today=today)
    return [(pk, rows.judged[pk].status) for pk in rows.membership_ids]


def completion_counts(community) -> dict[str, int]:
    return CompletionRows(community).counts

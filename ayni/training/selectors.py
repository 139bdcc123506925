"""Reads about training: a person's progress, a community's completion."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone

from ayni.communities.models import Membership
from ayni.training.eligibility import Eligibility, eligibility_map, requirements_for
from ayni.training.models import (
    Attendance,
    Certification,
    Course,
    InPersonSession,
    ModuleProgress,
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


def completion_for(community, memberships, *, today: date | None = None) -> list[SupporterStatus]:
    """Training status of these memberships of ``community`` in a fixed number of queries.

    ready: eligible. expired: a required certification has lapsed. close: at least half of the
    required modules done. not_ready: the rest.
    """
    today = today or timezone.localdate()
    memberships = list(memberships)
    if not memberships:
        return []
    requirement = requirements_for([community.pk])[community.pk]
    eligibility = eligibility_map(memberships, today=today)
    course_ids = [course.pk for course in requirement.courses]
    user_ids = [m.user_id for m in memberships]
    modules_total = (
        Course.objects.filter(pk__in=course_ids).aggregate(total=Count("modules"))["total"] or 0
    )
    done = dict(
        ModuleProgress.objects.filter(
            user_id__in=user_ids, module__course_id__in=course_ids, completed_at__isnull=False
        ).values("user_id").annotate(done=Count("pk")).values_list("user_id", "done")
    )
    latest: dict[tuple[int, int], Certification] = {}
    for certification in Certification.objects.filter(
        user_id__in=user_ids, course_id__in=course_ids, certified_on__lte=today
    ).order_by("certified_on", "pk"):
        latest[(certification.user_id, certification.course_id)] = certification
    hours = dict(
        Attendance.objects.filter(
            membership__in=memberships, session__kind=InPersonSession.Kind.TRAINING
        ).values("membership_id").annotate(total=Sum("hours")).values_list("membership_id", "total")
    )
    rows = []
    for membership in memberships:
        result = eligibility[membership.pk]
        expiries = [
            latest[(membership.user_id, course_id)].expires_on(requirement.renewal_months)
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
        rows.append(SupporterStatus(
            membership=membership, eligibility=result, status=status, modules_done=modules_done,
            modules_total=modules_total, expires_on=expires_on,
            hours_in_person=hours.get(membership.pk) or Decimal("0"), missing=result.missing,
        ))
    return rows


def completion_counts(community) -> dict[str, int]:
    counts = dict.fromkeys(STATUSES, 0)
    for row in completion_for(community, supporters_of(community)):
        counts[row.status] += 1
    return counts

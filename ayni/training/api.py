from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.pagination import paginate

from ayni.communities import access as community_access
from ayni.core.api import Pagination
from ayni.training import selectors
from ayni.training.eligibility import supporter_eligibility

router = Router(tags=["training"])


class CourseProgressOut(Schema):
    id: int
    key: str
    title: str
    community: str | None
    modules_total: int
    modules_done: int
    percent: int
    certified_on: date | None
    certificate_id: int | None


class HoursOut(Schema):
    online: float
    in_person: float
    total: float
    debrief: float


class ProgressOut(Schema):
    courses: list[CourseProgressOut]
    hours: HoursOut


class EligibilityOut(Schema):
    community: str
    membership_id: int
    eligible: bool
    may_support_minors: bool
    missing: list[str]


class SupporterStatusOut(EligibilityOut):
    display_name: str
    status: str
    modules_done: int
    modules_total: int
    valid_until: date | None
    hours_in_person: float


def _progress_out(row) -> dict:
    return {
        "id": row.course.pk, "key": row.course.key, "title": row.course.title,
        "community": row.course.community.slug if row.course.community_id else None,
        "modules_total": row.modules_total, "modules_done": row.modules_done, "percent": row.percent,
        "certified_on": row.certification.certified_on if row.certification else None,
        "certificate_id": row.certification.pk if row.certification else None,
    }


@router.get("/progress", response=ProgressOut, summary="My training progress and hours")
def my_progress(request):
    courses = selectors.courses_for(request.user)
    progress = selectors.progress_for(request.user, courses)
    hours = selectors.hours_for(request.user)
    return {
        "courses": [_progress_out(progress[course.pk]) for course in courses],
        "hours": {key: float(value) for key, value in hours.items()},
    }


@router.get("/eligibility/{slug}", response=EligibilityOut,
            summary="Whether I may be matched as a supporter in a community, and what is missing")
def my_eligibility(request, slug: str):
    community, membership = community_access.access_community_as_member(request.user, slug)
    result = supporter_eligibility(membership)
    return {"community": community.slug, "membership_id": membership.pk, "eligible": result.eligible,
            "may_support_minors": result.may_support_minors, "missing": result.missing}


@router.get("/communities/{slug}/completion", response=list[SupporterStatusOut],
            summary="Training completion of a community's supporters (coordinators)")
@paginate(Pagination)
def completion(request, slug: str, status: str = ""):
    community, _own = community_access.access_community_as_coordinator(request.user, slug)
    if status and status not in selectors.STATUSES:
        raise ValidationError({"status": [_("Unknown status. Use ready, close, expired or not_ready.")]})
    return selectors.CompletionRows(community, status=status, transform=lambda row: {  # one page is built
        "community": community.slug, "membership_id": row.membership.pk,
        "display_name": row.membership.user.display_name, "eligible": row.eligibility.eligible,
        "may_support_minors": row.eligibility.may_support_minors, "missing": row.missing,
        "status": row.status, "modules_done": row.modules_done, "modules_total": row.modules_total,
        "valid_until": row.expires_on, "hours_in_person": float(row.hours_in_person),
    })


@router.get("/communities/{slug}/members/{membership_id}/eligibility", response=EligibilityOut,
            summary="One member's eligibility to support (coordinators)")
def member_eligibility(request, slug: str, membership_id: int):
    community, membership = community_access.access_membership_as_coordinator(
        request.user, slug, membership_id
    )
    result = supporter_eligibility(membership)
    return {"community": community.slug, "membership_id": membership.pk, "eligible": result.eligible,
            "may_support_minors": result.may_support_minors, "missing": result.missing}

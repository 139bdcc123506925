from django.db.models import Count, Prefetch, Q

from ayni.circles.models import Circle, CircleMeeting, CircleMembership


def circles_of_community(community, *, membership=None):
    """The community's open circles. Debrief groups (circles of supporters run for supervision)
    are listed only to supporters and coordinators."""
    circles = Circle.objects.filter(community=community).exclude(status=Circle.Status.CLOSED)
    if membership is not None and not (membership.is_supporter or membership.is_coordinator):
        circles = circles.filter(debrief_group__isnull=True)
    return (
        circles
        .select_related("topic")
        .annotate(member_count=Count("circle_memberships", filter=Q(
            circle_memberships__status=CircleMembership.Status.ACCEPTED,
            circle_memberships__role=CircleMembership.Role.MEMBER)))
        .order_by("name")
    )


def my_circle_seats(user):
    return (
        CircleMembership.objects.filter(membership__user=user)
        .exclude(status=CircleMembership.Status.DECLINED)
        .select_related("circle", "circle__community", "circle__topic")
        .order_by("status", "circle__name")
    )


def seats_of_circle(circle):
    return (
        CircleMembership.objects.filter(circle=circle)
        .select_related("membership__user")
        .order_by("-role", "status", "requested_at")
    )


def meetings_of(circle, *, limit: int = 20):
    return list(
        CircleMeeting.objects.filter(circle=circle)
        .prefetch_related(Prefetch("attendance", to_attr="attendance_rows"))
        .order_by("-starts_at")[:limit]
    )

from django.db.models import Count, Prefetch, Q

from ayni.circles.models import Circle, CircleMeeting, CircleMembership


def circles_of_community(community):
    return (
        Circle.objects.filter(community=community).exclude(status=Circle.Status.CLOSED)
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

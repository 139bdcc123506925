"""Who sees what of a circle: active members of its community see that it exists (name, topic,
schedule, size); its members and managers see who is in it; facilitators and coordinators
manage it. Everyone else gets a 404."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from ayni.circles.models import Circle, CircleMembership
from ayni.circles.services import can_manage
from ayni.communities.models import Membership


def access_circle(user, circle_id) -> tuple[Circle, Membership, CircleMembership | None]:
    if not getattr(user, "is_authenticated", False):
        raise Http404(_("No such circle."))
    circle = Circle.objects.select_related("community", "topic").filter(pk=circle_id).first()
    if circle is None:
        raise Http404(_("No such circle."))
    membership = Membership.objects.filter(community=circle.community, user=user, status=Membership.Status.ACTIVE).first()
    if membership is None:
        raise Http404(_("No such circle."))
    seat = CircleMembership.objects.filter(circle=circle, membership=membership).first()
    return circle, membership, seat


def access_circle_as_manager(user, circle_id) -> tuple[Circle, Membership, CircleMembership | None]:
    circle, membership, seat = access_circle(user, circle_id)
    if not can_manage(user, circle):
        raise PermissionDenied(_("Only the circle's facilitators and the coordinators can do this."))
    return circle, membership, seat


def may_see_members(user, circle: Circle, seat: CircleMembership | None) -> bool:
    return (seat is not None and seat.status == CircleMembership.Status.ACCEPTED) or can_manage(user, circle)

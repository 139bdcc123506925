"""Writes of circles: create, request to join, accept or decline, leave, meetings, attendance,
and forming circles from waiting seekers."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ayni.circles.models import (
    MAX_FACILITATORS,
    Attendance,
    Circle,
    CircleMeeting,
    CircleMembership,
)
from ayni.communities.models import Membership
from ayni.core.audit import audit_log
from ayni.messaging import integrations


def _coordinator(actor, community) -> Membership | None:
    return Membership.objects.filter(community=community, user=actor, is_coordinator=True,
                                     status=Membership.Status.ACTIVE).first()


def is_facilitator(actor, circle: Circle) -> bool:
    return CircleMembership.objects.filter(circle=circle, membership__user=actor, role=CircleMembership.Role.FACILITATOR,
                                           status=CircleMembership.Status.ACCEPTED).exists()


def can_manage(actor, circle: Circle) -> bool:
    return _coordinator(actor, circle.community_id) is not None or is_facilitator(actor, circle)


def check_facilitator(membership: Membership) -> None:
    """A facilitator is an active supporter whom the training counts as eligible."""
    if membership.status != Membership.Status.ACTIVE or not membership.is_supporter:
        raise ValidationError({"facilitators": [
            _("%(name)s is not an active supporter of this community.") % {"name": membership.user.display_name}]})
    eligibility = integrations.supporter_eligibility(membership)
    if eligibility is not None and not eligibility.eligible:
        missing = " ".join(str(item) for item in getattr(eligibility, "missing", []))
        raise ValidationError({"facilitators": [
            (_("%(name)s cannot facilitate yet: %(missing)s") % {"name": membership.user.display_name,
                                                                   "missing": missing}).strip()]})


def _validate(*, name: str, min_size: int, max_size: int, language: str, topic, community) -> dict:
    errors: dict[str, list[str]] = {}
    if not (name or "").strip():
        errors["name"] = [_("Give the circle a name.")]
    if min_size < 2:
        errors["min_size"] = [_("A circle needs at least 2 people.")]
    if max_size < min_size:
        errors["max_size"] = [_("The largest size cannot be smaller than the smallest.")]
    if max_size > 30:
        errors["max_size"] = [_("A circle can have at most 30 people.")]
    if language not in {"es", "en"}:
        errors["language"] = [_("Choose Spanish or English.")]
    if topic is not None and topic.community_id != community.pk:
        errors["topic"] = [_("This topic belongs to another community.")]
    if errors:
        raise ValidationError(errors)
    return errors


def circle_create(*, actor, community, name: str, topic=None, language: str = "es", description: str = "",
                  schedule: str = "", next_meeting_at=None, min_size: int = 4, max_size: int = 8,
                  facilitators=(), members=(), formed_by_ayni: bool = False) -> Circle:
    """Coordinators create a circle, with up to two eligible facilitators (and, when Ayni formed
    it, the seekers it grouped, already accepted)."""
    if _coordinator(actor, community) is None:
        raise PermissionDenied(_("Only the community's coordinators can create circles."))
    _validate(name=name, min_size=min_size, max_size=max_size, language=language, topic=topic, community=community)
    facilitators = list(facilitators)
    members = list(members)
    if len(facilitators) > MAX_FACILITATORS:
        raise ValidationError({"facilitators": [_("A circle has one or two facilitators.")]})
    for facilitator in facilitators:
        if facilitator.community_id != community.pk:
            raise ValidationError({"facilitators": [_("Facilitators must belong to this community.")]})
        check_facilitator(facilitator)
    if len(members) > max_size:
        raise ValidationError({"members": [_("More people than the circle's largest size.")]})
    from ayni.messaging.services import conversation_for_circle

    with transaction.atomic():
        circle = Circle.objects.create(
            community=community, name=name.strip(), topic=topic, language=language, description=description.strip(),
            schedule=schedule.strip(), next_meeting_at=next_meeting_at, min_size=min_size, max_size=max_size,
            created_by=actor, formed_by_ayni=formed_by_ayni,
        )
        now = timezone.now()
        for facilitator in facilitators:
            CircleMembership.objects.create(circle=circle, membership=facilitator, role=CircleMembership.Role.FACILITATOR,
                                            status=CircleMembership.Status.ACCEPTED, decided_at=now, decided_by=actor)
        facilitator_ids = {f.pk for f in facilitators}
        for member in members:
            if member.community_id != community.pk or member.pk in facilitator_ids:
                continue
            CircleMembership.objects.create(circle=circle, membership=member, status=CircleMembership.Status.ACCEPTED,
                                            decided_at=now, decided_by=actor)
        audit_log(actor=actor, action="circles.circle_created", target=circle, community=community,
                  details={"facilitators": sorted(facilitator_ids), "members": [m.pk for m in members],
                           "formed_by_ayni": formed_by_ayni})
        conversation_for_circle(circle)
        _notify_members(circle, [*facilitators, *members], "circles.added", actor=actor)
    return circle


def circle_update(*, actor, circle: Circle, **changes) -> Circle:
    if not can_manage(actor, circle):
        raise PermissionDenied(_("Only the circle's facilitators and the coordinators can change it."))
    allowed = {"name", "description", "schedule", "next_meeting_at", "min_size", "max_size", "language", "topic", "status"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError(_("These fields cannot be changed: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    values = {field: changes.get(field, getattr(circle, field)) for field in allowed}
    _validate(name=values["name"], min_size=values["min_size"], max_size=values["max_size"],
              language=values["language"], topic=values["topic"], community=circle.community)
    if values["status"] not in Circle.Status.values:
        raise ValidationError({"status": [_("Not one of the allowed values.")]})
    from ayni.messaging.services import conversation_for_circle

    with transaction.atomic():
        for field, value in changes.items():
            setattr(circle, field, value.strip() if isinstance(value, str) and field != "status" else value)
        circle.save(update_fields=list(changes))
        audit_log(actor=actor, action="circles.circle_updated", target=circle, community=circle.community_id,
                  details={"fields": sorted(changes)})
        if "status" in changes:
            conversation_for_circle(circle)
    return circle


def facilitator_add(*, actor, circle: Circle, membership: Membership) -> CircleMembership:
    if _coordinator(actor, circle.community_id) is None:
        raise PermissionDenied(_("Only the community's coordinators can choose facilitators."))
    if membership.community_id != circle.community_id:
        raise ValidationError({"facilitators": [_("Facilitators must belong to this community.")]})
    check_facilitator(membership)
    from ayni.messaging.services import conversation_for_circle

    with transaction.atomic():
        Circle.objects.select_for_update().filter(pk=circle.pk).first()
        count = CircleMembership.objects.filter(circle=circle, role=CircleMembership.Role.FACILITATOR,
                                                status=CircleMembership.Status.ACCEPTED).exclude(membership=membership).count()
        if count >= MAX_FACILITATORS:
            raise ValidationError({"facilitators": [_("A circle has one or two facilitators.")]})
        seat, _created = CircleMembership.objects.update_or_create(
            circle=circle, membership=membership,
            defaults={"role": CircleMembership.Role.FACILITATOR, "status": CircleMembership.Status.ACCEPTED,
                      "decided_at": timezone.now(), "decided_by": actor, "left_at": None},
        )
        audit_log(actor=actor, action="circles.facilitator_added", target=seat, community=circle.community_id)
        conversation_for_circle(circle)
        _notify_members(circle, [membership], "circles.added", actor=actor)
    return seat


def circle_request_join(*, actor, circle: Circle, message: str = "") -> CircleMembership:
    """An active member asks to join; the facilitators and coordinators decide."""
    membership = Membership.objects.filter(community_id=circle.community_id, user=actor,
                                           status=Membership.Status.ACTIVE).first()
    if membership is None:
        raise PermissionDenied(_("Only active members of this community can join its circles."))
    if circle.status == Circle.Status.CLOSED:
        raise ValidationError(_("This circle has closed."))
    if not membership.is_supporter and Circle.objects.filter(pk=circle.pk, debrief_group__isnull=False).exists():
        raise PermissionDenied(_("This is a debrief group for supporters."))
    if len(message or "") > 500:
        raise ValidationError({"message": [_("Keep it under 500 characters.")]})
    with transaction.atomic():
        seat = CircleMembership.objects.filter(circle=circle, membership=membership).first()
        if seat is not None and seat.status in {CircleMembership.Status.REQUESTED, CircleMembership.Status.ACCEPTED}:
            raise ValidationError(_("You have already asked to join this circle."))
        if seat is not None and seat.status == CircleMembership.Status.DECLINED:
            raise ValidationError(_("The facilitators did not accept your request. Talk to a coordinator if you would like to try again."))
        try:
            with transaction.atomic():
                if seat is None:
                    seat = CircleMembership.objects.create(circle=circle, membership=membership, message=message.strip())
                else:  # they left and come back
                    seat.status, seat.message, seat.requested_at = CircleMembership.Status.REQUESTED, message.strip(), timezone.now()
                    seat.role, seat.left_at, seat.decided_at = CircleMembership.Role.MEMBER, None, None
                    seat.save(update_fields=["status", "message", "requested_at", "role", "left_at", "decided_at"])
        except IntegrityError:
            raise ValidationError(_("You have already asked to join this circle.")) from None
        audit_log(actor=actor, action="circles.join_requested", target=seat, community=circle.community_id)
        _notify_managers(circle, "circles.join_request", context={"name": actor.display_name, "circle": circle.name})
    return seat


def accepted_members_count(circle: Circle) -> int:
    return CircleMembership.objects.filter(circle=circle, role=CircleMembership.Role.MEMBER,
                                           status=CircleMembership.Status.ACCEPTED).count()


def circle_membership_decide(*, actor, seat: CircleMembership, accept: bool) -> CircleMembership:
    """Facilitators or coordinators accept or decline a request. The circle's size is checked
    under a lock of the circle's row, so two acceptances cannot overfill it."""
    circle = seat.circle
    if not can_manage(actor, circle):
        raise PermissionDenied(_("Only the circle's facilitators and the coordinators can decide on requests."))
    from ayni.messaging.services import conversation_for_circle

    with transaction.atomic():
        Circle.objects.select_for_update().filter(pk=circle.pk).first()
        new_status = CircleMembership.Status.ACCEPTED if accept else CircleMembership.Status.DECLINED
        if accept and accepted_members_count(circle) >= circle.max_size:
            raise ValidationError(_("The circle is full (%(count)d people).") % {"count": circle.max_size})
        updated = CircleMembership.objects.filter(pk=seat.pk, status=CircleMembership.Status.REQUESTED).update(
            status=new_status, decided_at=timezone.now(), decided_by=actor)
        if not updated:
            raise ValidationError(_("This request has already been decided."))
        seat.refresh_from_db()
        audit_log(actor=actor, action="circles.join_accepted" if accept else "circles.join_declined", target=seat,
                  community=circle.community_id)
        conversation_for_circle(circle)
        _notify_members(circle, [seat.membership], "circles.accepted" if accept else "circles.declined", actor=actor)
    return seat


def circle_leave(*, actor, circle: Circle) -> CircleMembership:
    seat = CircleMembership.objects.filter(circle=circle, membership__user=actor,
                                           status__in=[CircleMembership.Status.ACCEPTED,
                                                       CircleMembership.Status.REQUESTED]).first()
    if seat is None:
        raise ValidationError(_("You are not in this circle."))
    from ayni.messaging.services import conversation_for_circle

    with transaction.atomic():
        CircleMembership.objects.filter(pk=seat.pk).update(status=CircleMembership.Status.LEFT, left_at=timezone.now())
        seat.refresh_from_db()
        audit_log(actor=actor, action="circles.left", target=seat, community=circle.community_id)
        conversation_for_circle(circle)
    return seat


def meeting_create(*, actor, circle: Circle, starts_at, place: str = "", notes: str = "") -> CircleMeeting:
    if not can_manage(actor, circle):
        raise PermissionDenied(_("Only the circle's facilitators and the coordinators can schedule meetings."))
    if starts_at is None:
        raise ValidationError({"starts_at": [_("Give the date and time of the meeting.")]})
    if circle.status == Circle.Status.CLOSED:
        raise ValidationError(_("This circle has closed."))
    with transaction.atomic():
        meeting = CircleMeeting.objects.create(circle=circle, starts_at=starts_at, place=place.strip(),
                                               notes=notes.strip(), created_by=actor)
        upcoming = circle.meetings.filter(starts_at__gte=timezone.now()).order_by("starts_at").first()
        circle.next_meeting_at = upcoming.starts_at if upcoming else None
        fields = ["next_meeting_at"]
        if circle.status == Circle.Status.FORMING:
            circle.status = Circle.Status.ACTIVE
            fields.append("status")
        circle.save(update_fields=fields)
        audit_log(actor=actor, action="circles.meeting_created", target=meeting, community=circle.community_id)
        members = [cm.membership for cm in circle.circle_memberships.filter(
            status=CircleMembership.Status.ACCEPTED).select_related("membership__user")
            if cm.membership.user_id != actor.pk]
        _notify_members(circle, members, "circles.meeting", actor=actor)
    return meeting


def attendance_record(*, actor, meeting: CircleMeeting, present_ids) -> list[Attendance]:
    """Record who came (circle membership ids); everyone else accepted in the circle is absent."""
    circle = meeting.circle
    if not can_manage(actor, circle):
        raise PermissionDenied(_("Only the circle's facilitators and the coordinators can record attendance."))
    seats = list(CircleMembership.objects.filter(circle=circle, status=CircleMembership.Status.ACCEPTED))
    known = {seat.pk for seat in seats}
    present = {int(value) for value in present_ids}
    strangers = present - known
    if strangers:
        raise ValidationError({"present": [_("Some of those people are not in this circle.")]})
    now = timezone.now()
    with transaction.atomic():
        rows = []
        for seat in seats:
            row, _created = Attendance.objects.update_or_create(
                meeting=meeting, circle_membership=seat,
                defaults={"present": seat.pk in present, "recorded_by": actor, "recorded_at": now},
            )
            rows.append(row)
        audit_log(actor=actor, action="circles.attendance_recorded", target=meeting, community=circle.community_id,
                  details={"present": len(present), "absent": len(seats) - len(present)})
    return rows


# --- notifications ------------------------------------------------------------------------------


def _notify_members(circle: Circle, memberships, kind: str, *, actor=None) -> None:
    from ayni.notifications.services import notify

    users = [m.user for m in memberships if getattr(actor, "pk", None) != m.user_id]

    def send():
        for user in users:
            notify(user, kind, community=circle.community, url=f"/circles/{circle.pk}/",
                   context={"circle": circle.name})

    transaction.on_commit(send)


def _notify_managers(circle: Circle, kind: str, *, context: dict) -> None:
    from ayni.notifications.services import notify

    managers = {m.user_id: m.user for m in Membership.objects.filter(
        community_id=circle.community_id, is_coordinator=True, status=Membership.Status.ACTIVE).select_related("user")}
    for seat in circle.circle_memberships.filter(role=CircleMembership.Role.FACILITATOR,
                                                 status=CircleMembership.Status.ACCEPTED).select_related("membership__user"):
        managers[seat.membership.user_id] = seat.membership.user

    def send():
        for user in managers.values():
            notify(user, kind, community=circle.community, url=f"/circles/{circle.pk}/manage/", context=context)

    transaction.on_commit(send)

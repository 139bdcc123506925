from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ayni.circles import access, forming, forms, selectors, services
from ayni.circles.models import CircleMeeting, CircleMembership
from ayni.communities.access import access_community_as_coordinator, access_community_as_member
from ayni.communities.models import Membership
from ayni.core.pagination import paginate


def _error_text(error) -> str:
    return " ".join(error.messages) if isinstance(error, ValidationError) else str(error)


@login_required
def my_circles(request):
    seats = list(selectors.my_circle_seats(request.user))
    communities = Membership.objects.filter(user=request.user, status=Membership.Status.ACTIVE).select_related("community")
    return render(request, "circles/mine.html", {"seats": seats, "memberships": communities})


@login_required
def community_circles(request, slug: str):
    community, membership = access_community_as_member(request.user, slug)
    page = paginate(request, selectors.circles_of_community(community, membership=membership))
    mine = dict(CircleMembership.objects.filter(membership=membership, circle__in=page.object_list)
                .values_list("circle_id", "status"))
    for circle in page.object_list:
        circle.my_status = mine.get(circle.pk, "")
    return render(request, "circles/community.html", {"community": community, "membership": membership,
                                                      "page_obj": page})


@login_required
def circle_create(request, slug: str):
    community, _own = access_community_as_coordinator(request.user, slug)
    form = forms.CircleForm(request.POST or None, community=community, initial={"language": (community.languages or ["es"])[0]})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            circle = services.circle_create(actor=request.user, community=community, name=data["name"], topic=data["topic"],
                                            language=data["language"], description=data["description"],
                                            schedule=data["schedule"], min_size=data["min_size"],
                                            max_size=data["max_size"], facilitators=list(data["facilitators"]))
        except ValidationError as error:
            form.apply_service_error(error)
        else:
            flash.success(request, _("The circle is ready. People can now ask to join it."))
            return redirect("circles:detail", circle_id=circle.pk)
    return render(request, "circles/create.html", {"community": community, "form": form})


@login_required
def circle_form_groups(request, slug: str):
    """Coordinators ask Ayni to group waiting seekers who share a topic, language and time."""
    community, _own = access_community_as_coordinator(request.user, slug)
    topics = {topic.pk: topic for topic in community.topics.all()}
    if request.method == "POST":
        topic = topics.get(int(request.POST.get("topic") or 0))
        ids = [int(value) for value in request.POST.getlist("member") if value.isdigit()]
        members = list(Membership.objects.filter(community=community, pk__in=ids, status=Membership.Status.ACTIVE))
        facilitator = Membership.objects.filter(community=community, pk=int(request.POST.get("facilitator") or 0)).first()
        if topic is None or len(members) != len(ids) or not members:
            flash.error(request, _("This group is no longer valid. Ask Ayni again."))
            return redirect("circles:form_groups", slug=slug)
        try:
            circle = services.circle_create(
                actor=request.user, community=community, topic=topic, language=request.POST.get("language", "es"),
                name=request.POST.get("name") or _("Circle: %(topic)s") % {"topic": topic.name},
                members=members, facilitators=[facilitator] if facilitator else [], formed_by_ayni=True,
            )
        except (ValidationError, PermissionDenied) as error:
            flash.error(request, _error_text(error))
            return redirect("circles:form_groups", slug=slug)
        flash.success(request, _("The circle is formed. Its members were told, and its conversation is open."))
        return redirect("circles:detail", circle_id=circle.pk)
    result = forming.propose_circles(community)
    names = dict(Membership.objects.filter(pk__in={i for p in result.proposals for i in p.membership_ids})
                 .values_list("pk", "user__display_name"))
    proposals = [{"topic": topics.get(p.topic_id), "language": p.language, "shared_slots": p.shared_slots,
                  "facilitator_id": p.facilitator_id, "place": p.place,
                  "members": [(i, names.get(i, "")) for i in p.membership_ids]} for p in result.proposals]
    facilitators = [m for m in Membership.objects.filter(community=community, status=Membership.Status.ACTIVE,
                                                         is_supporter=True).select_related("user")]
    return render(request, "circles/form_groups.html", {
        "community": community, "proposals": proposals, "waiting": len(result.waiting), "method": result.method,
        "facilitators": facilitators,
    })


@login_required
def circle_detail(request, circle_id: int):
    circle, membership, seat = access.access_circle(request.user, circle_id)
    manager = services.can_manage(request.user, circle)
    see_members = access.may_see_members(request.user, circle, seat)
    seats = [s for s in selectors.seats_of_circle(circle) if s.status == CircleMembership.Status.ACCEPTED] if see_members else []
    conversation = getattr(circle, "conversation", None) if see_members else None
    return render(request, "circles/detail.html", {
        "circle": circle, "membership": membership, "seat": seat, "manager": manager, "seats": seats,
        "conversation": conversation, "meetings": selectors.meetings_of(circle, limit=5) if see_members else [],
        "join_form": forms.JoinForm(), "member_count": services.accepted_members_count(circle),
    })


@login_required
@require_POST
def circle_join(request, circle_id: int):
    circle, _membership, _seat = access.access_circle(request.user, circle_id)
    form = forms.JoinForm(request.POST)
    message = form.cleaned_data["message"] if form.is_valid() else ""
    try:
        services.circle_request_join(actor=request.user, circle=circle, message=message)
    except (ValidationError, PermissionDenied) as error:
        flash.error(request, _error_text(error))
    else:
        flash.success(request, _("Your request was sent. The facilitators will answer soon."))
    return redirect("circles:detail", circle_id=circle.pk)


@login_required
@require_POST
def circle_leave(request, circle_id: int):
    circle, _membership, _seat = access.access_circle(request.user, circle_id)
    try:
        services.circle_leave(actor=request.user, circle=circle)
    except ValidationError as error:
        flash.error(request, _error_text(error))
    else:
        flash.success(request, _("You left the circle. Thank you for taking part."))
    return redirect("circles:detail", circle_id=circle.pk)


@login_required
def circle_manage(request, circle_id: int):
    circle, _membership, _seat = access.access_circle_as_manager(request.user, circle_id)
    meeting_form = forms.MeetingForm(request.POST or None)
    if request.method == "POST" and meeting_form.is_valid():
        try:
            services.meeting_create(actor=request.user, circle=circle, **meeting_form.cleaned_data)
        except ValidationError as error:
            meeting_form.apply_service_error(error)
        else:
            flash.success(request, _("The meeting is scheduled and the circle was told."))
            return redirect("circles:manage", circle_id=circle.pk)
    seats = list(selectors.seats_of_circle(circle))
    is_coordinator = Membership.objects.filter(community=circle.community, user=request.user, is_coordinator=True,
                                               status=Membership.Status.ACTIVE).exists()
    candidates = []
    if is_coordinator:
        taken = {s.membership_id for s in seats if s.is_facilitator}
        candidates = [m for m in Membership.objects.filter(community=circle.community, status=Membership.Status.ACTIVE,
                                                           is_supporter=True).select_related("user") if m.pk not in taken]
    return render(request, "circles/manage.html", {
        "circle": circle, "requests": [s for s in seats if s.status == CircleMembership.Status.REQUESTED],
        "accepted": [s for s in seats if s.status == CircleMembership.Status.ACCEPTED],
        "meeting_form": meeting_form, "meetings": selectors.meetings_of(circle), "candidates": candidates,
        "member_count": services.accepted_members_count(circle),
    })


@login_required
@require_POST
def circle_decide(request, circle_id: int, seat_id: int, decision: str):
    circle, _membership, _seat = access.access_circle_as_manager(request.user, circle_id)
    if decision not in {"accept", "decline"}:
        raise Http404(_("Unknown action."))
    seat = CircleMembership.objects.filter(circle=circle, pk=seat_id).select_related("circle", "membership__user").first()
    if seat is None:
        raise Http404(_("No such request."))
    try:
        services.circle_membership_decide(actor=request.user, seat=seat, accept=decision == "accept")
    except ValidationError as error:
        flash.error(request, _error_text(error))
    else:
        flash.success(request, _("%(name)s is now in the circle.") % {"name": seat.membership.user.display_name}
                      if decision == "accept" else _("The request was declined."))
    return redirect("circles:manage", circle_id=circle.pk)


@login_required
@require_POST
def circle_add_facilitator(request, circle_id: int):
    circle, _membership, _seat = access.access_circle_as_manager(request.user, circle_id)
    candidate = Membership.objects.filter(community=circle.community, pk=int(request.POST.get("membership") or 0)).first()
    if candidate is None:
        flash.error(request, _("Choose a supporter."))
        return redirect("circles:manage", circle_id=circle.pk)
    try:
        services.facilitator_add(actor=request.user, circle=circle, membership=candidate)
    except (ValidationError, PermissionDenied) as error:
        flash.error(request, _error_text(error))
    else:
        flash.success(request, _("%(name)s now facilitates the circle.") % {"name": candidate.user.display_name})
    return redirect("circles:manage", circle_id=circle.pk)


@login_required
@require_POST
def circle_close(request, circle_id: int):
    """Facilitators or coordinators close the circle; its conversation stays, read-only."""
    circle, _membership, _seat = access.access_circle_as_manager(request.user, circle_id)
    services.circle_update(actor=request.user, circle=circle, status="closed")
    flash.success(request, _("The circle is closed. Its conversation stays, read-only."))
    return redirect("circles:detail", circle_id=circle.pk)


@login_required
def meeting_attendance(request, circle_id: int, meeting_id: int):
    circle, _membership, _seat = access.access_circle_as_manager(request.user, circle_id)
    meeting = CircleMeeting.objects.filter(circle=circle, pk=meeting_id).first()
    if meeting is None:
        raise Http404(_("No such meeting."))
    seats = [s for s in selectors.seats_of_circle(circle) if s.status == CircleMembership.Status.ACCEPTED]
    error = ""
    if request.method == "POST":
        try:
            services.attendance_record(actor=request.user, meeting=meeting,
                                       present_ids=[v for v in request.POST.getlist("present") if v.isdigit()])
        except ValidationError as refusal:
            error = _error_text(refusal)
        else:
            flash.success(request, _("Attendance saved."))
            return redirect("circles:manage", circle_id=circle.pk)
    present = set(meeting.attendance.filter(present=True).values_list("circle_membership_id", flat=True))
    return render(request, "circles/attendance.html", {"circle": circle, "meeting": meeting, "seats": seats,
                                                       "present": present, "error": error})

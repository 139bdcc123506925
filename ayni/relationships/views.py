"""Pages of relationships. Thin: permission-checked fetch (access.py), a form, a service."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ayni.communities.access import access_community_as_coordinator
from ayni.communities.models import Membership
from ayni.core.pagination import paginate
from ayni.core.submissions import AlreadySubmitted, already_sent, submit_once, submitted_before
from ayni.messaging.models import Conversation
from ayni.messaging.selectors import unread_in
from ayni.relationships import forms, lifecycle, selectors, services
from ayni.relationships.access import (
    access_goal,
    access_relationship,
    access_relationship_as_participant,
    access_session,
)
from ayni.relationships.models import CalendarFeed, CheckIn, Milestone, Relationship, Session


def _after_write(request, results, *, next_url: str, done: str):
    """Redirect on, unless the safety screening found something: then show its resources at once."""
    flagged = [result for result in results if result is not None and getattr(result, "level", "none") != "none"]
    if not flagged:
        messages.success(request, done)
        return redirect(next_url)
    return render(request, "relationships/screened.html",
                  {"screening": flagged[0], "next_url": next_url, "done": done})


@login_required
def relationship_list(request):
    relationships = selectors.relationships_of(user=request.user).prefetch_related("topics")
    page = paginate(request, relationships)
    return render(request, "relationships/list.html", {"page_obj": page, "relationships": page.object_list})


@login_required
def detail(request, pk: int):
    access = access_relationship(request.user, pk)
    relationship = access.relationship
    if not access.is_participant:
        return _coordinator_detail(request, relationship)
    now = timezone.now()
    upcoming = relationship.sessions.filter(status=Session.Status.SCHEDULED, starts_at__gte=now).order_by("starts_at")
    past = relationship.sessions.exclude(pk__in=upcoming.values("pk")).order_by("-starts_at")
    page = paginate(request, past, per_page=10)
    goals = relationship.goals.prefetch_related("milestones")
    open_check_in = (CheckIn.objects.filter(relationship=relationship, user=request.user, answered_at__isnull=True)
                     .order_by("-sequence").first())
    acknowledged = relationship.acknowledgements.filter(user=request.user).exists()
    surveyed = relationship.exit_surveys.filter(user=request.user).exists()
    conversation = Conversation.objects.filter(relationship=relationship).first()
    return render(request, "relationships/detail.html", {
        "relationship": relationship, "other": relationship.other_membership(request.user).user,
        "upcoming": upcoming, "page_obj": page, "past": page.object_list, "goals": goals,
        "open_check_in": open_check_in, "acknowledged": acknowledged, "surveyed": surveyed,
        "actions": lifecycle.allowed_actions(relationship.status, access.roles),
        "acknowledgements": relationship.acknowledgements.select_related("user"),
        "goal_form": forms.GoalForm(), "pause_form": forms.PauseForm(auto_id="pause_%s"),
        "closing_form": forms.ClosingForm(auto_id="closing_%s"),
        "is_coordinator": access.is_coordinator,
        "conversation": conversation,
        "unread": unread_in(conversation, request.user) if conversation else 0,
    })


def _coordinator_detail(request, relationship: Relationship):
    """What a coordinator sees: status, dates, counts, goals' titles and check-in answers. No notes."""
    sessions = relationship.sessions.all()
    supporters = (Membership.objects.filter(community=relationship.community, is_supporter=True,
                                            status=Membership.Status.ACTIVE)
                  .exclude(pk=relationship.supporter_id).exclude(user_id=relationship.seeker.user_id)
                  .select_related("user").order_by("user__display_name"))
    return render(request, "relationships/coordinator_detail.html", {
        "relationship": relationship,
        "sessions_held": sessions.filter(status=Session.Status.HELD).count(),
        "sessions_scheduled": sessions.filter(status=Session.Status.SCHEDULED).count(),
        "goals": relationship.goals.all(),
        "check_ins": relationship.check_ins.select_related("user").order_by("-asked_at")[:20],
        "history": relationship.rematches.select_related("supporter__user"),
        "actions": lifecycle.allowed_actions(relationship.status, {lifecycle.COORDINATOR}),
        "rematch_form": forms.RematchForm(supporters=supporters, auto_id="rematch_%s"),
        "closing_form": forms.ClosingForm(auto_id="closing_%s"),
    })


@login_required
def agreement(request, pk: int):
    relationship = access_relationship_as_participant(request.user, pk)
    language = request.LANGUAGE_CODE
    form = forms.AcknowledgeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.agreement_acknowledge(
                actor=request.user, relationship=relationship, frequency=data["frequency"],
                session_minutes=data["session_minutes"], planned_months=data["planned_months"],
                expectations=data["expectations"], language=language)
        except ValidationError as error:
            form.apply_service_error(error)
        else:
            relationship.refresh_from_db()
            if relationship.status == lifecycle.ACTIVE:
                messages.success(request, _("You both accepted the agreement: your relationship has started."))
            else:
                messages.success(request, _("Thank you. The relationship starts when the other person accepts too."))
            return redirect("relationships:detail", pk=pk)
    return render(request, "relationships/agreement.html", {
        "relationship": relationship, "form": form, "text": services.agreement_text(relationship.community, language),
        "acknowledgements": relationship.acknowledgements.select_related("user"),
        "acknowledged": relationship.acknowledgements.filter(user=request.user).exists(),
    })


_ACTIONS = {
    "pause": lambda request, relationship, data: services.relationship_pause(
        actor=request.user, relationship=relationship, reason=data.get("reason", "")),
    "resume": lambda request, relationship, data: services.relationship_resume(
        actor=request.user, relationship=relationship),
    "start_closing": lambda request, relationship, data: services.relationship_start_closing(
        actor=request.user, relationship=relationship, kind=data.get("kind", ""), reason=data.get("reason", "")),
    "close": lambda request, relationship, data: services.relationship_close(
        actor=request.user, relationship=relationship, kind=data.get("kind", ""), reason=data.get("reason", "")),
    "cancel": lambda request, relationship, data: services.relationship_cancel(
        actor=request.user, relationship=relationship, reason=data.get("reason", "")),
}

_DONE = {
    "pause": _("The relationship is paused."), "resume": _("The relationship has resumed."),
    "start_closing": _("The ending has started: you will both be asked for a short exit survey."),
    "close": _("The relationship is closed."), "cancel": _("The relationship will not start."),
}


@login_required
@require_POST
def change_status(request, pk: int, action: str):
    access = access_relationship(request.user, pk)
    if action not in _ACTIONS:
        raise Http404(_("No such action."))
    try:
        _ACTIONS[action](request, access.relationship, request.POST)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _DONE[action])
        if action == "start_closing" and access.is_participant:
            return redirect("relationships:exit_survey", pk=pk)
    return redirect("relationships:detail", pk=pk)


@login_required
def rematch(request, pk: int):
    access = access_relationship(request.user, pk)
    relationship = access.relationship
    if not access.is_coordinator:
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied(_("Only a coordinator of the community can do this."))
    supporters = Membership.objects.filter(community=relationship.community, is_supporter=True,
                                           status=Membership.Status.ACTIVE).select_related("user")
    form = forms.RematchForm(request.POST or None, supporters=supporters)
    if request.method == "POST" and form.is_valid():
        supporter = supporters.filter(pk=form.cleaned_data["supporter"]).first()
        try:
            new = services.relationship_rematch(actor=request.user, relationship=relationship, supporter=supporter,
                                                reason=form.cleaned_data["reason"])
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("A new relationship is proposed; the previous one is kept in its history."))
            return redirect("relationships:detail", pk=new.pk)
    return redirect("relationships:detail", pk=pk)


@login_required
def session_new(request, pk: int):
    relationship = access_relationship_as_participant(request.user, pk)
    log = request.GET.get("log") == "1" or request.POST.get("mode") == "log"
    form_class = forms.LogForm if log else forms.ScheduleForm
    form = form_class(request.POST or None, initial={"held_on": timezone.localdate()} if log else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if log:
                try:
                    session = submit_once(
                        request, lambda: services.session_log(actor=request.user, relationship=relationship, **data),
                        outcome_url=lambda logged: reverse("relationships:session", args=[pk, logged.pk]))
                except AlreadySubmitted as repeat:
                    return already_sent(request, repeat, fallback=reverse("relationships:detail", args=[pk]))
                return _after_write(request, session.screenings, done=_("The session is logged. How did it go for you?"),
                                    next_url=reverse("relationships:session", args=[pk, session.pk]))
            services.session_schedule(actor=request.user, relationship=relationship, starts_at=form.starts_at(),
                                      planned_minutes=data["planned_minutes"], place=data["place"],
                                      online_link=data["online_link"])
        except ValidationError as error:
            form.apply_service_error(error)
        else:
            messages.success(request, _("The session is scheduled. We let the other person know."))
            return redirect("relationships:detail", pk=pk)
    return render(request, "relationships/session_new.html",
                  {"relationship": relationship, "form": form, "log": log})


@login_required
def session(request, pk: int, session_id: int):
    relationship, session = access_session(request.user, pk, session_id)
    log_form = forms.LogForm(initial={"held_on": timezone.localtime(session.starts_at).date(),
                                      "duration_minutes": session.planned_minutes,
                                      "kind": session.kind or (Session.Kind.VIDEO if session.online_link else Session.Kind.IN_PERSON)},
                             prefix="log")
    feedback_form = forms.FeedbackForm(prefix="feedback")
    if request.method == "POST":
        try:
            if request.POST.get("form") == "log":
                log_form = forms.LogForm(request.POST, prefix="log")
                if log_form.is_valid():
                    try:
                        logged = submit_once(request, lambda: services.session_log(
                            actor=request.user, relationship=relationship, session=session, **log_form.cleaned_data))
                    except AlreadySubmitted as repeat:
                        return already_sent(request, repeat,
                                             fallback=reverse("relationships:session", args=[pk, session.pk]))
                    return _after_write(request, logged.screenings,
                                        done=_("The session is logged. How did it go for you?"),
                                        next_url=reverse("relationships:session", args=[pk, session.pk]))
            elif request.POST.get("form") == "feedback":
                feedback_form = forms.FeedbackForm(request.POST, prefix="feedback")
                if feedback_form.is_valid():
                    feedback = services.session_feedback_give(actor=request.user, session=session,
                                                              **feedback_form.cleaned_data)
                    return _after_write(request, [feedback.screening], done=_("Thank you for your feedback."),
                                        next_url=reverse("relationships:detail", args=[pk]))
        except ValidationError as error:
            target = log_form if request.POST.get("form") == "log" else feedback_form
            target.apply_service_error(error)
    return render(request, "relationships/session.html", {
        "relationship": relationship, "session": session, "log_form": log_form, "feedback_form": feedback_form,
        "my_note": session.private_notes.filter(author=request.user).first(),
        "my_feedback": session.feedback.filter(author=request.user).first(),
    })


@login_required
@require_POST
def session_cancel(request, pk: int, session_id: int):
    _relationship, session = access_session(request.user, pk, session_id)
    try:
        services.session_cancel(actor=request.user, session=session)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The session is cancelled."))
    return redirect("relationships:detail", pk=pk)


def _event(session: Session, user):
    from ayni.relationships.ical import Event

    relationship = session.relationship
    other = relationship.other_membership(user).user
    return Event(uid=session.uid, starts_at=session.starts_at,
                 minutes=session.duration_minutes or session.planned_minutes,
                 summary=_("Ayni: session with %(name)s") % {"name": other.display_name},
                 location=session.place or session.online_link, url=session.online_link,
                 cancelled=session.status == Session.Status.CANCELLED)


@login_required
def session_ics(request, pk: int, session_id: int):
    from ayni.relationships.ical import calendar

    _relationship, session = access_session(request.user, pk, session_id)
    response = HttpResponse(calendar([_event(session, request.user)], name="Ayni"),
                            content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="ayni-session-{session.pk}.ics"'
    return response


@login_required
def calendar_page(request):
    if request.method == "POST":
        services.calendar_feed_regenerate(actor=request.user)
        messages.success(request, _("Your calendar address is new; the old one no longer works."))
        return redirect("relationships:calendar")
    feed = services.calendar_feed_for(request.user)
    url = settings.SITE_URL + reverse("relationships:calendar_feed", kwargs={"token": feed.token})
    return render(request, "relationships/calendar.html", {"feed_url": url})


def calendar_feed(request, token: str):
    """A person's sessions as a calendar feed, for calendar apps (no login: the address is the secret)."""
    from django.utils import translation

    from ayni.relationships.ical import calendar

    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if feed is None or not feed.user.is_active:
        raise Http404(_("No such calendar."))
    user = feed.user
    since = timezone.now() - timezone.timedelta(days=90)
    sessions = (Session.objects.filter(Q(relationship__seeker__user=user) | Q(relationship__supporter__user=user),
                                       starts_at__gte=since)
                .select_related("relationship__seeker__user", "relationship__supporter__user")
                .order_by("starts_at")[:500])
    with translation.override(user.language or None):
        text = calendar([_event(session, user) for session in sessions], name=_("Ayni sessions"))
    return HttpResponse(text, content_type="text/calendar; charset=utf-8")


@login_required
@require_POST
def goal_new(request, pk: int):
    relationship = access_relationship_as_participant(request.user, pk)
    form = forms.GoalForm(request.POST)
    if form.is_valid():
        try:
            services.goal_create(actor=request.user, relationship=relationship, title=form.cleaned_data["title"],
                                 description=form.cleaned_data["description"], milestones=form.milestone_list())
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The goal is saved."))
    else:
        for field_errors in form.errors.values():
            for message in field_errors:
                messages.error(request, message)
    return redirect("relationships:detail", pk=pk)


@login_required
def goal(request, pk: int, goal_id: int):
    relationship, goal = access_goal(request.user, pk, goal_id)
    progress_form = forms.ProgressForm(initial={"progress": goal.progress}, prefix="progress")
    milestone_form = forms.MilestoneForm(prefix="milestone")
    if request.method == "POST":
        kind = request.POST.get("form")
        try:
            if kind == "progress":
                progress_form = forms.ProgressForm(request.POST, prefix="progress")
                if progress_form.is_valid():
                    update = services.progress_update_add(actor=request.user, goal=goal, **progress_form.cleaned_data)
                    return _after_write(request, [update.screening], done=_("Progress saved."),
                                        next_url=reverse("relationships:goal", args=[pk, goal_id]))
            elif kind == "milestone":
                milestone_form = forms.MilestoneForm(request.POST, prefix="milestone")
                if milestone_form.is_valid():
                    services.milestone_add(actor=request.user, goal=goal, **milestone_form.cleaned_data)
                    messages.success(request, _("Milestone added."))
                    return redirect("relationships:goal", pk=pk, goal_id=goal_id)
            elif kind == "done":
                milestone = Milestone.objects.filter(goal=goal, pk=request.POST.get("milestone")).first()
                if milestone is None:
                    raise Http404(_("No such milestone."))
                services.milestone_set_done(actor=request.user, milestone=milestone,
                                            done=request.POST.get("done") == "1")
                return redirect("relationships:goal", pk=pk, goal_id=goal_id)
        except ValidationError as error:
            (milestone_form if kind == "milestone" else progress_form).apply_service_error(error)
    return render(request, "relationships/goal.html", {
        "relationship": relationship, "goal": goal, "milestones": goal.milestones.all(),
        "updates": goal.updates.select_related("author")[:50], "progress_form": progress_form,
        "milestone_form": milestone_form
    })


@login_required
def check_in(request, pk: int):
    relationship = access_relationship_as_participant(request.user, pk)
    pending = (CheckIn.objects.filter(relationship=relationship, user=request.user, answered_at__isnull=True)
               .order_by("-sequence").first())
    form = forms.CheckInForm(request.POST or None)
    if pending is None and request.method == "POST" and (repeat := submitted_before(request)):
        return already_sent(request, repeat, fallback=reverse("relationships:detail", args=[pk]))
    if pending is not None and request.method == "POST" and form.is_valid():
        try:
            answered = submit_once(request, lambda: services.check_in_answer(actor=request.user, check_in=pending,
                                                                             **form.cleaned_data))
        except AlreadySubmitted as repeat:
            return already_sent(request, repeat, fallback=reverse("relationships:detail", args=[pk]))
        except ValidationError as error:
            form.apply_service_error(error)
        else:
            return _after_write(request, [answered.screening], done=_("Thank you for answering the check-in."),
                                next_url=reverse("relationships:detail", args=[pk]))
    return render(request, "relationships/check_in.html",
                  {"relationship": relationship, "check_in": pending, "form": form,
                   "other": relationship.other_membership(request.user).user})


@login_required
def exit_survey(request, pk: int):
    relationship = access_relationship_as_participant(request.user, pk)
    goals = list(relationship.goals.all())
    done = relationship.exit_surveys.filter(user=request.user).exists()
    form = forms.ExitSurveyForm(request.POST or None, goals=goals)
    if not done and request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.exit_survey_submit(actor=request.user, relationship=relationship, helped=data["helped"],
                                        did_not_help=data["did_not_help"], would_continue=data["would_continue"],
                                        goal_ratings=form.goal_ratings())
        except ValidationError as error:
            form.apply_service_error(error)
        else:
            messages.success(request, _("Thank you. Your answers help the community support people better."))
            return redirect("relationships:detail", pk=pk)
    return render(request, "relationships/exit_survey.html",
                  {"relationship": relationship, "form": form, "done": done})


# Coordinators --------------------------------------------------------------------------------


@login_required
def community_overview(request, slug: str):
    community, _own = access_community_as_coordinator(request.user, slug)
    status = request.GET.get("status", "")
    relationships = (Relationship.objects.filter(community=community)
                     .select_related("seeker__user", "supporter__user").prefetch_related("topics")
                     .order_by("-created_at"))
    if status in Relationship.Status.values:
        relationships = relationships.filter(status=status)
    page = paginate(request, relationships)
    from ayni.relationships.monitoring import overdue_check_ins

    return render(request, "relationships/community.html", {
        "community": community, "page_obj": page, "relationships": page.object_list, "status": status,
        "statuses": Relationship.Status.choices, "overdue": overdue_check_ins(community)[:50],
    })


@login_required
def community_settings(request, slug: str):
    community, _own = access_community_as_coordinator(request.user, slug)
    monitoring = services.monitoring_settings_for(community)
    agreement_form = forms.AgreementTemplateForm(prefix="agreement", initial={
        "text_es": services.agreement_text(community, "es"), "text_en": services.agreement_text(community, "en")})
    monitoring_form = forms.MonitoringForm(prefix="monitoring", initial={
        field: getattr(monitoring, field) for field in forms.MonitoringForm.base_fields})
    if request.method == "POST":
        kind = request.POST.get("form")
        try:
            if kind == "agreement":
                agreement_form = forms.AgreementTemplateForm(request.POST, prefix="agreement")
                if agreement_form.is_valid():
                    services.agreement_template_update(actor=request.user, community=community,
                                                       **agreement_form.cleaned_data)
                    messages.success(request, _("The agreement is saved."))
                    return redirect("relationships:community_settings", slug=slug)
            elif kind == "monitoring":
                monitoring_form = forms.MonitoringForm(request.POST, prefix="monitoring")
                if monitoring_form.is_valid():
                    services.monitoring_settings_update(actor=request.user, community=community,
                                                        **monitoring_form.cleaned_data)
                    messages.success(request, _("The check-in settings are saved."))
                    return redirect("relationships:community_settings", slug=slug)
        except ValidationError as error:
            (agreement_form if kind == "agreement" else monitoring_form).apply_service_error(error)
    return render(request, "relationships/community_settings.html", {
        "community": community, "agreement_form": agreement_form, "monitoring_form": monitoring_form})


@login_required
def home(request):
    from ayni.relationships.home import home_page

    return home_page(request)



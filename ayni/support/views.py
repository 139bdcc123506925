from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ayni.communities.access import access_community_as_coordinator, access_community_as_member
from ayni.communities.models import Membership
from ayni.communities.selectors import topics_of
from ayni.core.pagination import paginate
from ayni.core.submissions import AlreadySubmitted, already_sent, submit_once
from ayni.support import access, forms, matching, selectors, services
from ayni.support.models import Proposal, SupportRequest


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def _show_screening(screening) -> bool:
    return screening is not None and getattr(screening, "level", "none") not in ("", "none")


# Seekers ---------------------------------------------------------------------------------------


@login_required
def mine(request):
    return render(request, "support/mine.html", {
        "requests_page": paginate(request, selectors.requests_of(request.user)),
        "proposals": selectors.proposals_of(request.user)[:20],
    })


def _request_form_initial(membership) -> dict:
    profile = getattr(membership.user, "profile", None)
    return {"language": get_language()[:2], "mode": getattr(profile, "meeting_mode", "online") or "online",
            "urgency": SupportRequest.Urgency.NORMAL, "choice": SupportRequest.Choice.PROPOSE}


@login_required
def request_create(request, slug: str):
    community, membership = access_community_as_member(request.user, slug)
    topics = list(topics_of(community))
    form = forms.RequestForm(request.POST or None, topics=topics, initial=_request_form_initial(membership))
    if request.method == "POST" and form.is_valid():
        try:
            support_request, screening = submit_once(
                request, lambda: services.request_create(actor=request.user, membership=membership,
                                                         **form.cleaned_data),
                outcome_url=lambda result: reverse("support:request_detail", args=[result[0].pk]))
        except AlreadySubmitted as repeat:
            return already_sent(request, repeat, fallback=reverse("support:mine"))
        except ValidationError as error:
            form.apply_service_error(error)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your request is saved. We will tell you as soon as someone is proposed."))
            if _show_screening(screening):
                return _render_request(request, support_request, coordinator=False, screening=screening)
            return redirect("support:request_detail", request_id=support_request.pk)
    return render(request, "support/request_form.html", {"community": community, "form": form, "editing": False})


def _render_request(request, support_request, *, coordinator: bool, screening=None):
    proposals = list(support_request.proposals.select_related("supporter__user").order_by("-created_at"))
    open_proposal = next((p for p in proposals if p.is_open), None)
    suggestions = []
    if (support_request.choice == SupportRequest.Choice.PICK and support_request.status == SupportRequest.Status.WAITING
            and not coordinator):
        suggestions = _suggestions_view(support_request)
    relationship = None
    if support_request.status in (SupportRequest.Status.MATCHED, SupportRequest.Status.CLOSED):
        relationship = selectors.relationship_of_request(support_request)
    return render(request, "support/request_detail.html", {
        "support_request": support_request, "community": support_request.community, "proposals": proposals,
        "relationship": relationship,
        "open_proposal": open_proposal, "suggestions": suggestions, "screening": screening,
        "show_screening": _show_screening(screening), "is_coordinator": coordinator,
    })


def _suggestions_view(support_request, limit: int | None = None) -> list[dict]:
    limit = limit or services.settings_for(support_request.community).suggestions_shown
    found = matching.suggestions_for(support_request, limit=limit)
    people = Membership.objects.select_related("user").in_bulk([s.supporter_id for s in found])
    names = matching.topic_names(support_request.community_id, get_language()[:2])
    shown = matching.Suggestions(
        {"supporter": people[s.supporter_id], "score": s.score,
         "explanation": matching.explain_reasons(s.reasons, names=names)} for s in found if s.supporter_id in people)
    shown.preparing = found.preparing  # the community's index is being built: say so
    return shown


@login_required
def request_detail(request, request_id: int):
    support_request, coordinator = access.access_request(request.user, request_id)
    if coordinator and support_request.seeker.user_id != request.user.pk:
        return redirect("support:coordinate_request", slug=support_request.community.slug, request_id=request_id)
    return _render_request(request, support_request, coordinator=False)


@login_required
def request_edit(request, request_id: int):
    support_request = access.access_own_request(request.user, request_id)
    topics = list(topics_of(support_request.community))
    initial = {field: getattr(support_request, field) for field in
               ("kinds", "situation", "language", "mode", "urgency", "prefer_similar_age", "prefer_same_gender",
                "choice")}
    initial["topics"] = [str(t.pk) for t in support_request.topics.all()]
    form = forms.RequestForm(request.POST or None, topics=topics, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            support_request, screening = services.request_update(actor=request.user, request=support_request,
                                                                 **form.cleaned_data)
        except ValidationError as error:
            form.apply_service_error(error)
        else:
            messages.success(request, _("Your request is updated."))
            if _show_screening(screening):
                return _render_request(request, support_request, coordinator=False, screening=screening)
            return redirect("support:request_detail", request_id=support_request.pk)
    return render(request, "support/request_form.html", {
        "community": support_request.community, "form": form, "editing": True, "support_request": support_request})


@login_required
@require_POST
def request_withdraw(request, request_id: int):
    support_request = access.access_own_request(request.user, request_id)
    try:
        services.request_withdraw(actor=request.user, request=support_request)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.info(request, _("Your request is withdrawn. You can ask again whenever you want."))
    return redirect("support:request_detail", request_id=request_id)


@login_required
@require_POST
def request_pick(request, request_id: int):
    support_request = access.access_own_request(request.user, request_id)
    supporter = Membership.objects.select_related("user").filter(
        community=support_request.community, pk=request.POST.get("supporter") or 0).first()
    if supporter is None:
        messages.error(request, _("That person is not available any more. Choose another suggestion."))
        return redirect("support:request_detail", request_id=request_id)
    reasons, score = [], 0
    for suggestion in matching.suggestions_for(support_request, limit=20):
        if suggestion.supporter_id == supporter.pk:
            reasons, score = suggestion.reasons, suggestion.score
    try:
        proposal = services.proposal_create(actor=request.user, request=support_request, supporter=supporter,
                                            score=score, reasons=reasons, origin=Proposal.Origin.PICKED)
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect("support:request_detail", request_id=request_id)
    messages.success(request, _("We asked %(name)s. You will hear as soon as they answer.")
                     % {"name": supporter.user.display_name})
    return redirect("support:proposal_detail", proposal_id=proposal.pk)


# Proposals -------------------------------------------------------------------------------------


def _proposal_context(proposal, side, **extra):
    return {"proposal": proposal, "side": side, "community": proposal.community,
            "view": selectors.proposal_view(proposal, "seeker" if side == "seeker" else "supporter"),
            "decline_form": extra.pop("decline_form", None) or forms.DeclineForm(),
            "question_form": extra.pop("question_form", None) or forms.QuestionForm(),
            "answer_form": forms.AnswerForm(), **extra}


@login_required
def proposal_detail(request, proposal_id: int):
    proposal, side = access.access_proposal(request.user, proposal_id)
    return render(request, "support/proposal_detail.html", _proposal_context(proposal, side))


@login_required
@require_POST
def proposal_action(request, proposal_id: int, action: str):
    proposal, side = access.access_proposal(request.user, proposal_id)
    if action not in {"accept", "decline", "ask"}:
        raise Http404(_("Unknown action. Use accept, decline or ask."))
    if side == "coordinator":
        raise PermissionDenied(_("Only the two people in this proposal can answer it."))
    try:
        if action == "accept":
            try:
                proposal = submit_once(request, lambda: services.proposal_accept(actor=request.user,
                                                                                 proposal=proposal))
            except AlreadySubmitted as repeat:
                return already_sent(request, repeat, fallback=reverse("support:proposal_detail",
                                                                       args=[proposal_id]))
            if proposal.status == Proposal.Status.ACCEPTED:
                messages.success(request, _("You both said yes. Your relationship can start!"))
            else:
                messages.success(request, _("Thank you. We are waiting for the other person's answer."))
        elif action == "decline":
            form = forms.DeclineForm(request.POST)
            if not form.is_valid():
                return render(request, "support/proposal_detail.html",
                              _proposal_context(proposal, side, decline_form=form), status=400)
            services.proposal_decline(actor=request.user, proposal=proposal, reason=form.cleaned_data["reason"])
            messages.info(request, _("Understood. Thank you for telling us why."))
        else:
            form = forms.QuestionForm(request.POST)
            if not form.is_valid():
                return render(request, "support/proposal_detail.html",
                              _proposal_context(proposal, side, question_form=form), status=400)
            services.proposal_ask(actor=request.user, proposal=proposal, question=form.cleaned_data["question"])
            messages.info(request, _("Your question is sent. The proposal stays open while you wait."))
    except ValidationError as error:
        messages.error(request, _error_text(error))
    return redirect("support:proposal_detail", proposal_id=proposal_id)


@login_required
@require_POST
def proposal_answer(request, proposal_id: int, question_id: int):
    question, _side = access.access_question(request.user, proposal_id, question_id)
    form = forms.AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write your answer."))
    else:
        try:
            services.proposal_question_answer(actor=request.user, question=question,
                                              answer=form.cleaned_data["answer"])
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, _("Your answer is sent."))
    return redirect("support:proposal_detail", proposal_id=proposal_id)


# Coordinators ----------------------------------------------------------------------------------


@login_required
def coordinate(request, slug: str):
    community, membership = access_community_as_coordinator(request.user, slug)
    current = services.settings_for(community)
    settings_form = forms.SettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and settings_form.is_valid():
        try:
            services.support_settings_update(actor=request.user, community=community, **{
                key: settings_form.cleaned_data[key] for key in services.SETTINGS_FIELDS})
        except ValidationError as error:
            settings_form.apply_service_error(error)
        else:
            messages.success(request, _("The support settings are saved."))
            return redirect("support:coordinate", slug=slug)
    status = request.GET.get("status", "")
    if status and status not in SupportRequest.Status.values:
        status = ""
    return render(request, "support/coordinate.html", {
        "community": community, "membership": membership, "settings_form": settings_form, "status": status,
        "requests_page": paginate(request, selectors.requests_for_coordinator(community, status=status)),
        "open_proposals": selectors.open_proposals_for_coordinator(community)[:50],
        "rounds": selectors.rounds_of(community)[:10], "statuses": SupportRequest.Status.choices,
    })


@login_required
def coordinate_request(request, slug: str, request_id: int):
    community, membership = access_community_as_coordinator(request.user, slug)
    support_request, _coordinator = access.access_request(request.user, request_id)
    if support_request.community_id != community.pk:
        raise Http404(_("No such request."))
    if request.method == "POST":
        supporter = Membership.objects.select_related("user").filter(
            community=community, pk=request.POST.get("supporter") or 0).first()
        if supporter is None:
            messages.error(request, _("Choose a supporter of this community."))
        else:
            reasons, score = [], 0
            for suggestion in matching.suggestions_for(support_request, limit=20):
                if suggestion.supporter_id == supporter.pk:
                    reasons, score = suggestion.reasons, suggestion.score
            try:
                services.proposal_create(actor=request.user, request=support_request, supporter=supporter,
                                         score=score, reasons=reasons, origin=Proposal.Origin.MANUAL)
            except ValidationError as error:
                messages.error(request, _error_text(error))
            else:
                messages.success(request, _("%(name)s is proposed. Both will be asked.")
                                 % {"name": supporter.user.display_name})
                return redirect("support:coordinate_request", slug=slug, request_id=request_id)
    proposals = list(support_request.proposals.select_related("supporter__user").order_by("-created_at"))
    suggestions = _suggestions_view(support_request, limit=10) if support_request.status == "waiting" else []
    return render(request, "support/coordinate_request.html", {
        "community": community, "membership": membership, "support_request": support_request,
        "proposals": proposals, "suggestions": suggestions,
    })


@login_required
@require_POST
def round_start(request, slug: str):
    community, _membership = access_community_as_coordinator(request.user, slug)
    try:
        matching_round = services.round_start(actor=request.user, community=community)
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect("support:coordinate", slug=slug)
    return redirect("support:round_detail", slug=slug, round_id=matching_round.pk)


def _round_context(request, matching_round):
    language = get_language()[:2]
    names = matching.topic_names(matching_round.community_id, language)
    request_ids = [entry["request"] for entry in matching_round.pairs] + [
        entry["request"] for entry in matching_round.unmatched]
    requests = SupportRequest.objects.select_related("seeker__user").in_bulk(request_ids)
    supporters = Membership.objects.select_related("user").in_bulk([e["supporter"] for e in matching_round.pairs])
    vetoed = {tuple(p) for p in matching_round.vetoed_pairs}
    locked = {tuple(p) for p in matching_round.locked_pairs}
    pairs = []
    for entry in matching_round.pairs:
        key = (entry["request"], entry["supporter"])
        pairs.append({**entry, "seeker_name": getattr(requests.get(entry["request"]), "seeker", None)
                      and requests[entry["request"]].seeker.user.display_name,
                      "supporter_name": getattr(supporters.get(entry["supporter"]), "user", None)
                      and supporters[entry["supporter"]].user.display_name,
                      "explanation": matching.explain_reasons(entry.get("reasons", []), language, names=names),
                      "is_vetoed": key in vetoed, "is_locked": key in locked})
    return {"community": matching_round.community, "round": matching_round, "pairs": pairs,
            "unmatched": matching.unmatched_groups(matching_round, language),
            "proposals_to_publish": sum(1 for pair in pairs if not pair["is_vetoed"])}


@login_required
def round_detail(request, slug: str, round_id: int):
    matching_round = access.access_round(request.user, slug, round_id)
    if request.htmx and matching_round.is_working:
        return render(request, "support/partials/round_progress.html", {"round": matching_round,
                                                                         "community": matching_round.community})
    if request.htmx:
        # Finished while the page polled: reload the whole page to show the preview.
        response = render(request, "support/partials/round_progress.html", {
            "round": matching_round, "community": matching_round.community})
        response["HX-Refresh"] = "true"
        return response
    return render(request, "support/round_detail.html", _round_context(request, matching_round))


@login_required
@require_POST
def round_action(request, slug: str, round_id: int, action: str):
    matching_round = access.access_round(request.user, slug, round_id)
    try:
        if action in {"lock", "veto", "clear"}:
            try:
                request_id, supporter_id = int(request.POST.get("request", "")), int(request.POST.get("supporter", ""))
            except ValueError:
                raise ValidationError(_("Choose a pair of the preview.")) from None
            services.round_set_pair(actor=request.user, matching_round=matching_round, request_id=request_id,
                                    supporter_id=supporter_id, action=action)
        elif action == "rerun":
            services.round_rerun(actor=request.user, matching_round=matching_round)
        elif action == "publish":
            created = services.round_publish(actor=request.user, matching_round=matching_round)
            messages.success(request, ngettext("Published: %(count)d proposal was sent.",
                                               "Published: %(count)d proposals were sent.", len(created))
                             % {"count": len(created)})
            return redirect("support:coordinate", slug=slug)
        elif action == "cancel":
            services.round_cancel(actor=request.user, matching_round=matching_round)
            return redirect("support:coordinate", slug=slug)
        else:
            raise Http404(_("Unknown action."))
    except ValidationError as error:
        messages.error(request, _error_text(error))
    return redirect(reverse("support:round_detail", kwargs={"slug": slug, "round_id": round_id}))


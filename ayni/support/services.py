"""Writes for requests, proposals and matching rounds. Each one checks permission, validates,
audits and is atomic; notifications go out once the transaction commits."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ayni.communities.models import Community, Membership, Topic
from ayni.core.audit import audit_log
from ayni.notifications.services import notify
from ayni.people.models import MeetingMode
from ayni.support import capacity, integrations, rules
from ayni.support.models import (
    MatchingRound,
    Proposal,
    ProposalQuestion,
    SupportKind,
    SupportRequest,
    SupportSettings,
)

REQUEST_FIELDS = ("kinds", "topics", "situation", "language", "mode", "urgency", "prefer_similar_age",
                  "prefer_same_gender", "choice")
SETTINGS_FIELDS = ("proposal_expiry_days", "avoid_same_group", "avoid_reporting_line", "suggestions_shown")


def _after_commit(callback) -> None:
    """Side effects (notifications, queued work) once the change is committed. A failing one is
    logged, never turned into an error for a change that is already saved."""
    transaction.on_commit(callback, robust=True)


# Settings ------------------------------------------------------------------------------------


def settings_for(community: Community) -> SupportSettings:
    """The community's support settings; the defaults (unsaved) when nobody changed them."""
    found = SupportSettings.objects.filter(community=community).first()
    return found or SupportSettings(community=community)


def support_settings_update(*, actor, community: Community, **fields) -> SupportSettings:
    if not _is_coordinator(actor, community):
        raise PermissionDenied(_("Only the community's coordinators can do this."))
    unknown = set(fields) - set(SETTINGS_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown setting: %(name)s.") % {"name": ", ".join(sorted(unknown))})
    with transaction.atomic():
        current, _created = SupportSettings.objects.select_for_update().get_or_create(community=community)
        for key, value in fields.items():
            setattr(current, key, value)
        current.full_clean(exclude=["community"])
        current.save()
        audit_log(actor=actor, action="support.settings_update", target=current, community=community,
                  details={key: value for key, value in fields.items()})
    return current


# Requests ------------------------------------------------------------------------------------


def _is_coordinator(user, community) -> bool:
    return Membership.objects.filter(community=community, user=user, is_coordinator=True,
                                     status=Membership.Status.ACTIVE).exists()


def coordinators_of(community) -> list:
    return [m.user for m in Membership.objects.filter(
        community=community, is_coordinator=True, status=Membership.Status.ACTIVE).select_related("user")]


def _clean_request(community: Community, data: dict) -> tuple[dict, list[Topic]]:
    errors: dict[str, list[str]] = {}
    kinds = list(dict.fromkeys(data.get("kinds") or []))
    if not kinds:
        errors["kinds"] = [_("Choose at least one kind of support.")]
    elif set(kinds) - set(SupportKind.values):
        errors["kinds"] = [_("Unknown kind of support. Use emotional, practical or social.")]
    topic_ids = []
    for topic in data.get("topics") or []:
        topic_ids.append(topic.pk if isinstance(topic, Topic) else topic)
    topics = []
    if not topic_ids:
        errors["topics"] = [_("Choose at least one topic.")]
    else:
        try:
            wanted = {int(pk) for pk in topic_ids}
        except (TypeError, ValueError):
            wanted = set()
        topics = list(Topic.objects.filter(community=community, is_archived=False, pk__in=wanted))
        if not wanted or len(topics) != len(wanted):
            errors["topics"] = [_("One of the topics does not exist in this community.")]
    situation = (data.get("situation") or "").strip()
    if len(situation) < 10:
        errors["situation"] = [_("Tell us a little about your situation (at least 10 characters).")]
    elif len(situation) > 3000:
        errors["situation"] = [_("Please keep it under 3,000 characters.")]
    language = (data.get("language") or "").strip().lower()
    if not language or len(language) > 8 or not language.replace("-", "").isalpha():
        errors["language"] = [_("Give a language code, for example es or en.")]
    mode = data.get("mode") or MeetingMode.ONLINE
    if mode not in MeetingMode.values:
        errors["mode"] = [_("Choose online, in person, or either.")]
    urgency = data.get("urgency") or SupportRequest.Urgency.NORMAL
    if urgency not in SupportRequest.Urgency.values:
        errors["urgency"] = [_("Choose low, normal or high.")]
    choice = data.get("choice") or SupportRequest.Choice.PROPOSE
    if choice not in SupportRequest.Choice.values:
        errors["choice"] = [_("Choose propose or pick.")]
    if errors:
        raise ValidationError(errors)
    from ayni.support.matching import request_terms

    cleaned = {"kinds": kinds, "situation": situation, "terms": request_terms(situation) or [], "language": language, "mode": mode, "urgency": urgency,
               "choice": choice, "prefer_similar_age": bool(data.get("prefer_similar_age")),
               "prefer_same_gender": bool(data.get("prefer_same_gender"))}
    return cleaned, topics


def _screen(request: SupportRequest, actor):
    screening = integrations.screen_text(author=actor, text=request.situation, community=request.community,
                                         source="support.request", source_id=request.pk)
    if screening is not None:
        level = getattr(screening, "level", "") or ""
        SupportRequest.objects.filter(pk=request.pk).update(screening_level=level)
        request.screening_level = level
    return screening


def request_create(*, actor, membership: Membership, **data) -> tuple[SupportRequest, object]:
    """A seeker asks for support. Returns the request and the safety screening of its text
    (None when there is no safety check): resources to show at once; nothing is blocked."""
    if membership.user_id != actor.pk:
        raise PermissionDenied(_("You can only ask for support for yourself."))
    if membership.status != Membership.Status.ACTIVE:
        raise PermissionDenied(_("Only active members of this community can see this."))
    cleaned, topics = _clean_request(membership.community, data)
    with transaction.atomic():
        if not membership.is_seeker:
            # Asking is how someone becomes a seeker here; the role is theirs to take.
            Membership.objects.filter(pk=membership.pk).update(is_seeker=True)
            membership.is_seeker = True
        request = SupportRequest.objects.create(community=membership.community, seeker=membership,
                                                status=SupportRequest.Status.WAITING, **cleaned)
        request.topics.set(topics)
        audit_log(actor=actor, action="support.request_create", target=request, community=membership.community,
                  details={"topics": [t.key for t in topics], "kinds": cleaned["kinds"], "choice": cleaned["choice"]})
    screening = _screen(request, actor)
    _after_commit(lambda: _tell_coordinators_of_request(request))
    return request, screening


def _tell_coordinators_of_request(request: SupportRequest) -> None:
    if request.choice != SupportRequest.Choice.PROPOSE:
        return
    for coordinator in coordinators_of(request.community):
        notify(coordinator, "support.request_new", community=request.community,
               context={"name": request.seeker.user.display_name},
               url=f"/support/{request.community.slug}/coordinate/requests/{request.pk}/")


def request_update(*, actor, request: SupportRequest, **data) -> tuple[SupportRequest, object]:
    if request.seeker.user_id != actor.pk:
        raise PermissionDenied(_("Only the person who asked can change this request."))
    if not request.is_open and request.status != SupportRequest.Status.DRAFT:
        raise ValidationError(_("This request is no longer open, so it cannot be changed."))
    cleaned, topics = _clean_request(request.community, data)
    text_changed = cleaned["situation"] != request.situation
    with transaction.atomic():
        for key, value in cleaned.items():
            setattr(request, key, value)
        request.save(update_fields=[*cleaned.keys(), "updated_at"])
        request.topics.set(topics)
        audit_log(actor=actor, action="support.request_update", target=request, community=request.community,
                  details={"fields": sorted(cleaned), "text_changed": text_changed})
    screening = _screen(request, actor) if text_changed else None
    return request, screening


def request_withdraw(*, actor, request: SupportRequest) -> SupportRequest:
    if request.seeker.user_id != actor.pk and not _is_coordinator(actor, request.community):
        raise PermissionDenied(_("Only the person who asked can withdraw this request."))
    now = timezone.now()
    with transaction.atomic():
        changed = SupportRequest.objects.filter(pk=request.pk, status__in=SupportRequest.OPEN_STATUSES).update(
            status=SupportRequest.Status.WITHDRAWN, withdrawn_at=now, updated_at=now)
        if not changed:
            raise ValidationError(_("This request is no longer open."))
        open_proposals = list(Proposal.objects.filter(request=request, status=Proposal.Status.OPEN)
                              .select_related("supporter__user"))
        Proposal.objects.filter(request=request, status=Proposal.Status.OPEN).update(
            status=Proposal.Status.WITHDRAWN, closed_at=now)
        audit_log(actor=actor, action="support.request_withdraw", target=request, community=request.community,
                  details={"proposals_withdrawn": [p.pk for p in open_proposals]})
    request.refresh_from_db()
    for proposal in open_proposals:
        _after_commit(lambda proposal=proposal: notify(
            proposal.supporter.user, "support.proposal_withdrawn", community=request.community,
            context={"name": request.seeker.user.display_name}))
    return request


def requests_close_for_relationship(*, relationship, actor=None) -> list[int]:
    """The relationship a request led to has ended: its request(s) close too.

    A rematch keeps the request matched (the seeker goes on with someone else); only the end of
    the last relationship in the chain closes it, so this follows `rematched_from` back to the
    relationship that the accepted proposal started. Called by the relationships app's status
    signal inside the closing transaction; returns the ids of the requests it closed.
    """
    if relationship.status != "closed":
        return []
    now = timezone.now()
    if relationship.started_at is None and relationship.rematched_from_id is None:
        # It never started (the agreement was declined): the seeker still needs support, so the
        # request goes back to the queue, keeping its place by its waiting time.
        return _move_matched_requests(
            relationship=relationship, chain=[relationship.pk], actor=actor, action="support.request_reopen",
            updates={"status": SupportRequest.Status.WAITING, "closed_at": None, "updated_at": now},
            details={"relationship": relationship.pk, "reason": "did_not_start"})
    chain, current, seen = [], relationship, set()
    while current is not None and current.pk not in seen:
        seen.add(current.pk)
        chain.append(current.pk)
        current = current.rematched_from
    return _move_matched_requests(
        relationship=relationship, chain=chain, actor=actor, action="support.request_close",
        updates={"status": SupportRequest.Status.CLOSED, "closed_at": relationship.closed_at or now, "updated_at": now},
        details={"relationship": relationship.pk, "kind": relationship.closure_kind})


def _move_matched_requests(*, relationship, chain, actor, action: str, updates: dict, details: dict) -> list[int]:
    """Move the matched requests whose accepted proposal started a relationship of ``chain``;
    each move is a conditional update (a concurrent call moves a request once) with its audit row."""
    with transaction.atomic():
        request_ids = list(SupportRequest.objects.filter(
            proposals__relationship_id__in=chain, proposals__status=Proposal.Status.ACCEPTED,
            status=SupportRequest.Status.MATCHED).values_list("pk", flat=True).distinct())
        moved = []
        for request_id in request_ids:
            if not SupportRequest.objects.filter(pk=request_id, status=SupportRequest.Status.MATCHED).update(**updates):
                continue  # moved by a concurrent call
            moved.append(request_id)
            audit_log(actor=actor, action=action, target=SupportRequest(pk=request_id),
                      community=relationship.community_id, details=details)
    return moved


# Proposals -----------------------------------------------------------------------------------


def proposal_create(*, actor, request: SupportRequest, supporter: Membership, score: int = 0,
                    reasons=None, origin: str = Proposal.Origin.MANUAL, matching_round=None,
                    notify_people: bool = True) -> Proposal:
    """Propose `supporter` to the seeker of `request`. Every hard rule is checked here, whatever
    the path (round, pick, manual, next best): a pair that breaks one is refused."""
    community = request.community
    if actor is not None:
        own = request.seeker.user_id == actor.pk
        if origin == Proposal.Origin.PICKED and not own:
            raise PermissionDenied(_("Only the person who asked can pick a suggestion."))
        if origin != Proposal.Origin.PICKED and not _is_coordinator(actor, community):
            raise PermissionDenied(_("Only the community's coordinators can do this."))
    if not request.is_open:
        raise ValidationError(_("This request is no longer open."))
    problems = rules.pair_problems(request, supporter)
    if problems:
        raise ValidationError(problems)
    expiry_days = settings_for(community).proposal_expiry_days
    now = timezone.now()
    with transaction.atomic():
        if Proposal.objects.filter(request=request, status=Proposal.Status.OPEN).exists():
            raise ValidationError(_("This request already has an open proposal."))
        try:
            with transaction.atomic():
                proposal = Proposal.objects.create(
                    community=community, request=request, seeker=request.seeker, supporter=supporter,
                    score=max(0, min(100, round(score or 0))), reasons=list(reasons or []), origin=origin,
                    matching_round=matching_round, created_by=actor, created_at=now,
                    expires_at=now + timedelta(days=expiry_days),
                )
        except IntegrityError:
            # Two proposals for one request at the same moment: the constraint keeps one.
            raise ValidationError(_("This request already has an open proposal.")) from None
        SupportRequest.objects.filter(pk=request.pk).update(status=SupportRequest.Status.PROPOSED, updated_at=now)
        request.status = SupportRequest.Status.PROPOSED
        audit_log(actor=actor, action="support.proposal_create", target=proposal, community=community,
                  details={"request": request.pk, "supporter": supporter.pk, "score": proposal.score,
                           "origin": origin, "round": getattr(matching_round, "pk", None)})
    if notify_people:
        _after_commit(lambda: _tell_both_of_proposal(proposal))
    return proposal


def _proposal_url(proposal: Proposal) -> str:
    return f"/support/proposals/{proposal.pk}/"


def _tell_both_of_proposal(proposal: Proposal) -> None:
    seeker_user = proposal.seeker.user
    supporter_user = proposal.supporter.user
    notify(seeker_user, "support.proposal_new", community=proposal.community,
           context={"name": supporter_user.display_name}, url=_proposal_url(proposal))
    notify(supporter_user, "support.proposal_new", community=proposal.community,
           context={"name": seeker_user.display_name}, url=_proposal_url(proposal))


def _side(actor, proposal: Proposal) -> str:
    if proposal.seeker.user_id == actor.pk:
        return "seeker"
    if proposal.supporter.user_id == actor.pk:
        return "supporter"
    raise PermissionDenied(_("Only the two people in this proposal can answer it."))


def proposal_accept(*, actor, proposal: Proposal) -> Proposal:
    """One side says yes. A supporter's yes takes one of their places at once, settled by the
    database (a locked membership row and a conditional update), so two yeses racing for the
    last place never both succeed. When both said yes, the relationship starts."""
    side = _side(actor, proposal)
    now = timezone.now()
    answer_field = f"{side}_answer"
    with transaction.atomic():
        if side == "supporter":
            # PostgreSQL: row lock; SQLite: the IMMEDIATE transaction already serialises writers.
            supporter = Membership.objects.select_for_update().get(pk=proposal.supporter_id)
            if supporter.status != Membership.Status.ACTIVE or not supporter.is_supporter:
                raise ValidationError(_("You are not an active supporter in this community any more."))
            if capacity.free_places(supporter) <= 0:
                raise ValidationError(_("You have no free place right now. Raise your capacity or finish "
                                        "a relationship first."))
        changed = (Proposal.objects.filter(pk=proposal.pk, status=Proposal.Status.OPEN)
                   .exclude(**{answer_field: Proposal.Answer.ACCEPTED})
                   .update(**{answer_field: Proposal.Answer.ACCEPTED, f"{side}_answered_at": now}))
        if not changed:
            raise ValidationError(_("This proposal is no longer open, or you already accepted it."))
        proposal.refresh_from_db()
        both = (proposal.seeker_answer == Proposal.Answer.ACCEPTED
                and proposal.supporter_answer == Proposal.Answer.ACCEPTED)
        relationship = None
        if both:
            closed = Proposal.objects.filter(pk=proposal.pk, status=Proposal.Status.OPEN).update(
                status=Proposal.Status.ACCEPTED, closed_at=now)
            if not closed:
                raise ValidationError(_("This proposal is no longer open."))
            relationship = integrations.relationship_start(
                actor=actor, seeker=proposal.seeker, supporter=proposal.supporter,
                topics=rules.shared_topics(proposal.request, proposal.supporter),
                note=_("Started from proposal %(id)s.") % {"id": proposal.pk})
            Proposal.objects.filter(pk=proposal.pk).update(relationship_id=getattr(relationship, "pk", None))
            SupportRequest.objects.filter(pk=proposal.request_id).update(
                status=SupportRequest.Status.MATCHED, matched_at=now, updated_at=now)
        audit_log(actor=actor, action="support.proposal_accept", target=proposal, community=proposal.community,
                  details={"side": side, "both": both, "relationship": getattr(relationship, "pk", None)})
    proposal.refresh_from_db()
    _after_commit(lambda: _tell_of_acceptance(proposal, side, both))
    return proposal


def _tell_of_acceptance(proposal: Proposal, side: str, both: bool) -> None:
    other = proposal.supporter.user if side == "seeker" else proposal.seeker.user
    me = proposal.seeker.user if side == "seeker" else proposal.supporter.user
    if both:
        for person, partner in ((proposal.seeker.user, proposal.supporter.user),
                                (proposal.supporter.user, proposal.seeker.user)):
            notify(person, "support.proposal_matched", community=proposal.community,
                   context={"name": partner.display_name}, url=_proposal_url(proposal))
        for coordinator in coordinators_of(proposal.community):
            notify(coordinator, "support.proposal_matched_coordinator", community=proposal.community,
                   context={"seeker": proposal.seeker.user.display_name,
                            "supporter": proposal.supporter.user.display_name}, email=False)
    else:
        notify(other, "support.proposal_accepted", community=proposal.community,
               context={"name": me.display_name}, url=_proposal_url(proposal))


def proposal_decline(*, actor, proposal: Proposal, reason: str) -> Proposal:
    """One side says no, with a reason only coordinators read. A supporter's no moves the
    seeker on to the next best supporter when the seeker left the choice to Ayni."""
    side = _side(actor, proposal)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Please tell the coordinators why (only they will read it).")]})
    if len(reason) > 1000:
        raise ValidationError({"reason": [_("Please keep it under 1,000 characters.")]})
    now = timezone.now()
    with transaction.atomic():
        changed = Proposal.objects.filter(pk=proposal.pk, status=Proposal.Status.OPEN).update(
            status=Proposal.Status.DECLINED, declined_by=side, decline_reason=reason, closed_at=now,
            **{f"{side}_answer": Proposal.Answer.DECLINED, f"{side}_answered_at": now})
        if not changed:
            raise ValidationError(_("This proposal is no longer open."))
        SupportRequest.objects.filter(pk=proposal.request_id, status=SupportRequest.Status.PROPOSED).update(
            status=SupportRequest.Status.WAITING, updated_at=now)
        audit_log(actor=actor, action="support.proposal_decline", target=proposal, community=proposal.community,
                  details={"side": side})
    proposal.refresh_from_db()
    _after_commit(lambda: _after_decline(proposal, side))
    return proposal


def _after_decline(proposal: Proposal, side: str) -> None:
    other = proposal.supporter.user if side == "seeker" else proposal.seeker.user
    notify(other, "support.proposal_declined", community=proposal.community, url=_proposal_url(proposal))
    for coordinator in coordinators_of(proposal.community):
        notify(coordinator, "support.proposal_declined_coordinator", community=proposal.community,
               context={"seeker": proposal.seeker.user.display_name,
                        "supporter": proposal.supporter.user.display_name},
               url=f"/support/{proposal.community.slug}/coordinate/requests/{proposal.request_id}/", email=False)
    if side == "supporter":
        request = SupportRequest.objects.select_related("seeker__user", "community").get(pk=proposal.request_id)
        if request.choice == SupportRequest.Choice.PROPOSE:
            proposal_next_best(request=request)


def proposal_ask(*, actor, proposal: Proposal, question: str) -> ProposalQuestion:
    """'I need more information': a question to the other side and the coordinators, not a no."""
    side = _side(actor, proposal)
    question = (question or "").strip()
    if not question:
        raise ValidationError({"question": [_("Write your question.")]})
    if len(question) > 1000:
        raise ValidationError({"question": [_("Please keep it under 1,000 characters.")]})
    if not proposal.is_open:
        raise ValidationError(_("This proposal is no longer open."))
    with transaction.atomic():
        asked = ProposalQuestion.objects.create(proposal=proposal, asked_by=side, text=question)
        Proposal.objects.filter(pk=proposal.pk, status=Proposal.Status.OPEN, **{
            f"{side}_answer": Proposal.Answer.PENDING}).update(**{f"{side}_answer": Proposal.Answer.NEEDS_INFO})
        audit_log(actor=actor, action="support.proposal_ask", target=proposal, community=proposal.community,
                  details={"side": side, "question": asked.pk})
    proposal.refresh_from_db()
    other = proposal.supporter.user if side == "seeker" else proposal.seeker.user
    _after_commit(lambda: [
        notify(person, "support.proposal_question", community=proposal.community,
               context={"name": actor.display_name}, url=_proposal_url(proposal))
        for person in [other, *coordinators_of(proposal.community)]])
    return asked


def proposal_question_answer(*, actor, question: ProposalQuestion, answer: str) -> ProposalQuestion:
    proposal = question.proposal
    try:
        side = _side(actor, proposal)
    except PermissionDenied:
        if not _is_coordinator(actor, proposal.community):
            raise
        side = "coordinator"
    if side == question.asked_by:
        raise PermissionDenied(_("The other person or a coordinator answers this question."))
    answer = (answer or "").strip()
    if not answer:
        raise ValidationError({"answer": [_("Write your answer.")]})
    with transaction.atomic():
        changed = ProposalQuestion.objects.filter(pk=question.pk, answered_at__isnull=True).update(
            answer=answer[:2000], answered_at=timezone.now())
        if not changed:
            raise ValidationError(_("This question already has an answer."))
        audit_log(actor=actor, action="support.proposal_answer", target=proposal, community=proposal.community,
                  details={"question": question.pk, "by": side})
    question.refresh_from_db()
    asker = proposal.seeker.user if question.asked_by == "seeker" else proposal.supporter.user
    _after_commit(lambda: notify(asker, "support.proposal_answer", community=proposal.community,
                                         context={"name": actor.display_name}, url=_proposal_url(proposal)))
    return question


def proposal_next_best(*, request: SupportRequest, actor=None, wait: bool = False) -> Proposal | None:
    """Propose the best supporter not yet proposed for this request, if any. Tells coordinators.
    ``wait``: background callers build the community's suggestion index if there is none yet."""
    from ayni.support import matching

    if request.status != SupportRequest.Status.WAITING:
        return None
    tried = set(Proposal.objects.filter(request=request).values_list("supporter_id", flat=True))
    created = None
    for suggestion in matching.suggestions_for(request, limit=10, exclude=tried, wait=wait):
        supporter = Membership.objects.select_related("user").get(pk=suggestion.supporter_id)
        try:
            created = proposal_create(actor=None, request=request, supporter=supporter, score=suggestion.score,
                                      reasons=suggestion.reasons, origin=Proposal.Origin.NEXT)
        except ValidationError:
            continue
        break
    audit_log(actor=actor, action="support.proposal_next_best", target=request, community=request.community,
              details={"proposal": getattr(created, "pk", None)})
    return created


def proposals_expire(*, now=None) -> int:
    """The periodic job: close proposals nobody answered in time, move each seeker on to the
    next best supporter, and tell the coordinators. Each proposal is claimed by a conditional
    update, so two hosts never expire it twice."""
    now = now or timezone.now()
    due = list(Proposal.objects.filter(status=Proposal.Status.OPEN, expires_at__lte=now)
               .values_list("pk", flat=True)[:500])
    expired = 0
    for proposal_id in due:
        with transaction.atomic():
            claimed = Proposal.objects.filter(pk=proposal_id, status=Proposal.Status.OPEN,
                                              expires_at__lte=now).update(status=Proposal.Status.EXPIRED,
                                                                          closed_at=now)
            if not claimed:
                continue
            proposal = Proposal.objects.select_related("request__community", "request__seeker__user",
                                                       "supporter__user", "community").get(pk=proposal_id)
            SupportRequest.objects.filter(pk=proposal.request_id, status=SupportRequest.Status.PROPOSED).update(
                status=SupportRequest.Status.WAITING, updated_at=now)
            audit_log(actor=None, action="support.proposal_expire", target=proposal, community=proposal.community,
                      details={"request": proposal.request_id})
            request = SupportRequest.objects.select_related("seeker__user", "community").get(pk=proposal.request_id)
            following = proposal_next_best(request=request, wait=True) if request.choice == SupportRequest.Choice.PROPOSE else None
            expired += 1
            _after_commit(lambda proposal=proposal, following=following: _tell_of_expiry(proposal, following))
    return expired


def _tell_of_expiry(proposal: Proposal, following: Proposal | None) -> None:
    seeker = proposal.seeker.user
    next_name = following.supporter.user.display_name if following else ""
    for coordinator in coordinators_of(proposal.community):
        notify(coordinator, "support.proposal_expired" if following else "support.proposal_expired_nobody",
               community=proposal.community,
               context={"seeker": seeker.display_name, "supporter": proposal.supporter.user.display_name,
                        "next": next_name},
               url=f"/support/{proposal.community.slug}/coordinate/requests/{proposal.request_id}/")
    notify(proposal.supporter.user, "support.proposal_expired_supporter", community=proposal.community,
           context={"name": seeker.display_name}, email=False)


def request_ids_waiting(community) -> list[int]:
    return list(SupportRequest.objects.filter(community=community, status=SupportRequest.Status.WAITING)
                .values_list("pk", flat=True))


# Matching rounds -----------------------------------------------------------------------------


def round_start(*, actor, community: Community) -> MatchingRound:
    """A coordinator starts a round; the engine runs in the background and fills the preview."""
    if not _is_coordinator(actor, community):
        raise PermissionDenied(_("Only the community's coordinators can do this."))
    with transaction.atomic():
        if MatchingRound.objects.filter(community=community, status__in=[
                MatchingRound.Status.QUEUED, MatchingRound.Status.RUNNING]).exists():
            raise ValidationError(_("A round is already running in this community. Wait for it to finish."))
        matching_round = MatchingRound.objects.create(community=community, started_by=actor)
        audit_log(actor=actor, action="support.round_start", target=matching_round, community=community)
    _queue_round(matching_round)
    return matching_round


def _queue_round(matching_round: MatchingRound) -> None:
    from ayni.support.tasks import run_matching_round

    _after_commit(lambda: run_matching_round.enqueue(matching_round.pk))


def round_set_pair(*, actor, matching_round: MatchingRound, request_id: int, supporter_id: int,
                   action: str) -> MatchingRound:
    """Lock a pair (kept in every re-run), veto it (never proposed), or clear either."""
    if not _is_coordinator(actor, matching_round.community):
        raise PermissionDenied(_("Only the community's coordinators can do this."))
    if action not in {"lock", "veto", "clear"}:
        raise ValidationError(_("Unknown action. Use lock, veto or clear."))
    pair = [int(request_id), int(supporter_id)]
    with transaction.atomic():
        current = MatchingRound.objects.select_for_update().get(pk=matching_round.pk)
        if current.status != MatchingRound.Status.PREVIEW:
            raise ValidationError(_("Pairs can only be changed while the round waits for review."))
        if action == "lock":
            problems = rules.pair_problems(
                SupportRequest.objects.get(pk=pair[0], community=current.community),
                Membership.objects.get(pk=pair[1], community=current.community))
            if problems:
                raise ValidationError(problems)
        locked = [p for p in current.locked_pairs if p != pair]
        vetoed = [p for p in current.vetoed_pairs if p != pair]
        if action == "lock":
            locked.append(pair)
        elif action == "veto":
            vetoed.append(pair)
        current.locked_pairs, current.vetoed_pairs = locked, vetoed
        for entry in current.pairs:
            if [entry["request"], entry["supporter"]] == pair:
                entry["locked"] = action == "lock"
                entry["vetoed"] = action == "veto"
        current.save(update_fields=["locked_pairs", "vetoed_pairs", "pairs"])
        audit_log(actor=actor, action=f"support.round_{action}", target=current, community=current.community,
                  details={"request": pair[0], "supporter": pair[1]})
    return current


def round_rerun(*, actor, matching_round: MatchingRound) -> MatchingRound:
    if not _is_coordinator(actor, matching_round.community):
        raise PermissionDenied(_("Only the community's coordinators can do this."))
    with transaction.atomic():
        changed = MatchingRound.objects.filter(pk=matching_round.pk, status__in=[
            MatchingRound.Status.PREVIEW, MatchingRound.Status.FAILED]).update(
            status=MatchingRound.Status.QUEUED, progress=0, step="", error="")
        if not changed:
            raise ValidationError(_("This round cannot be run again now."))
        audit_log(actor=actor, action="support.round_rerun", target=matching_round,
                  community=matching_round.community)
    matching_round.refresh_from_db()
    _queue_round(matching_round)
    return matching_round


def round_publish(*, actor, matching_round: MatchingRound) -> list[Proposal]:
    """Create every proposal of the preview in one transaction: all of them or none. Only one
    of two coordinators publishing the same round succeeds (conditional update of its status)."""
    community = matching_round.community
    if not _is_coordinator(actor, community):
        raise PermissionDenied(_("Only the community's coordinators can do this."))
    now = timezone.now()
    with transaction.atomic():
        claimed = MatchingRound.objects.filter(pk=matching_round.pk, status=MatchingRound.Status.PREVIEW).update(
            status=MatchingRound.Status.PUBLISHED, published_at=now, published_by=actor)
        if not claimed:
            raise ValidationError(_("This round was already published or is not ready."))
        current = MatchingRound.objects.get(pk=matching_round.pk)
        vetoed = {tuple(p) for p in current.vetoed_pairs}
        entries = [e for e in current.pairs if (e["request"], e["supporter"]) not in vetoed]
        requests = SupportRequest.objects.select_related("seeker__user", "community").in_bulk(
            [e["request"] for e in entries])
        supporters = Membership.objects.select_related("user").in_bulk([e["supporter"] for e in entries])
        created = []
        for entry in entries:
            request, supporter = requests.get(entry["request"]), supporters.get(entry["supporter"])
            if request is None or supporter is None:
                raise ValidationError(_("Someone in this preview is no longer in the community. Run the round again."))
            if not request.is_open or request.status != SupportRequest.Status.WAITING:
                raise ValidationError(_("A request in this preview is no longer waiting (%(name)s). Run the round "
                                        "again.") % {"name": request.seeker.user.display_name})
            created.append(proposal_create(actor=actor, request=request, supporter=supporter,
                                           score=entry.get("score", 0), reasons=entry.get("reasons", []),
                                           origin=Proposal.Origin.ROUND, matching_round=current))
        audit_log(actor=actor, action="support.round_publish", target=current, community=community,
                  details={"proposals": len(created)})
    return created


def round_cancel(*, actor, matching_round: MatchingRound) -> MatchingRound:
    if not _is_coordinator(actor, matching_round.community):
        raise PermissionDenied(_("Only the community's coordinators can do this."))
    with transaction.atomic():
        changed = MatchingRound.objects.filter(pk=matching_round.pk).filter(
            Q(status=MatchingRound.Status.PREVIEW) | Q(status=MatchingRound.Status.FAILED)).update(
            status=MatchingRound.Status.CANCELLED)
        if not changed:
            raise ValidationError(_("This round cannot be cancelled now."))
        audit_log(actor=actor, action="support.round_cancel", target=matching_round,
                  community=matching_round.community)
    matching_round.refresh_from_db()
    return matching_round

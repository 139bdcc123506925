"""The matching engine (``ayni.matching.engine``), fed from the database in bulk.

People become the engine's plain ``Seeker`` and ``Supporter`` objects with a handful of
queries per community (never one per person); the engine applies the hard rules in bulk and
scores; ``rules.pair_problems`` checks every pair again before a proposal is written.

Ids given to the engine: a seeker is a *request* ("r12"), a supporter a *membership* ("m7"):
two name spaces, since the engine treats equal ids as the same person.
"""

import logging
import pickle
import threading
import time
import zlib
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language

from ayni.communities.models import Membership
from ayni.people import domain
from ayni.people.models import Experience, Need, Profile
from ayni.support import capacity, integrations, semantic
from ayni.support.models import MatchingRound, Proposal, SupportRequest

logger = logging.getLogger("ayni.support.matching")

ENGINE_MODES = {"online": "online", "in_person": "in-person", "either": "either"}


def seeker_key(request_id: int) -> str:
    return f"r{request_id}"


def supporter_key(membership_id: int) -> str:
    return f"m{membership_id}"


def key_id(key: str) -> int:
    return int(str(key)[1:])


@dataclass(frozen=True)
class Suggestion:
    supporter_id: int
    score: int
    reasons: list = field(default_factory=list)


def engine():
    import ayni.matching.engine as matching_engine

    return matching_engine


def request_terms(text: str) -> list[str] | None:
    """The stemmed terms of a request's text, stored with it so a round does not compute them."""
    try:
        from ayni.matching.engine import text as engine_text
    except ImportError:
        return None
    return list(engine_text.terms(text))


# Explanations --------------------------------------------------------------------------------


def topic_names(community_id: int, language: str) -> dict[str, str]:
    from ayni.communities.models import Topic

    field_name = "name_en" if language.startswith("en") else "name_es"
    return dict(Topic.objects.filter(community_id=community_id).values_list("key", field_name))


def explain_reasons(reasons, language: str | None = None, *, names: dict | None = None) -> list[str]:
    """The engine's structured reasons as sentences in the reader's language."""
    language = (language or get_language() or "es")[:2]
    language = language if language in {"es", "en"} else "es"
    if not reasons:
        return []
    try:
        explain = engine().explain
    except ImportError:
        return []
    try:
        return explain(list(reasons), language, topic_names=names)
    except (KeyError, TypeError, ValueError):
        logger.warning("reasons that cannot be explained: %r", reasons)
        return []


# Building the engine's inputs ----------------------------------------------------------------


def _profile(membership) -> Profile:
    try:
        return membership.user.profile
    except Profile.DoesNotExist:
        return Profile(user=membership.user)


def _age(profile: Profile, today) -> int | None:
    age = domain.approximate_age(date_of_birth=profile.date_of_birth, age_band=profile.age_band, today=today)
    return int(age) if age is not None else None


SUPPORTER_FIELDS = ("pk", "user_id", "capacity", "group", "reports_to_id", "away_until", "user__display_name",
                    "user__profile__languages", "user__profile__city", "user__profile__area",
                    "user__profile__meeting_mode", "user__profile__availability", "user__profile__date_of_birth",
                    "user__profile__age_band", "user__profile__gender")


def build_supporters(community) -> list:
    """Every active supporter of the community as the engine's Supporter: plain rows, a few bulk
    queries, no model instance per person (20,000 supporters build in seconds)."""
    Supporter = engine().Supporter
    today = timezone.localdate()
    rows = [dict(zip(SUPPORTER_FIELDS, row, strict=True)) for row in Membership.objects.filter(
        community=community, is_supporter=True, status=Membership.Status.ACTIVE).order_by("pk").values_list(
        *SUPPORTER_FIELDS)]
    # Light memberships (ids and capacity only) for the bulk helpers of training and capacity.
    light = [Membership(pk=row["pk"], user_id=row["user_id"], community_id=community.pk, capacity=row["capacity"])
             for row in rows]
    ids = [row["pk"] for row in rows]
    free = capacity.free_places_map(light)
    occupied = integrations.occupied_places(ids)
    eligibility = integrations.eligibility_map(light)
    majority = integrations.age_of_majority(community)
    lived: dict[int, list[tuple]] = {}
    for membership_id, key, story, started, ended in Experience.objects.filter(
            membership__community=community, membership__is_supporter=True).values_list(
            "membership_id", "topic__key", "story", "started_on", "ended_on"):
        lived.setdefault(membership_id, []).append((key, story, started, ended))
    wants: dict[int, list[str]] = {}
    for membership_id, key in Need.objects.filter(membership__community=community,
                                                  membership__is_supporter=True).values_list(
            "membership_id", "topic__key"):
        wants.setdefault(membership_id, []).append(key)
    vectors = {}
    if semantic.enabled():  # stored embeddings of the experiences (computed in the worker)
        vectors = semantic.vectors_for(semantic.SUPPORTER, {
            pk: "\n".join(story for _key, story, _started, _ended in stories) for pk, stories in lived.items()})
    supporters = []
    for row in rows:
        pk = row["pk"]
        experiences = lived.get(pk, [])
        status = eligibility.get(pk)
        birth, band = row["user__profile__date_of_birth"], row["user__profile__age_band"] or ""
        minor = domain.is_minor(date_of_birth=birth, age_band=band, today=today, age_of_majority=majority)
        age = domain.approximate_age(date_of_birth=birth, age_band=band, today=today)
        away = row["away_until"] is not None and row["away_until"] >= today
        supporters.append(Supporter(
            id=supporter_key(pk), name=row["user__display_name"],
            languages=row["user__profile__languages"] or [], topics=[key for key, *_rest in experiences],
            availability=[slot for slot in row["user__profile__availability"] or [] if slot in domain.SLOTS],
            mode=ENGINE_MODES.get(row["user__profile__meeting_mode"] or "online", "online"),
            city=row["user__profile__city"] or "", area=row["user__profile__area"] or "", group=row["group"],
            reports_to=supporter_key(row["reports_to_id"]) if row["reports_to_id"] else "",
            minor=minor is None or bool(minor),  # an unknown age never counts as adult
            age=int(age) if age is not None else None, gender=row["user__profile__gender"] or "",
            experience="\n".join(story for _key, story, _started, _ended in experiences),
            experience_since={key: ended or started for key, _story, started, ended in experiences
                              if (ended or started)},
            capacity=free.get(pk, 0), load=occupied.get(pk, 0),
            eligible=bool(status and status.eligible) and not away,
            vetted=bool(status and status.may_support_minors),
            wants_topics=wants.get(pk, []), vector=vectors.get(pk),
        ))
    return supporters


def build_seekers(requests) -> list:
    """Requests as the engine's Seeker objects, in bulk."""
    Seeker = engine().Seeker
    today = timezone.localdate()
    requests = list(requests)
    shared = {}
    for request in requests:
        community = shared.setdefault(request.community_id, request.community)
        request.seeker.community = community  # one instance: per-community settings are read once
    seeker_ids = {r.seeker_id for r in requests}
    can_support: dict[int, list[str]] = {}
    for membership_id, key in Experience.objects.filter(membership_id__in=seeker_ids).values_list(
            "membership_id", "topic__key"):
        can_support.setdefault(membership_id, []).append(key)
    vectors = {}
    if semantic.enabled():
        vectors = semantic.vectors_for(semantic.REQUEST, {r.pk: r.situation for r in requests})
    seekers = []
    for request in requests:
        membership = request.seeker
        profile = _profile(membership)
        seekers.append(Seeker(
            id=seeker_key(request.pk), name=membership.user.display_name,
            languages=sorted({request.language, *(profile.languages or [])} - {""}),
            topics=[topic.key for topic in request.topics.all()],
            availability=[slot for slot in profile.availability or [] if slot in domain.SLOTS],
            mode=ENGINE_MODES.get(request.mode, "online"), city=profile.city, area=profile.area,
            group=membership.group,
            reports_to=supporter_key(membership.reports_to_id) if membership.reports_to_id else "",
            minor=integrations.is_minor(membership), age=_age(profile, today), gender=profile.gender,
            about=request.situation, terms=tuple(request.terms) if request.terms else None,
            waiting_since=timezone.localtime(request.waiting_since).date(),
            prefers_similar_age=request.prefer_similar_age, prefers_same_gender=request.prefer_same_gender,
            can_support=can_support.get(membership.pk, []), vector=vectors.get(request.pk),
        ))
    return seekers


def forbidden_pairs(community, requests, supporters, *, supporter_ids=None) -> set[tuple[str, str]]:
    """Pairs the engine must never propose: the same person, blocks, relationships that ended
    badly, people already paired, earlier proposals for the same request, and the reporting
    line when the community avoids it. Linear in people plus exclusions (no all-pairs loop)."""
    from ayni.support.services import settings_for

    settings = settings_for(community)
    requests = list(requests)
    supporter_ids = supporter_ids if supporter_ids is not None else {key_id(s.id) for s in supporters}
    if len(requests) == 1:  # one seeker: only their own blocks (an indexed query)
        seeker_user = requests[0].seeker.user
        blocked = {frozenset((seeker_user.pk, other)) for other in integrations.blocked_by(seeker_user)}
    else:
        blocked = integrations.blocked_user_pairs(community)
    rows = Membership.objects.filter(community=community).order_by()  # no join for the default ordering
    if len(requests) == 1:
        # One request (suggestions): only the rows that can concern its seeker, not the whole community.
        seeker = requests[0].seeker
        blocked_users = {user for pair in blocked if seeker.user_id in pair for user in pair}
        rows = rows.filter(Q(pk=seeker.pk) | Q(pk=seeker.reports_to_id) | Q(reports_to_id=seeker.pk)
                           | Q(user_id__in=blocked_users))
    rows = list(rows.values_list("pk", "user_id", "reports_to_id"))
    membership_of_user = {user_id: pk for pk, user_id, _boss in rows}
    partners: dict[int, set[int]] = {}  # membership -> memberships never to pair with

    def link(first: int | None, second: int | None) -> None:
        if first and second:
            partners.setdefault(first, set()).add(second)
            partners.setdefault(second, set()).add(first)

    for pair in blocked:
        users = list(pair)
        if len(users) == 2:
            link(membership_of_user.get(users[0]), membership_of_user.get(users[1]))
    for pair in integrations.ended_badly_pairs(community) | _paired_memberships(community, requests):
        members = list(pair)
        if len(members) == 2:
            link(members[0], members[1])
    if settings.avoid_reporting_line:
        for pk, _user_id, boss in rows:
            link(pk, boss)
    tried: dict[int, set[int]] = {}
    for request_id, supporter_id in Proposal.objects.filter(request__in=[r.pk for r in requests]).values_list(
            "request_id", "supporter_id"):
        tried.setdefault(request_id, set()).add(supporter_id)
    forbidden = set()
    for request in requests:
        bad = {request.seeker_id, *tried.get(request.pk, ()), *partners.get(request.seeker_id, ())}
        for supporter_id in bad & supporter_ids:
            forbidden.add((seeker_key(request.pk), supporter_key(supporter_id)))
    return forbidden


def _paired_memberships(community, requests=()) -> set[frozenset[int]]:
    """Seeker-supporter memberships in a relationship now (never proposed to each other again)."""
    try:
        from ayni.relationships.models import Relationship
    except ImportError:
        return set()
    rows = Relationship.objects.filter(community=community).exclude(status__in=["closed", "rematched"])
    if requests:
        rows = rows.filter(seeker_id__in={r.seeker_id for r in requests})
    rows = rows.values_list("seeker_id", "supporter_id")
    return {frozenset(row) for row in rows}


def same_group_rule(community) -> str:
    from ayni.support.services import settings_for

    return "forbid" if settings_for(community).avoid_same_group else "ignore"


# The supporter index per community, for suggestions in milliseconds ---------------------------
#
# Building the index reads every supporter of the community (seconds for tens of thousands), so
# the worker builds it: when supporters' data changes (signals.py queues a refresh) and on a
# schedule (``index_refresh_due``). The stored copy (SuggestionIndex) is loaded once per process
# and kept while its version holds. A request never builds a large index: with no index yet it
# queues the build and answers "being prepared" (``Suggestions.preparing``).

SYNC_BUILD_MAX_SUPPORTERS = 300  # small communities are indexed on the spot (milliseconds)
INDEX_MAX_AGE = timedelta(minutes=30)  # the scheduled job rebuilds older indexes

_INDEX_CACHE: dict[int, tuple[int, object, list, set]] = {}
_INDEX_LOCK = threading.Lock()


class Suggestions(list):
    """A list of Suggestion; ``preparing`` is true while the community's index is being built."""

    preparing = False


def _pack(index, supporters, ids) -> bytes:
    return zlib.compress(pickle.dumps((index, supporters, ids), protocol=pickle.HIGHEST_PROTOCOL), 1)


def _unpack(data) -> tuple:
    return pickle.loads(zlib.decompress(bytes(data)))  # noqa: S301 - written only by index_refresh


def index_refresh(community_id: int) -> int:
    """Build and store a community's supporter index (the worker's task). Returns its version.

    The stale mark is cleared before reading, so a change during the build marks it again and
    queues one more refresh; concurrent builds are harmless (the last one stored wins)."""
    from ayni.communities.models import Community
    from ayni.support.models import SuggestionIndex

    community = Community.objects.filter(pk=community_id).first()
    if community is None:
        return 0
    started = time.perf_counter()
    SuggestionIndex.objects.get_or_create(community_id=community.pk)
    SuggestionIndex.objects.filter(community_id=community.pk).update(stale=False)
    today = timezone.localdate()
    supporters = build_supporters(community)
    index = engine().SupporterIndex(supporters, today=today)
    ids = {key_id(s.id) for s in supporters}
    data = _pack(index, supporters, ids)
    with transaction.atomic():
        row = SuggestionIndex.objects.select_for_update().get(community_id=community.pk)
        row.version += 1
        row.data, row.built_at, row.built_for = data, timezone.now(), today
        row.supporters_count, row.seconds = len(supporters), round(time.perf_counter() - started, 3)
        row.save(update_fields=["version", "data", "built_at", "built_for", "supporters_count", "seconds"])
    with _INDEX_LOCK:
        _INDEX_CACHE[community.pk] = (row.version, index, supporters, ids)
    logger.info("suggestion index of community %s: %s supporters in %.2f s", community.pk, len(supporters),
                row.seconds)
    return row.version


def index_queue_refresh(community_ids) -> list[int]:
    """Mark the communities' indexes stale and queue one refresh each (after the commit).
    A community whose index is already stale has its refresh queued: nothing more is queued."""
    from ayni.support.models import SuggestionIndex

    community_ids = set(community_ids)
    if not community_ids:
        return []
    due = list(SuggestionIndex.objects.filter(community_id__in=community_ids, stale=False)
               .values_list("community_id", flat=True))
    if due:
        SuggestionIndex.objects.filter(community_id__in=due).update(stale=True)
        transaction.on_commit(lambda: _enqueue_refresh(due))
    return due


def _enqueue_refresh(community_ids) -> None:
    from ayni.support.tasks import refresh_suggestion_index

    for community_id in community_ids:
        refresh_suggestion_index.enqueue(community_id)


def index_refresh_due(*, now=None) -> int:
    """The periodic job: build the index of every community with supporters that has none, a
    stale one, one built for an earlier day or one older than INDEX_MAX_AGE. Returns how many."""
    from ayni.support.models import SuggestionIndex

    now = now or timezone.now()
    with_supporters = set(Membership.objects.filter(is_supporter=True, status=Membership.Status.ACTIVE)
                          .values_list("community_id", flat=True).distinct())
    fresh = set(SuggestionIndex.objects.filter(
        stale=False, version__gt=0, built_for=timezone.localdate(now), built_at__gte=now - INDEX_MAX_AGE)
        .values_list("community_id", flat=True))
    done = 0
    for community_id in sorted(with_supporters - fresh):
        index_refresh(community_id)
        done += 1
    return done


def supporter_index(community, *, wait: bool = False):
    """The engine's SupporterIndex for a community, its Supporter list and their membership ids,
    or None while the worker builds it. The stored index is loaded once per process and kept
    while its version holds (one small query per call). With no index yet, a small community
    (or ``wait``) is indexed now; a large one gets a refresh queued. Whatever changes quickly
    (free places, status, away dates) is checked again on the few supporters a suggestion
    returns; every proposal checks every hard rule again (rules.pair_problems)."""
    from ayni.support.models import SuggestionIndex

    stored = SuggestionIndex.objects.filter(community_id=community.pk).values_list("version", flat=True).first()
    cached = _INDEX_CACHE.get(community.pk)
    if stored and cached and cached[0] == stored:
        return cached[1:]
    if stored:
        with _INDEX_LOCK:
            cached = _INDEX_CACHE.get(community.pk)
            if cached and cached[0] == stored:
                return cached[1:]
            row = SuggestionIndex.objects.filter(community_id=community.pk).values_list("version", "data").first()
            if row and row[0]:
                index, supporters, ids = _unpack(row[1])
                _INDEX_CACHE[community.pk] = (row[0], index, supporters, ids)
                return index, supporters, ids
    if wait or _supporters_count(community) <= SYNC_BUILD_MAX_SUPPORTERS:
        index_refresh(community.pk)
        return _INDEX_CACHE[community.pk][1:]
    if cached:  # an index this process built or loaded earlier: better than nothing
        return cached[1:]
    row, created = SuggestionIndex.objects.get_or_create(community_id=community.pk)
    if created or not row.stale:
        SuggestionIndex.objects.filter(pk=row.pk).update(stale=True)
        transaction.on_commit(lambda: _enqueue_refresh([community.pk]))
    return None


def _supporters_count(community) -> int:
    return Membership.objects.filter(community=community, is_supporter=True,
                                     status=Membership.Status.ACTIVE).count()


def forget_index(community_id: int | None = None) -> None:
    """Drop the stored and in-memory indexes (all, or one community's): rebuilt on next use."""
    from ayni.support.models import SuggestionIndex

    rows = SuggestionIndex.objects.all()
    if community_id is None:
        _INDEX_CACHE.clear()
    else:
        _INDEX_CACHE.pop(community_id, None)
        rows = rows.filter(community_id=community_id)
    rows.delete()


def suggestions_for(request, *, limit: int = 5, exclude=(), wait: bool = False) -> Suggestions:
    """The best supporters for one request, best first, with their reasons (as dicts).

    Empty with ``preparing`` set while the community's index is being built in the worker
    (background callers pass ``wait=True`` to build it themselves)."""
    try:
        matching_engine = engine()
    except ImportError:
        return Suggestions()
    community = request.community
    built = supporter_index(community, wait=wait)
    if built is None:
        preparing = Suggestions()
        preparing.preparing = True
        return preparing
    index, supporters, supporter_ids = built
    if not supporters:
        return Suggestions()
    seeker = build_seekers([request])[0]
    forbidden = forbidden_pairs(community, [request], supporters, supporter_ids=supporter_ids)
    forbidden |= {(seeker_key(request.pk), supporter_key(pk)) for pk in exclude}
    pairs = matching_engine.suggest(seeker, index, n=limit * 3 + 5, forbidden_pairs=forbidden,
                                    same_group=same_group_rule(community), today=timezone.localdate())
    # The index may be a few minutes old: status, away dates, training (a certification may
    # have expired since) and places are checked now.
    today = timezone.localdate()
    members = {pk: m for pk, m in Membership.objects.in_bulk([key_id(p.supporter_id) for p in pairs]).items()
               if m.status == Membership.Status.ACTIVE and m.is_supporter and not m.is_away(today)}
    trained = integrations.eligibility_map(members.values())
    members = {pk: m for pk, m in members.items() if trained.get(pk) is not None and trained[pk].eligible}
    free = capacity.free_places_map(members.values())
    found = Suggestions()
    for pair in pairs:
        supporter_id = key_id(pair.supporter_id)
        if supporter_id not in members or free.get(supporter_id, 0) <= 0:
            continue
        found.append(Suggestion(supporter_id=supporter_id, score=round(pair.score),
                                reasons=[reason.as_dict() for reason in pair.reasons]))
        if len(found) >= limit:
            break
    return found


# Matching rounds -----------------------------------------------------------------------------

PHASES = {"prepare": (30, 40), "candidates": (40, 70), "solve": (70, 95)}


def _set_progress(round_id: int, progress: int, step: str) -> None:
    MatchingRound.objects.filter(pk=round_id).update(progress=progress, step=step)


def round_run(round_id: int) -> int:
    """Run a queued round: claim it, build inputs, solve, and store the preview. Returns the
    number of pairs. A round is claimed by a conditional update, so it runs once."""
    # A round still RUNNING here was left by a worker that died mid-run: its task was put back
    # in the queue by core.requeue_orphaned_tasks, and this run takes it over and starts again.
    # Nothing of the dead run was kept: the preview is written in one final update.
    claimed = MatchingRound.objects.filter(
        pk=round_id, status__in=[MatchingRound.Status.QUEUED, MatchingRound.Status.RUNNING]).update(
        status=MatchingRound.Status.RUNNING, progress=5, step="load")
    if not claimed:
        return 0
    matching_round = MatchingRound.objects.select_related("community", "started_by").get(pk=round_id)
    community = matching_round.community
    try:
        matching_engine = engine()
        requests = list(SupportRequest.objects.filter(community=community, status=SupportRequest.Status.WAITING,
                                                      choice=SupportRequest.Choice.PROPOSE)
                        .select_related("seeker__user", "seeker__user__profile", "seeker__community").prefetch_related("topics"))
        seekers = build_seekers(requests)
        _set_progress(round_id, 15, "load")
        supporters = build_supporters(community)
        _set_progress(round_id, 30, "prepare")
        last = [0.0]

        def progress(phase: str, fraction: float) -> None:
            low, high = PHASES.get(phase, (30, 95))
            now = time.monotonic()
            if now - last[0] > 0.3 or fraction >= 1:
                last[0] = now
                _set_progress(round_id, int(low + (high - low) * max(0.0, min(1.0, fraction))), phase)

        result = matching_engine.solve(
            seekers, supporters,
            locked=[(seeker_key(request_id), supporter_key(supporter_id))
                    for request_id, supporter_id in matching_round.locked_pairs],
            vetoed=[(seeker_key(request_id), supporter_key(supporter_id))
                    for request_id, supporter_id in matching_round.vetoed_pairs],
            forbidden_pairs=forbidden_pairs(community, requests, supporters),
            same_group=same_group_rule(community), progress=progress, today=timezone.localdate())
        by_request = {r.pk: r for r in requests}
        locked = {tuple(pair) for pair in matching_round.locked_pairs}
        pairs = []
        for pair in result.pairs:
            request = by_request[key_id(pair.seeker_id)]
            supporter_id = key_id(pair.supporter_id)
            pairs.append({"request": request.pk, "seeker": request.seeker_id, "supporter": supporter_id,
                          "score": round(pair.score), "reasons": [r.as_dict() for r in pair.reasons],
                          "locked": bool(pair.locked) or (request.pk, supporter_id) in locked,
                          "vetoed": False})
        unmatched = [{"request": key_id(seeker_id), "seeker": by_request[key_id(seeker_id)].seeker_id,
                      "reason": reason.as_dict()} for seeker_id, reason in sorted(result.unmatched.items())]
        with transaction.atomic():
            MatchingRound.objects.filter(pk=round_id, status=MatchingRound.Status.RUNNING).update(
                status=MatchingRound.Status.PREVIEW, progress=100, step="done", pairs=pairs, unmatched=unmatched,
                seekers_count=len(seekers), supporters_count=len(supporters), finished_at=timezone.now(),
                runs=matching_round.runs + 1, error="")
    except Exception as error:
        logger.exception("matching round %s failed", round_id)
        MatchingRound.objects.filter(pk=round_id).update(
            status=MatchingRound.Status.FAILED, error=f"{error.__class__.__name__}: {error}"[:2000],
            finished_at=timezone.now())
        return 0
    if matching_round.started_by is not None:
        from ayni.notifications.services import notify

        notify(matching_round.started_by, "support.round_ready", community=community, email=False,
               url=f"/support/{community.slug}/coordinate/rounds/{round_id}/")
    return len(pairs)


def unmatched_groups(matching_round: MatchingRound, language: str | None = None) -> list[dict]:
    """The round's unmatched seekers grouped by reason, largest first, explained."""
    groups: dict[str, dict] = {}
    names = topic_names(matching_round.community_id, (language or get_language() or "es")[:2])
    for entry in matching_round.unmatched:
        reason = entry["reason"]
        key = repr(sorted(reason.items()))
        group = groups.setdefault(key, {"reason": reason, "count": 0, "requests": []})
        group["count"] += 1
        group["requests"].append(entry["request"])
    ordered = sorted(groups.values(), key=lambda g: (-g["count"], repr(g["reason"])))
    for group in ordered:
        sentences = explain_reasons([group["reason"]], language, names=names)
        group["text"] = sentences[0] if sentences else group["reason"].get("code", "")
    return ordered

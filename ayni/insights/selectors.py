"""Reads behind the coordinator's dashboard, outcomes, network and report pages.

Every figure is a function ``figure_<name>(community, period) -> dict`` computed with a few
aggregate queries (never one per person or per month). Callers check that the reader
coordinates ``community`` first (``ayni.communities.access.access_community_as_coordinator``).

Counts that leave the coordinator's own lists (charts, tables, the report, CSV files) go
through ``mask`` (a single count) or ``analytics.stats.suppress`` (a table): nothing under 5
people is shown. The lists behind the figures (``members_behind``) show the people themselves,
to the coordinator only.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from ayni.communities.models import Community, Membership, Topic
from ayni.insights.analytics import stats
from ayni.insights.models import MEASURES, Occasion, SurveyAssignment

THRESHOLD = 5


# --------------------------------------------------------------------------- periods


@dataclass(frozen=True)
class Period:
    """A run of whole months, ``start`` (first day) to ``end`` (last day), both included."""

    key: str
    start: dt.date
    end: dt.date

    @property
    def months(self) -> list[dt.date]:
        months, month = [], self.start.replace(day=1)
        while month <= self.end:
            months.append(month)
            month = _next_month(month)
        return months

    @property
    def start_at(self) -> dt.datetime:
        return _aware(self.start)

    @property
    def end_at(self) -> dt.datetime:
        """The first moment after the period."""
        return _aware(self.end + dt.timedelta(days=1))

    def label(self) -> str:
        from django.utils.formats import date_format

        return _("%(start)s to %(end)s") % {"start": date_format(self.start, "SHORT_DATE_FORMAT"),
                                             "end": date_format(self.end, "SHORT_DATE_FORMAT")}


def _aware(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _next_month(month: dt.date) -> dt.date:
    return (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def _month_end(month: dt.date) -> dt.date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


PERIOD_PATTERN = re.compile(r"^(?:(?P<months>\d{1,2})m|(?P<year>\d{4})(?:-q(?P<quarter>[1-4]))?)$")


def period_from(value: str | None, *, today: dt.date | None = None) -> Period:
    """``12m`` (default: the last twelve months including this one), ``6m``, ``2026`` or ``2026-q3``.

    Anything else gives the default, so a mistyped link still shows a page.
    """
    today = today or timezone.localdate()
    match = PERIOD_PATTERN.match((value or "").strip().lower())
    if match and match["year"]:
        year = int(match["year"])
        if 2000 <= year <= today.year + 1:
            if match["quarter"]:
                first = dt.date(year, 3 * int(match["quarter"]) - 2, 1)
                return Period(f"{year}-q{match['quarter']}", first, _month_end(first.replace(month=first.month + 2)))
            return Period(str(year), dt.date(year, 1, 1), dt.date(year, 12, 31))
    months = int(match["months"]) if match and match["months"] else 12
    months = min(max(months, 1), 36)
    start = today.replace(day=1)
    for _i in range(months - 1):
        start = (start - dt.timedelta(days=1)).replace(day=1)
    return Period(f"{months}m", start, _month_end(today))


def period_choices(*, today: dt.date | None = None) -> list[tuple[str, str]]:
    today = today or timezone.localdate()
    choices = [("12m", _("Last 12 months")), ("6m", _("Last 6 months")), ("24m", _("Last 24 months"))]
    quarter = (today.month - 1) // 3 + 1
    year = today.year
    for _i in range(4):
        choices.append((f"{year}-q{quarter}", _("Quarter %(quarter)s of %(year)s") % {"quarter": quarter, "year": year}))
        quarter -= 1
        if quarter == 0:
            quarter, year = 4, year - 1
    choices += [(str(today.year), str(today.year)), (str(today.year - 1), str(today.year - 1))]
    return choices


# --------------------------------------------------------------------------- suppression


def mask(count: int | None) -> int | None:
    """One count as it may be published: None (shown as "under 5") for 1 to 4 people.

    A zero is shown: on its own it describes nobody. Tables with totals use ``stats.suppress``.
    """
    if count is None:
        return None
    return None if 0 < count < THRESHOLD else count


def masked_series(values: list[int]) -> list[int | None]:
    return [mask(value) for value in values]


# --------------------------------------------------------------------------- members


ROLES = ("seeker", "supporter", "coordinator")


def _alive_at(moment: dt.datetime) -> Q:
    """Members at ``moment``: joined before it and still active, or left/suspended after it.

    Memberships keep no history of status changes, so the moment someone left is taken as the
    last change of their membership (``updated_at``): a close approximation, documented.
    """
    return Q(joined_at__lt=moment) & (
        Q(status=Membership.Status.ACTIVE)
        | Q(status__in=[Membership.Status.LEFT, Membership.Status.SUSPENDED], updated_at__gte=moment)
    )


def figure_members_by_role(community: Community, period: Period) -> dict:
    """Members by role at the end of each month, and now. One query."""
    months = period.months
    now = timezone.now()
    aggregates = {}
    for index, month in enumerate(months):
        moment = min(_aware(_month_end(month) + dt.timedelta(days=1)), now)
        alive = _alive_at(moment)
        aggregates[f"all_{index}"] = Count("pk", filter=alive)
        for role in ROLES:
            aggregates[f"{role}_{index}"] = Count("pk", filter=alive & Q(**{f"is_{role}": True}))
    active = Q(status=Membership.Status.ACTIVE)
    aggregates["now_all"] = Count("pk", filter=active)
    aggregates["pending"] = Count("pk", filter=Q(status=Membership.Status.PENDING))
    for role in ROLES:
        aggregates[f"now_{role}"] = Count("pk", filter=active & Q(**{f"is_{role}": True}))
    row = Membership.objects.filter(community=community).aggregate(**aggregates)
    series = {role: [row[f"{role}_{index}"] for index in range(len(months))] for role in ("all", *ROLES)}
    return {
        "months": months,
        "series": {role: masked_series(values) for role, values in series.items()},
        "now": {role: mask(row[f"now_{role}"]) for role in ("all", *ROLES)},
        "pending": mask(row["pending"]),
        "joined_in_period": None,
    }


def figure_supporters_away(community: Community, period: Period) -> dict:
    """Supporters who are active but away today, and those who offer no places (capacity 0)."""
    today = timezone.localdate()
    row = Membership.objects.filter(community=community, status=Membership.Status.ACTIVE, is_supporter=True).aggregate(
        supporters=Count("pk"),
        away=Count("pk", filter=Q(away_until__gte=today)),
        no_places=Count("pk", filter=Q(capacity=0)),
    )
    return {key: mask(value) for key, value in row.items()}


# --------------------------------------------------------------------------- surveys


def figure_surveys(community: Community, period: Period) -> dict:
    """Surveys sent in the period and how many were answered, by occasion (one query)."""
    sent = SurveyAssignment.objects.filter(community=community, created_at__gte=period.start_at,
                                           created_at__lt=period.end_at)
    rows = sent.values("occasion").annotate(
        people=Count("membership", distinct=True),
        answered=Count("membership", distinct=True, filter=Q(status=SurveyAssignment.Status.COMPLETED)),
    )
    by_occasion = {row["occasion"]: row for row in rows}
    table = []
    for occasion, label in Occasion.choices:
        row = by_occasion.get(occasion, {"people": 0, "answered": 0})
        share = stats.proportion(row["answered"], row["people"]) if row["people"] >= THRESHOLD else None
        table.append({"occasion": occasion, "label": label, "people": mask(row["people"]),
                      "answered": mask(row["answered"]), "share": share})
    return {"rows": table}


def _score_pairs(community: Community, period: Period, follow_up: str):
    """{(measure, key, version): [(baseline, follow-up)]} for follow-ups answered in the period."""
    follow_ups = SurveyAssignment.objects.filter(
        community=community, occasion=follow_up, status=SurveyAssignment.Status.COMPLETED,
        completed_at__gte=period.start_at, completed_at__lt=period.end_at,
    ).values_list("membership_id", "measure", "instrument_key", "instrument_version", "score", "completed_at")
    follow_ups = list(follow_ups)
    if not follow_ups:
        return {}
    baselines = SurveyAssignment.objects.filter(
        community=community, occasion=Occasion.JOINING, status=SurveyAssignment.Status.COMPLETED,
        membership_id__in={row[0] for row in follow_ups},
    ).values_list("membership_id", "instrument_key", "instrument_version", "score")
    baseline = {(row[0], row[1], row[2]): row[3] for row in baselines}
    pairs: dict[tuple, list] = defaultdict(list)
    latest: dict[tuple, tuple] = {}
    # With several closures in a period, a person counts once: their latest follow-up.
    for membership_id, measure, key, version, score, completed_at in follow_ups:
        person = (membership_id, key, version)
        if person not in latest or completed_at > latest[person][1]:
            latest[person] = ((measure, key, version, score), completed_at)
    for (membership_id, key, version), ((measure, _k, _v, score), _when) in latest.items():
        pairs[(measure, key, version)].append((baseline.get((membership_id, key, version)), score))
    return pairs


def figure_outcomes(community: Community, period: Period, *, follow_up: str = Occasion.THREE_MONTHS) -> dict:
    """Change from baseline per instrument, for follow-ups answered in the period (two queries)."""
    from ayni.insights.services import instruments_for

    names = {instrument.key: instrument for _measure, instrument, _languages in instruments_for(community)}
    pairs = _score_pairs(community, period, follow_up)
    rows = []
    for (measure, key, version), values in sorted(pairs.items()):
        change = stats.change_from_baseline([before for before, _after in values], [after for _before, after in values])
        instrument = names.get(key)
        hidden = change.n < THRESHOLD
        rows.append({
            "measure": measure, "key": key, "version": version,
            "name": instrument.name.get(_language()) if instrument else key,
            "higher_is_better": instrument.higher_is_better if instrument else True,
            "n": mask(change.n), "dropped": mask(change.dropped), "hidden": hidden,
            "change": None if hidden else change,
        })
    return {"rows": rows, "follow_up": follow_up}


def outcomes_by_quarter(community: Community, quarters: list[Period]) -> list[dict]:
    return [{"period": quarter, **figure_outcomes(community, quarter)} for quarter in quarters]


def _language() -> str:
    from ayni.core.i18n import current_language

    return current_language()


# --------------------------------------------------------------------------- gaps


@dataclass
class Gap:
    dimension: str  # topic, language, mode, area, topic_language
    label: str
    waiting: int | None
    available: int | None
    topic_key: str = ""
    language: str = ""
    params: dict = field(default_factory=dict)

    @property
    def shortfall(self) -> bool:
        return (self.waiting or 0) > (self.available or 0)


LANGUAGE_NAMES = {"es": "español", "en": "English", "qu": "runa simi (quechua)", "ca": "català",
                  "eu": "euskara", "gl": "galego", "pt": "português", "fr": "français", "ar": "العربية",
                  "ay": "aymar aru", "gn": "avañe'ẽ (guaraní)", "ro": "română", "uk": "українська"}


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)


def _seekers_waiting(community: Community) -> QuerySet[Membership]:
    """Active seekers with at least one need. Narrowed to those not yet in a relationship once
    the relationships app exists."""
    seekers = Membership.objects.filter(community=community, status=Membership.Status.ACTIVE, is_seeker=True,
                                        needs__isnull=False)
    return seekers


def _supporters_available(community: Community) -> QuerySet[Membership]:
    today = timezone.localdate()
    return Membership.objects.filter(community=community, status=Membership.Status.ACTIVE, is_supporter=True,
                                     capacity__gt=0).exclude(away_until__gte=today)


def figure_gaps(community: Community, period: Period | None = None) -> dict:
    """Where need exceeds supply: by topic, language, mode, area, and topic by language. Three queries."""
    from ayni.people.models import Experience, Need

    need_rows = list(Need.objects.filter(membership__in=_seekers_waiting(community)).values_list(
        "membership_id", "topic_id", "membership__user__profile__languages",
        "membership__user__profile__meeting_mode", "membership__user__profile__area"))
    supply_rows = list(Experience.objects.filter(membership__in=_supporters_available(community)).values_list(
        "membership_id", "topic_id", "membership__user__profile__languages",
        "membership__user__profile__meeting_mode", "membership__user__profile__area"))
    topics = {topic.pk: topic for topic in Topic.objects.filter(community=community, is_archived=False)}

    def people(rows, key) -> Counter:
        seen = defaultdict(set)
        for membership_id, topic_id, languages, mode, area in rows:
            for value in key(topic_id, languages or [], mode or "", (area or "").strip()):
                seen[value].add(membership_id)
        return Counter({value: len(ids) for value, ids in seen.items()})

    def modes(mode):
        return ["online", "in_person"] if mode == "either" else [mode] if mode else []

    need_topic = people(need_rows, lambda t, langs, mode, area: [t])
    supply_topic = people(supply_rows, lambda t, langs, mode, area: [t])
    need_language = people(need_rows, lambda t, langs, mode, area: langs)
    supply_language = people(supply_rows, lambda t, langs, mode, area: langs)
    need_mode = people(need_rows, lambda t, langs, mode, area: modes(mode))
    supply_mode = people(supply_rows, lambda t, langs, mode, area: modes(mode))
    need_area = people(need_rows, lambda t, langs, mode, area: [area.lower()] if area and mode != "online" else [])
    supply_area = people(supply_rows, lambda t, langs, mode, area: [area.lower()] if area and mode != "online" else [])
    need_pair = people(need_rows, lambda t, langs, mode, area: [(t, lang) for lang in langs])
    supply_pair = people(supply_rows, lambda t, langs, mode, area: [(t, lang) for lang in langs])
    area_names = {}
    for rows in (need_rows, supply_rows):
        for row in rows:
            if row[4]:
                area_names.setdefault(row[4].strip().lower(), row[4].strip())
    mode_names = {"online": _("online"), "in_person": _("in person")}

    def gaps(dimension, needs, supplies, label, extra=lambda value: {}):
        found = []
        for value, waiting in needs.most_common():
            available = supplies.get(value, 0)
            if waiting > available:
                found.append(Gap(dimension=dimension, label=label(value), waiting=mask(waiting),
                                 available=mask(available), **extra(value)))
        return found

    by_topic = gaps("topic", need_topic, supply_topic, lambda t: topics[t].name if t in topics else "?",
                    lambda t: {"topic_key": topics[t].key if t in topics else "", "params": {"topic": t}})
    by_pair = gaps("topic_language", need_pair, supply_pair,
                   lambda v: f"{topics[v[0]].name if v[0] in topics else '?'} · {language_name(v[1])}",
                   lambda v: {"topic_key": topics[v[0]].key if v[0] in topics else "", "language": v[1],
                              "params": {"topic": v[0], "language": v[1]}})
    return {
        "topic": by_topic,
        "topic_language": by_pair,
        "language": gaps("language", need_language, supply_language, language_name,
                         lambda v: {"language": v, "params": {"language": v}}),
        "mode": gaps("mode", need_mode, supply_mode, lambda v: mode_names.get(v, v), lambda v: {"params": {"mode": v}}),
        "area": gaps("area", need_area, supply_area, lambda v: area_names.get(v, v), lambda v: {"params": {"area": v}}),
        "seekers": mask(len({row[0] for row in need_rows})),
        "supporters": mask(len({row[0] for row in supply_rows})),
    }


def recruitment_message(community: Community, gap: Gap) -> str:
    """A message the coordinator can send to invite new supporters for a gap, in the active language."""
    if gap.dimension in ("topic", "topic_language") and gap.language:
        return _(
            "Hello! In %(community)s there are people waiting for support with %(topic)s who would like to talk "
            "in %(language)s. If you have lived through something similar and speak %(language)s, you could "
            "accompany one of them for a few months, with training and a coordinator at your side. Would you "
            "like to know more? Reply to this message or join the community on Ayni."
        ) % {"community": community.name, "topic": gap.label.split(" · ")[0], "language": language_name(gap.language)}
    if gap.dimension == "topic":
        return _(
            "Hello! In %(community)s there are people waiting for support with %(topic)s. If you have lived through "
            "something similar, you could accompany one of them for a few months, with training and a coordinator "
            "at your side. Would you like to know more? Reply to this message or join the community on Ayni."
        ) % {"community": community.name, "topic": gap.label}
    if gap.dimension == "language":
        return _(
            "Hello! In %(community)s there are people waiting for support who would like to talk in %(language)s. "
            "If you speak %(language)s and have lived through something that could help others, you could accompany "
            "one of them, with training and a coordinator at your side. Would you like to know more?"
        ) % {"community": community.name, "language": gap.label}
    if gap.dimension == "area":
        return _(
            "Hello! In %(community)s there are people in %(area)s who would like to meet someone in person. If you "
            "live or work nearby and have lived through something that could help others, you could accompany one "
            "of them, with training and a coordinator at your side. Would you like to know more?"
        ) % {"community": community.name, "area": gap.label}
    return _(
        "Hello! In %(community)s there are people waiting for support %(mode)s. If you could accompany one of "
        "them, with training and a coordinator at your side, we would love to hear from you."
    ) % {"community": community.name, "mode": gap.label}


# --------------------------------------------------------------------------- lists behind figures


MEMBER_LISTS = ("seekers", "supporters", "coordinators", "pending", "away", "no_places", "waiting",
                "available", "survey_pending")


def members_behind(community: Community, figure: str, *, params: dict | None = None) -> QuerySet[Membership]:
    """The people behind a figure, for the community's coordinators only (never suppressed)."""
    params = params or {}
    active = Membership.objects.filter(community=community, status=Membership.Status.ACTIVE)
    today = timezone.localdate()
    if figure == "seekers":
        people = active.filter(is_seeker=True)
    elif figure == "supporters":
        people = active.filter(is_supporter=True)
    elif figure == "coordinators":
        people = active.filter(is_coordinator=True)
    elif figure == "pending":
        people = Membership.objects.filter(community=community, status=Membership.Status.PENDING)
    elif figure == "away":
        people = active.filter(is_supporter=True, away_until__gte=today)
    elif figure == "no_places":
        people = active.filter(is_supporter=True, capacity=0)
    elif figure in ("waiting", "available"):
        people = _seekers_waiting(community) if figure == "waiting" else _supporters_available(community)
        relation = "needs" if figure == "waiting" else "experiences"
        if params.get("topic"):
            people = people.filter(**{f"{relation}__topic_id": params["topic"]})
        if params.get("language"):
            ids = [pk for pk, languages in people.values_list("pk", "user__profile__languages")
                   if params["language"] in (languages or [])]
            people = Membership.objects.filter(pk__in=ids)
        if params.get("mode") in ("online", "in_person"):
            people = people.filter(user__profile__meeting_mode__in=[params["mode"], "either"])
        if params.get("area"):
            people = people.filter(user__profile__area__iexact=params["area"])
    elif figure == "survey_pending":
        people = active.filter(survey_assignments__status=SurveyAssignment.Status.PENDING)
    else:
        raise KeyError(figure)
    return Membership.objects.filter(pk__in=people.values("pk")).select_related("user", "user__profile").order_by(
        "user__display_name", "pk")


__all__ = ["MEASURES", "Period", "figure_gaps", "figure_members_by_role", "figure_outcomes", "figure_surveys",
           "members_behind", "period_from"]

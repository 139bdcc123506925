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

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    Func,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
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


class MonthOf(Func):
    """The calendar month of a datetime as "YYYY-MM" (UTC), computed by the database.

    SQLite keeps datetimes as ISO text, so the month is its first seven characters (Django's
    TruncMonth there calls Python once per row, ten times slower); PostgreSQL formats it.
    """

    output_field = CharField()

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="substr(%(expressions)s, 1, 7)", **extra)

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="to_char(%(expressions)s AT TIME ZONE 'UTC', 'YYYY-MM')",
                           **extra)

    def as_sql(self, compiler, connection, template=None, **extra):
        if template is None:  # other databases: portable, slower
            template = "CAST(EXTRACT(YEAR FROM %(expressions)s) * 100 + EXTRACT(MONTH FROM %(expressions)s) AS CHAR)"
        return super().as_sql(compiler, connection, template=template, **extra)


def _month_key(month: dt.date) -> str:
    return f"{month.year:04d}-{month.month:02d}"


def figure_members_by_role(community: Community, period: Period) -> dict:
    """Members by role at the end of each month, and now. Two queries.

    Members are grouped by the month they joined and the month they left (a few hundred rows
    come back however many members there are) and summed up to each month's end.
    """
    months = period.months
    rows = (
        Membership.objects.filter(community=community, joined_at__isnull=False, status__in=[
            Membership.Status.ACTIVE, Membership.Status.LEFT, Membership.Status.SUSPENDED])
        .annotate(joined=MonthOf("joined_at"),
                  departed=Case(When(status=Membership.Status.ACTIVE, then=Value("")),
                                default=MonthOf("updated_at"), output_field=CharField()))
        .values("joined", "departed", "is_seeker", "is_supporter", "is_coordinator")
        .annotate(n=Count("pk"))
        .order_by()
    )
    keys = [_month_key(month) for month in months]
    series: dict[str, list[int]] = {role: [0] * len(months) for role in ("all", *ROLES)}
    for row in rows:
        roles = ["all", *[role for role in ROLES if row[f"is_{role}"]]]
        for index, key in enumerate(keys):
            if row["joined"] <= key and not (row["departed"] and row["departed"] <= key):
                for role in roles:
                    series[role][index] += row["n"]
    active = Q(status=Membership.Status.ACTIVE)
    aggregates = {"now_all": Count("pk", filter=active), "pending": Count("pk", filter=Q(status=Membership.Status.PENDING))}
    for role in ROLES:
        aggregates[f"now_{role}"] = Count("pk", filter=active & Q(**{f"is_{role}": True}))
    row = Membership.objects.filter(community=community).aggregate(**aggregates)
    return {
        "months": months,
        "series": {role: masked_series(values) for role, values in series.items()},
        "now": {role: mask(row[f"now_{role}"]) for role in ("all", *ROLES)},
        "pending": mask(row["pending"]),
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
    # Everyone asked on an occasion gets one belonging survey (Ayni's or its replacement): count those.
    rows = sent.filter(measure="belonging").values("occasion").annotate(
        people=Count("pk"), answered=Count("pk", filter=Q(status=SurveyAssignment.Status.COMPLETED)),
    ).order_by()
    by_occasion = {row["occasion"]: row for row in rows}
    table = []
    for occasion, label in Occasion.choices:
        row = by_occasion.get(occasion, {"people": 0, "answered": 0})
        share = stats.proportion(row["answered"], row["people"]) if row["people"] >= THRESHOLD else None
        table.append({"occasion": occasion, "label": label, "people": mask(row["people"]),
                      "answered": mask(row["answered"]), "share": share})
    return {"rows": table}


def _score_pairs(community: Community, periods: list[Period], follow_up: str) -> list[dict]:
    """For each period, {(measure, key, version): [(baseline, follow-up)]} for follow-ups answered in it.

    One query for all the periods: each follow-up comes with its baseline score (the same
    person's answer at joining to the same instrument version), looked up by the database.
    """
    if not periods:
        return []
    baseline = SurveyAssignment.objects.filter(
        membership_id=OuterRef("membership_id"), instrument_key=OuterRef("instrument_key"),
        instrument_version=OuterRef("instrument_version"), occasion=Occasion.JOINING,
        status=SurveyAssignment.Status.COMPLETED).order_by("-completed_at").values("score")[:1]
    follow_ups = list(SurveyAssignment.objects.filter(
        community=community, occasion=follow_up, status=SurveyAssignment.Status.COMPLETED,
        completed_at__gte=min(period.start_at for period in periods),
        completed_at__lt=max(period.end_at for period in periods),
    ).annotate(baseline=Subquery(baseline)).values_list(
        "membership_id", "measure", "instrument_key", "instrument_version", "score", "completed_at", "baseline",
    ).order_by())
    found = []
    for period in periods:
        latest: dict[tuple, tuple] = {}
        start_at, end_at = period.start_at, period.end_at
        # With several closures in a period, a person counts once: their latest follow-up.
        for membership_id, measure, key, version, score, completed_at, before in follow_ups:
            if not start_at <= completed_at < end_at:
                continue
            person = (membership_id, key, version)
            if person not in latest or completed_at > latest[person][0]:
                latest[person] = (completed_at, measure, before, score)
        pairs: dict[tuple, list] = defaultdict(list)
        for (_membership_id, key, version), (_when, measure, before, score) in latest.items():
            pairs[(measure, key, version)].append((before, score))
        found.append(pairs)
    return found


def figure_outcomes(community: Community, period: Period, *, follow_up: str = Occasion.THREE_MONTHS) -> dict:
    """Change from baseline per instrument, for follow-ups answered in the period (two queries)."""
    return _outcomes(community, [period], follow_up)[0]


def figure_outcomes_at_closure(community: Community, period: Period) -> dict:
    return figure_outcomes(community, period, follow_up=Occasion.CLOSURE)


def quarters_shown() -> list[Period]:
    return [period_from(key) for key, _label in period_choices() if "-q" in key]


def figure_outcomes_by_quarter(community: Community, period: Period | None = None) -> list[dict]:
    """Change three months after joining, for each of the last four quarters (two queries)."""
    quarters = quarters_shown()
    return [{"period": quarter, **figure} for quarter, figure in
            zip(quarters, _outcomes(community, quarters, Occasion.THREE_MONTHS), strict=True)]


def _outcomes(community: Community, periods: list[Period], follow_up: str) -> list[dict]:
    from ayni.insights.services import instruments_for

    names = {instrument.key: instrument for _measure, instrument, _languages in instruments_for(community)}
    results = []
    for pairs in _score_pairs(community, periods, follow_up):
        rows = []
        for (measure, key, version), values in sorted(pairs.items()):
            change = stats.change_from_baseline([before for before, _after in values],
                                                [after for _before, after in values])
            instrument = names.get(key)
            hidden = change.n < THRESHOLD
            rows.append({
                "measure": measure, "key": key, "version": version,
                "name": instrument.name.get(_language()) if instrument else key,
                "higher_is_better": instrument.higher_is_better if instrument else True,
                "n": mask(change.n), "dropped": mask(change.dropped), "hidden": hidden,
                "change": None if hidden else change,
            })
        results.append({"rows": rows, "follow_up": follow_up})
    return results


def outcomes_by_quarter(community: Community, quarters: list[Period]) -> list[dict]:
    return [{"period": quarter, **figure} for quarter, figure in
            zip(quarters, _outcomes(community, quarters, Occasion.THREE_MONTHS), strict=True)]


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


OPEN_REQUEST_STATUSES = ("waiting", "proposed")


def _open_requests(community: Community):
    SupportRequest = model_or_none("support", "SupportRequest")
    if SupportRequest is None:
        return None
    return SupportRequest.objects.filter(community=community, status__in=OPEN_REQUEST_STATUSES,
                                         seeker__status=Membership.Status.ACTIVE)


def _seekers_waiting(community: Community) -> QuerySet[Membership]:
    """Seekers with an open request for support; without the support app, active seekers with a need."""
    requests = _open_requests(community)
    if requests is not None:
        return Membership.objects.filter(pk__in=requests.values("seeker_id"))
    return Membership.objects.filter(community=community, status=Membership.Status.ACTIVE, is_seeker=True,
                                     needs__isnull=False).distinct()


def _supporters_available(community: Community) -> QuerySet[Membership]:
    """Active supporters, not away, with a free place and (when training is recorded) trained."""
    today = timezone.localdate()
    supporters = Membership.objects.filter(community=community, status=Membership.Status.ACTIVE, is_supporter=True,
                                           capacity__gt=0).exclude(away_until__gte=today)
    unavailable = full_supporter_ids(community) + _training_ids(community, "untrained")
    if unavailable:
        supporters = supporters.exclude(pk__in=unavailable)
    return supporters


def _need_rows(community: Community) -> list[tuple]:
    """(seeker id, topic id, languages, meeting mode, area) for each need waiting for support."""
    from ayni.people.models import Need

    requests = _open_requests(community)
    if requests is not None:
        return [(seeker, topic, [language] if language else [], mode, area) for seeker, topic, language, mode, area
                in requests.values_list("seeker_id", "topics", "language", "mode", "seeker__user__profile__area")
                if topic is not None]
    return list(Need.objects.filter(membership__in=_seekers_waiting(community)).values_list(
        "membership_id", "topic_id", "membership__user__profile__languages",
        "membership__user__profile__meeting_mode", "membership__user__profile__area"))


def figure_gaps(community: Community, period: Period | None = None) -> dict:
    """Where need exceeds supply: by topic, language, mode, area, and topic by language. Three queries."""
    from ayni.people.models import Experience

    need_rows = _need_rows(community)
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


def figure_gaps_by_topic(community: Community, period: Period | None = None) -> dict:
    """The dashboard's short version of the gaps: by topic only, with two grouped queries."""
    from ayni.people.models import Experience, Need

    requests = _open_requests(community)
    if requests is not None:
        waiting = dict(requests.values("topics").annotate(n=Count("seeker_id", distinct=True))
                       .values_list("topics", "n").order_by())
    else:
        waiting = dict(Need.objects.filter(membership__in=_seekers_waiting(community)).values("topic_id")
                       .annotate(n=Count("membership_id", distinct=True)).values_list("topic_id", "n").order_by())
    available = dict(Experience.objects.filter(membership__in=_supporters_available(community)).values("topic_id")
                     .annotate(n=Count("membership_id", distinct=True)).values_list("topic_id", "n").order_by())
    topics = {topic.pk: topic for topic in Topic.objects.filter(community=community, is_archived=False)}
    gaps = [Gap(dimension="topic", label=topics[topic_id].name, waiting=mask(count),
                available=mask(available.get(topic_id, 0)), topic_key=topics[topic_id].key,
                params={"topic": topic_id})
            for topic_id, count in sorted(waiting.items(), key=lambda item: -item[1])
            if topic_id in topics and count > available.get(topic_id, 0)]
    return {"topic": gaps}


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


# --------------------------------------------------------------------------- programme (other apps)


def model_or_none(app_label: str, name: str):
    """A model of another app, or None when that app has no such model in this installation."""
    from django.apps import apps

    try:
        return apps.get_model(app_label, name)
    except LookupError:
        return None


def _moments(period: Period) -> list[dt.datetime]:
    """The end of each month of the period (capped at now)."""
    now = timezone.now()
    return [min(_aware(_month_end(month) + dt.timedelta(days=1)), now) for month in period.months]


def _month_index(period: Period, moment: dt.datetime | dt.date | None) -> int | None:
    if moment is None:
        return None
    day = timezone.localtime(moment).date() if isinstance(moment, dt.datetime) else moment
    if not period.start <= day <= period.end:
        return None
    return (day.year - period.start.year) * 12 + day.month - period.start.month


def _days(delta: dt.timedelta | None) -> float | None:
    return None if delta is None else round(delta.total_seconds() / 86400, 1)


def figure_requests(community: Community, period: Period) -> dict | None:
    """Open requests and their waiting time, time to match (median, p90), share matched. Three queries."""
    SupportRequest = model_or_none("support", "SupportRequest")
    if SupportRequest is None:
        return None
    now = timezone.now()
    requests = SupportRequest.objects.filter(community=community).exclude(status="draft")
    open_statuses = ["waiting", "proposed"]
    aggregates = {}
    for index, moment in enumerate(_moments(period)):
        aggregates[f"open_{index}"] = Count("pk", filter=Q(created_at__lt=moment)
                                            & (Q(matched_at__isnull=True) | Q(matched_at__gte=moment))
                                            & (Q(withdrawn_at__isnull=True) | Q(withdrawn_at__gte=moment))
                                            & ~Q(status="closed", updated_at__lt=moment))
    in_period = Q(created_at__gte=period.start_at, created_at__lt=period.end_at)
    aggregates["created"] = Count("pk", filter=in_period)
    aggregates["matched"] = Count("pk", filter=in_period & Q(matched_at__isnull=False))
    row = requests.aggregate(**aggregates)
    waiting = [now - since for since in requests.filter(status__in=open_statuses).values_list("waiting_since", flat=True)]
    matched = list(requests.filter(matched_at__gte=period.start_at, matched_at__lt=period.end_at)
                   .values_list("created_at", "matched_at"))
    by_month: dict[int, list] = defaultdict(list)
    for created_at, matched_at in matched:
        index = _month_index(period, matched_at)
        if index is not None:
            by_month[index].append(matched_at - created_at)
    months = period.months
    median_series = [_days(stats.median(by_month[i])) if len(by_month[i]) >= THRESHOLD else None
                     for i in range(len(months))]
    p90_series = [_days(stats.p90(by_month[i])) if len(by_month[i]) >= THRESHOLD else None for i in range(len(months))]
    durations = [matched_at - created_at for created_at, matched_at in matched]
    enough = len(durations) >= THRESHOLD
    share = stats.proportion(row["matched"], row["created"]) if row["created"] >= THRESHOLD else None
    return {
        "months": months,
        "open_series": masked_series([row[f"open_{i}"] for i in range(len(months))]),
        "open_now": mask(len(waiting)),
        "waiting_median": _days(stats.median(waiting)) if len(waiting) >= THRESHOLD else None,
        "waiting_p90": _days(stats.p90(waiting)) if len(waiting) >= THRESHOLD else None,
        "match_median": _days(stats.median(durations)) if enough else None,
        "match_p90": _days(stats.p90(durations)) if enough else None,
        "match_median_series": median_series, "match_p90_series": p90_series,
        "created": mask(row["created"]), "matched": mask(row["matched"]), "share_matched": share,
    }


HOLDS_PLACE = ("proposed", "active", "paused", "closing")


def figure_relationships(community: Community, period: Period) -> dict | None:
    """Active relationships over time, length, closures by kind, sessions per relationship,
    check-ins on time, inactive relationships. Five queries."""
    Relationship = model_or_none("relationships", "Relationship")
    if Relationship is None:
        return None
    relationships = Relationship.objects.filter(community=community)
    months = period.months
    moments = _moments(period)
    aggregates = {}
    for index, moment in enumerate(moments):
        month_start = _aware(months[index])
        aggregates[f"active_{index}"] = Count("pk", filter=Q(started_at__lt=moment)
                                              & (Q(closed_at__isnull=True) | Q(closed_at__gte=moment)))
        # Relationships current at any time in the month: the denominator of sessions per relationship.
        aggregates[f"current_{index}"] = Count("pk", filter=Q(started_at__lt=moment)
                                               & (Q(closed_at__isnull=True) | Q(closed_at__gte=month_start)))
        for kind in ("planned", "unplanned"):
            aggregates[f"{kind}_{index}"] = Count("pk", filter=Q(closed_at__gte=month_start, closed_at__lt=moment,
                                                                 closure_kind=kind))
    now = timezone.now()
    inactive_days = 45
    Monitoring = model_or_none("relationships", "MonitoringSettings")
    if Monitoring is not None:
        settings_row = Monitoring.objects.filter(community=community).values_list("inactivity_alert_days", flat=True).first()
        inactive_days = settings_row or inactive_days
    quiet_since = now - dt.timedelta(days=inactive_days)
    aggregates["active_now"] = Count("pk", filter=Q(status="active"))
    aggregates["inactive_now"] = Count("pk", filter=Q(status="active", started_at__lt=quiet_since)
                                       & (Q(last_session_at__isnull=True) | Q(last_session_at__lt=quiet_since)))
    aggregates["planned"] = Count("pk", filter=Q(closed_at__gte=period.start_at, closed_at__lt=period.end_at,
                                                 closure_kind="planned"))
    aggregates["unplanned"] = Count("pk", filter=Q(closed_at__gte=period.start_at, closed_at__lt=period.end_at,
                                                   closure_kind="unplanned"))
    row = relationships.aggregate(**aggregates)
    lengths = [closed - started for started, closed in relationships.filter(
        closed_at__gte=period.start_at, closed_at__lt=period.end_at, started_at__isnull=False,
    ).values_list("started_at", "closed_at")]
    result = {
        "months": months,
        "active_series": masked_series([row[f"active_{i}"] for i in range(len(months))]),
        "active_now": mask(row["active_now"]), "inactive_now": mask(row["inactive_now"]),
        "inactive_days": inactive_days,
        "length_median": _days(stats.median(lengths)) if len(lengths) >= THRESHOLD else None,
        "closures": stats.suppress([[row[f"planned_{i}"] for i in range(len(months))],
                                    [row[f"unplanned_{i}"] for i in range(len(months))]]),
        "planned": row["planned"], "unplanned": row["unplanned"],
        "sessions_per_relationship": [None] * len(months), "check_ins_on_time": [None] * len(months),
    }
    Session = model_or_none("relationships", "Session")
    if Session is not None:
        # Grouped by day (at most 366 rows back), summed by month here: cheaper than a count per month.
        held = defaultdict(int)
        for day, count in (Session.objects.filter(relationship__community=community, status="held",
                                                  held_on__gte=period.start, held_on__lte=period.end)
                           .values("held_on").annotate(n=Count("pk")).values_list("held_on", "n").order_by()):
            index = _month_index(period, day)
            if index is not None:
                held[index] += count
        result["sessions_per_relationship"] = [
            round(held[i] / row[f"current_{i}"], 2) if row[f"current_{i}"] >= THRESHOLD else None
            for i in range(len(months))]
    CheckIn = model_or_none("relationships", "CheckIn")
    if CheckIn is not None:
        grace = dt.timedelta(days=CHECK_IN_GRACE_DAYS)
        due, on_time = defaultdict(int), defaultdict(int)
        # Compared here, not in SQL: date arithmetic on SQLite runs Python once per row.
        for due_at, answered_at in CheckIn.objects.filter(
                relationship__community=community, due_at__gte=period.start_at,
                due_at__lt=min(period.end_at, now - grace)).values_list("due_at", "answered_at").order_by():
            index = _month_index(period, due_at)
            if index is None:
                continue
            due[index] += 1
            on_time[index] += answered_at is not None and answered_at <= due_at + grace
        result["check_ins_on_time"] = [
            round(100 * on_time[i] / due[i]) if due[i] >= THRESHOLD else None for i in range(len(months))]
    return result


CHECK_IN_GRACE_DAYS = 7  # a check-in answered within a week of its due date is on time


def figure_supporters_full(community: Community, period: Period) -> dict | None:
    """Supporters whose places are all taken (relationships holding a place >= capacity). One query."""
    Relationship = model_or_none("relationships", "Relationship")
    if Relationship is None:
        return None
    held = Count("relationships_as_supporter", filter=Q(relationships_as_supporter__status__in=HOLDS_PLACE),
                 distinct=True) if _has_reverse(Relationship, "supporter", "relationships_as_supporter") else None
    supporters = Membership.objects.filter(community=community, status=Membership.Status.ACTIVE, is_supporter=True,
                                           capacity__gt=0)
    if held is None:
        occupied = dict(Relationship.objects.filter(community=community, status__in=HOLDS_PLACE)
                        .values_list("supporter_id").annotate(count=Count("pk")).values_list("supporter_id", "count"))
        capacities = dict(supporters.values_list("pk", "capacity"))
        full = sum(1 for pk, capacity in capacities.items() if occupied.get(pk, 0) >= capacity)
    else:
        full = supporters.annotate(held=held).filter(held__gte=F("capacity")).count()
    return {"full": mask(full)}


def _has_reverse(model, field_name: str, related_name: str) -> bool:
    try:
        return model._meta.get_field(field_name).remote_field.related_name == related_name
    except Exception:
        return False


def full_supporter_ids(community: Community) -> list[int]:
    Relationship = model_or_none("relationships", "Relationship")
    if Relationship is None:
        return []
    occupied = dict(Relationship.objects.filter(community=community, status__in=HOLDS_PLACE)
                    .values_list("supporter_id").annotate(count=Count("pk")).values_list("supporter_id", "count"))
    return [pk for pk, capacity in Membership.objects.filter(
        community=community, status=Membership.Status.ACTIVE, is_supporter=True, capacity__gt=0,
        pk__in=list(occupied)).values_list("pk", "capacity") if occupied.get(pk, 0) >= capacity]


def figure_training(community: Community, period: Period) -> dict | None:
    """Supporters holding every required certification in date, and those expiring within 60 days.
    Computed with one aggregate over the community's requirement (2-3 queries)."""
    Certification = model_or_none("training", "Certification")
    if Certification is None:
        return None
    from ayni.training.eligibility import DATE_LINE_SLACK, requirement_for

    requirement = requirement_for(community)
    today = timezone.localdate()
    valid_from = _months_before(today, requirement.renewal_months)
    soon_from = _months_before(today + dt.timedelta(days=EXPIRY_WARNING_DAYS), requirement.renewal_months)
    supporters = Membership.objects.filter(community=community, status=Membership.Status.ACTIVE, is_supporter=True)
    trained = Q()
    expiring = Q()
    for course in requirement.courses:
        certified = Exists(Certification.objects.filter(user=OuterRef("user"), course=course,
                                                        certified_on__gt=valid_from, certified_on__lte=today + DATE_LINE_SLACK))
        renewed = Exists(Certification.objects.filter(user=OuterRef("user"), course=course,
                                                      certified_on__gt=soon_from, certified_on__lte=today + DATE_LINE_SLACK))
        trained &= Q(certified)
        expiring |= Q(certified) & ~Q(renewed)
    row = supporters.aggregate(all=Count("pk"), trained=Count("pk", filter=trained),
                               expiring=Count("pk", filter=expiring) if requirement.courses else Count("pk", filter=Q(pk=None)))
    share = stats.proportion(row["trained"], row["all"]) if row["all"] >= THRESHOLD else None
    return {"supporters": mask(row["all"]), "trained": mask(row["trained"]), "untrained": mask(row["all"] - row["trained"]),
            "expiring": mask(row["expiring"]), "share": share, "courses": [course.title for course in requirement.courses]}


EXPIRY_WARNING_DAYS = 60


def _months_before(day: dt.date, months: int) -> dt.date:
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def figure_goals(community: Community, period: Period) -> dict | None:
    """Goal attainment of relationships that closed in the period (one query)."""
    Goal = model_or_none("relationships", "Goal")
    if Goal is None:
        return None
    rows = dict(Goal.objects.filter(relationship__community=community, relationship__closed_at__gte=period.start_at,
                                    relationship__closed_at__lt=period.end_at, attainment__isnull=False)
                .values_list("attainment").annotate(count=Count("pk")).values_list("attainment", "count"))
    counts = [rows.get(level, 0) for level in (1, 2, 3, 4)]
    total = sum(counts)
    reached = counts[2] + counts[3]
    return {"table": stats.suppress([counts]), "total": mask(total),
            "share_reached": stats.proportion(reached, total) if total >= THRESHOLD else None}


# --------------------------------------------------------------------------- lists behind figures


MEMBER_LISTS = ("seekers", "supporters", "coordinators", "pending", "away", "no_places", "waiting",
                "available", "survey_pending", "full", "untrained", "expiring")
RELATIONSHIP_LISTS = ("relationships_active", "relationships_inactive", "closed_planned", "closed_unplanned")
REQUEST_LISTS = ("open_requests", "matched_requests")


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
        requests = _open_requests(community) if figure == "waiting" else None
        if requests is not None:
            if params.get("topic"):
                requests = requests.filter(topics=params["topic"])
            if params.get("language"):
                requests = requests.filter(language=params["language"])
            if params.get("mode") in ("online", "in_person"):
                requests = requests.filter(mode__in=[params["mode"], "either"])
            people = Membership.objects.filter(pk__in=requests.values("seeker_id"))
        else:
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
    elif figure == "full":
        people = active.filter(pk__in=full_supporter_ids(community))
    elif figure in ("untrained", "expiring"):
        people = active.filter(pk__in=_training_ids(community, figure))
    else:
        raise KeyError(figure)
    return Membership.objects.filter(pk__in=people.values("pk")).select_related("user", "user__profile").order_by(
        "user__display_name", "pk")


__all__ = ["MEASURES", "Period", "figure_gaps", "figure_members_by_role", "figure_outcomes", "figure_surveys",
           "members_behind", "period_from"]


def _training_ids(community: Community, figure: str) -> list[int]:
    Certification = model_or_none("training", "Certification")
    if Certification is None:
        return []
    from ayni.training.eligibility import DATE_LINE_SLACK, requirement_for

    requirement = requirement_for(community)
    today = timezone.localdate()
    valid_from = _months_before(today, requirement.renewal_months)
    soon_from = _months_before(today + dt.timedelta(days=EXPIRY_WARNING_DAYS), requirement.renewal_months)
    supporters = Membership.objects.filter(community=community, status=Membership.Status.ACTIVE, is_supporter=True)
    trained, expiring = Q(), Q()
    for course in requirement.courses:
        certified = Exists(Certification.objects.filter(user=OuterRef("user"), course=course,
                                                        certified_on__gt=valid_from, certified_on__lte=today + DATE_LINE_SLACK))
        renewed = Exists(Certification.objects.filter(user=OuterRef("user"), course=course,
                                                      certified_on__gt=soon_from, certified_on__lte=today + DATE_LINE_SLACK))
        trained &= Q(certified)
        expiring |= Q(certified) & ~Q(renewed)
    if figure == "untrained":
        return list(supporters.exclude(trained).values_list("pk", flat=True)) if requirement.courses else []
    return list(supporters.filter(expiring).values_list("pk", flat=True)) if requirement.courses else []


def relationships_behind(community: Community, figure: str, period: Period):
    """The relationships behind a figure, for the community's coordinators only."""
    Relationship = model_or_none("relationships", "Relationship")
    if Relationship is None or figure not in RELATIONSHIP_LISTS:
        raise KeyError(figure)
    relationships = Relationship.objects.filter(community=community)
    if figure == "relationships_active":
        relationships = relationships.filter(status="active")
    elif figure == "relationships_inactive":
        data = figure_relationships(community, period)
        quiet_since = timezone.now() - dt.timedelta(days=data["inactive_days"])
        relationships = relationships.filter(status="active", started_at__lt=quiet_since).filter(
            Q(last_session_at__isnull=True) | Q(last_session_at__lt=quiet_since))
    else:
        relationships = relationships.filter(closed_at__gte=period.start_at, closed_at__lt=period.end_at,
                                             closure_kind=figure.removeprefix("closed_"))
    return relationships.select_related("seeker__user", "supporter__user").order_by("-started_at", "pk")


def requests_behind(community: Community, figure: str, period: Period):
    SupportRequest = model_or_none("support", "SupportRequest")
    if SupportRequest is None or figure not in REQUEST_LISTS:
        raise KeyError(figure)
    requests = SupportRequest.objects.filter(community=community)
    if figure == "open_requests":
        requests = requests.filter(status__in=["waiting", "proposed"]).order_by("waiting_since", "pk")
    else:
        requests = requests.filter(matched_at__gte=period.start_at, matched_at__lt=period.end_at).order_by(
            "-matched_at", "pk")
    return requests.select_related("seeker__user")

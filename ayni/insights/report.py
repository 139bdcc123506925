"""The figures of a community and period as sections: headline numbers, a chart and a table.

The dashboard, the printable report, the PDF and the CSV exports all read these sections,
so they always agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from ayni.communities.models import Community
from ayni.core.i18n import current_language
from ayni.insights import presentation
from ayni.insights.analytics import charts
from ayni.insights.selectors import Period


@dataclass
class Headline:
    label: str
    value: object  # int, str, or None when hidden
    figure: str = ""  # the list behind it (selectors.members_behind), if any
    params: dict = field(default_factory=dict)
    url: str = ""  # or a page of another app


@dataclass
class Section:
    key: str
    title: str
    headlines: list[Headline] = field(default_factory=list)
    chart: str = ""
    header: list[str] = field(default_factory=list)
    rows: list[list] = field(default_factory=list)
    note: str = ""


SECTION_KEYS = ("members", "requests", "relationships", "supporters", "training", "gaps", "surveys", "outcomes",
                "goals")
DASHBOARD_KEYS = ("members", "requests", "relationships", "supporters", "training", "gaps_short", "surveys")


def build_sections(community: Community, period: Period, *, only: tuple[str, ...] = SECTION_KEYS,
                   figures=None) -> list[Section]:
    """The sections in ``only`` whose data exists in this installation (a missing app's are left out)."""
    builders = {
        "members": _members, "requests": _requests, "relationships": _relationships, "supporters": _supporters,
        "training": _training, "gaps": _gaps, "gaps_short": _gaps_short, "surveys": _surveys, "outcomes": _outcomes, "goals": _goals,
    }
    from ayni.insights.snapshots import Figures

    figures = figures or Figures(community, period)
    sections = [section for key in only if key in builders
                if (section := builders[key](community, period, figures)) is not None]
    link_headlines(community, sections)
    return sections


def link_headlines(community: Community, sections: list[Section]) -> None:
    """Point each headline with a list behind it at that list."""
    for section in sections:
        for headline in section.headlines:
            if headline.figure and not headline.url:
                headline.url = reverse("insights:figure_list", args=[community.slug, headline.figure])
                if headline.params:
                    headline.url += "?" + urlencode(headline.params)


def _members(community, period, figures) -> Section:
    figure = figures.get("members")
    header, rows = presentation.members_table(figure)
    return Section(
        key="members", title=_("Members"),
        headlines=[
            Headline(_("Active members"), figure["now"]["all"]),
            Headline(_("Seekers"), figure["now"]["seeker"], "seekers"),
            Headline(_("Supporters"), figure["now"]["supporter"], "supporters"),
            Headline(_("Coordinators"), figure["now"]["coordinator"], "coordinators"),
            Headline(_("Waiting for approval"), figure["pending"], "pending"),
        ],
        chart=presentation.members_chart(figure), header=header, rows=rows,
        note=_("One person can hold several roles. Someone who left counts until their membership last changed."),
    )


def _supporters(community, period, figures) -> Section:
    figure = figures.get("supporters_away")
    full = figures.get("supporters_full")
    headlines = [
        Headline(_("Supporters"), figure["supporters"], "supporters"),
        Headline(_("Away today"), figure["away"], "away"),
        Headline(_("Offering no places"), figure["no_places"], "no_places"),
    ]
    if full is not None:
        headlines.insert(1, Headline(_("At capacity"), full["full"], "full"))
    return Section(
        key="supporters", title=_("Supporters' availability"), headlines=headlines,
        header=[_("Figure"), _("People")], rows=[[headline.label, headline.value] for headline in headlines],
    )


def _days_text(value) -> str | None:
    return None if value is None else _("%(days)s days") % {"days": value}


def _requests(community, period, figures) -> Section | None:
    figure = figures.get("requests")
    if figure is None:
        return None
    share = figure["share_matched"]
    language = current_language()
    chart = charts.line_chart(figure["months"], [
        (_("Median days to match"), figure["match_median_series"]),
        (_("90th percentile"), figure["match_p90_series"]),
    ], title=_("Time from request to match, by month matched"), y_label=_("days"), language=language)
    open_chart = charts.line_chart(figure["months"], [(_("Open requests"), figure["open_series"])],
                                   title=_("Open requests at the end of each month"), y_label=_("requests"),
                                   language=language)
    rows = [[charts.month_label(month, language), figure["open_series"][i], figure["match_median_series"][i],
             figure["match_p90_series"][i]] for i, month in enumerate(figure["months"])]
    return Section(
        key="requests", title=_("Requests for support"),
        headlines=[
            Headline(_("Open requests"), figure["open_now"], "open_requests"),
            Headline(_("Median wait of open requests"), _days_text(figure["waiting_median"]), "open_requests"),
            Headline(_("Longest waits (90th percentile)"), _days_text(figure["waiting_p90"]), "open_requests"),
            Headline(_("Median time to match"), _days_text(figure["match_median"]), "matched_requests"),
            Headline(_("Time to match, 90th percentile"), _days_text(figure["match_p90"]), "matched_requests"),
            Headline(_("Share of the period's requests matched"),
                     f"{share.share:.0%}" if share is not None else None, "matched_requests"),
        ],
        chart=open_chart + chart,
        header=[_("Month"), _("Open requests"), _("Median days to match"), _("90th percentile")], rows=rows,
        note=_("Time to match counts matched requests only; read it beside the waits of open requests."),
    )


def _relationships(community, period, figures) -> Section | None:
    figure = figures.get("relationships")
    if figure is None:
        return None
    language = current_language()
    months = figure["months"]
    closures = figure["closures"]
    chart = charts.line_chart(months, [(_("Active relationships"), figure["active_series"])],
                              title=_("Active relationships at the end of each month"), y_label=_("relationships"),
                              language=language)
    chart += charts.line_chart(months, [
        (_("Sessions per relationship"), figure["sessions_per_relationship"]),
    ], title=_("Sessions held per relationship, by month"), language=language, decimals=1)
    chart += charts.line_chart(months, [(_("Check-ins answered on time, per 100"), figure["check_ins_on_time"])],
                               title=_("Check-ins answered within a week of their date"), y_label="%",
                               language=language, y_min=0, y_max=100)
    closure_rows = [(charts.month_label(month, language), [closures.cells[0][i], closures.cells[1][i]])
                    for i, month in enumerate(months)]
    chart += charts.stacked_bar_chart(closure_rows, [_("planned"), _("unplanned")],
                                      title=_("Relationships closed, planned and unplanned"), language=language,
                                      missing_text=_("under 5"))
    rows = [[charts.month_label(month, language), figure["active_series"][i], closures.cells[0][i],
             closures.cells[1][i], figure["sessions_per_relationship"][i], figure["check_ins_on_time"][i]]
            for i, month in enumerate(months)]
    return Section(
        key="relationships", title=_("Support relationships"),
        headlines=[
            Headline(_("Active now"), figure["active_now"], "relationships_active"),
            Headline(_("Without a session for %(days)s days") % {"days": figure["inactive_days"]},
                     figure["inactive_now"], "relationships_inactive"),
            Headline(_("Median length of those closed"), _days_text(figure["length_median"])),
            Headline(_("Closed as planned"), closures.row_totals[0], "closed_planned"),
            Headline(_("Closed earlier than planned"), closures.row_totals[1], "closed_unplanned"),
        ],
        chart=chart,
        header=[_("Month"), _("Active relationships"), _("Closed as planned"), _("Closed earlier than planned"),
                _("Sessions per relationship"), _("Check-ins on time, per 100")], rows=rows,
        note=_("Sessions per relationship: sessions held in the month divided by the relationships current in it."),
    )


def _training(community, period, figures) -> Section | None:
    figure = figures.get("training")
    if figure is None:
        return None
    share = figure["share"]
    headlines = [
        Headline(_("Supporters with their training in date"), figure["trained"], "supporters"),
        Headline(_("Supporters still to train"), figure["untrained"], "untrained"),
        Headline(_("Certifications expiring within 60 days"), figure["expiring"], "expiring"),
        Headline(_("Share trained"), f"{share.share:.0%}" if share is not None else None),
    ]
    return Section(
        key="training", title=_("Training"), headlines=headlines,
        header=[_("Figure"), _("People")], rows=[[h.label, h.value] for h in headlines[:3]],
        note=_("Required courses: %(courses)s.") % {"courses": ", ".join(figure["courses"]) or "—"},
    )


def _goals(community, period, figures) -> Section | None:
    figure = figures.get("goals")
    if figure is None:
        return None
    labels = [_("Not reached"), _("Partly reached"), _("Mostly reached"), _("Fully reached")]
    table = figure["table"]
    share = figure["share_reached"]
    return Section(
        key="goals", title=_("Goals of the relationships that closed"),
        headlines=[Headline(_("Goals rated"), figure["total"]),
                   Headline(_("Mostly or fully reached"), f"{share.share:.0%}" if share is not None else None)],
        chart=charts.bar_chart(list(zip(labels, table.cells[0], strict=True)), title=_("Goal attainment"),
                               language=current_language(), missing_text=_("under 5")) if figure["total"] else "",
        header=[_("Attainment"), _("Goals")], rows=[[label, table.cells[0][i]] for i, label in enumerate(labels)],
    )


def _gaps(community, period, figures) -> Section:
    gaps = figures.get("gaps")
    header, rows = presentation.gaps_table(gaps)
    return _gap_section(gaps, header, rows, [Headline(_("Seekers with a need"), gaps["seekers"], "waiting"),
                                             Headline(_("Supporters available"), gaps["supporters"], "available")])


def _gaps_short(community, period, figures) -> Section:
    gaps = figures.get("gaps_by_topic")
    rows = [[_("By topic"), gap.label, gap.waiting, gap.available] for gap in gaps["topic"]]
    section = _gap_section(gaps, [_("Breakdown"), _("Need"), _("Seekers waiting"), _("Supporters available")], rows, [])
    section.headlines.append(Headline(_("All the gaps, with recruitment messages"), "→",
                                      url=reverse("insights:gaps", args=[community.slug])))
    return section


def _gap_section(gaps, header, rows, headlines) -> Section:
    for gap in gaps["topic"][:3]:
        headlines.append(Headline(_("Waiting on %(topic)s") % {"topic": gap.label}, gap.waiting, "waiting", gap.params))
    return Section(
        key="gaps", title=_("Where need exceeds supply"), headlines=headlines,
        chart=presentation.gaps_chart(gaps["topic"], _("Seekers waiting and supporters available, by topic")),
        header=header, rows=rows,
        note=_("Supporters available: active, not away, offering at least one place, with experience of the topic."),
    )


def _surveys(community, period, figures) -> Section:
    figure = figures.get("surveys")
    rows = []
    for row in figure["rows"]:
        share = row["share"]
        rows.append([row["label"], row["people"], row["answered"],
                     f"{share.share:.0%}" if share is not None and share.share is not None else None])
    return Section(
        key="surveys", title=_("Surveys"),
        headlines=[Headline(_("People asked, %(occasion)s") % {"occasion": row["label"].lower()}, row["people"])
                   for row in figure["rows"]],
        header=[_("Occasion"), _("People asked"), _("People who answered"), _("Share answered")], rows=rows,
    )


def _outcomes(community, period, figures) -> Section:
    figure = figures.get("outcomes")
    header, rows = presentation.outcomes_table(figure["rows"])
    return Section(
        key="outcomes", title=_("Change since joining (three-month surveys)"),
        chart=presentation.outcomes_chart(figure["rows"], _("Mean scores at joining and three months later")),
        header=header, rows=rows,
        note=_("Only people who answered both surveys count. There is no comparison group: a change is not "
               "proof that the programme caused it. Results for fewer than 5 people are hidden."),
    )

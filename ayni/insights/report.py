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
from ayni.insights import presentation, selectors
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


SECTION_KEYS = ("members", "supporters", "gaps", "surveys", "outcomes")


def build_sections(community: Community, period: Period, *, only: tuple[str, ...] = SECTION_KEYS) -> list[Section]:
    builders = {
        "members": _members, "supporters": _supporters, "gaps": _gaps, "surveys": _surveys, "outcomes": _outcomes,
    }
    sections = [builders[key](community, period) for key in only if key in builders]
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


def _members(community, period) -> Section:
    figure = selectors.figure_members_by_role(community, period)
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


def _supporters(community, period) -> Section:
    figure = selectors.figure_supporters_away(community, period)
    return Section(
        key="supporters", title=_("Supporters' availability"),
        headlines=[
            Headline(_("Supporters"), figure["supporters"], "supporters"),
            Headline(_("Away today"), figure["away"], "away"),
            Headline(_("Offering no places"), figure["no_places"], "no_places"),
        ],
        header=[_("Figure"), _("People")],
        rows=[[_("Supporters"), figure["supporters"]], [_("Away today"), figure["away"]],
              [_("Offering no places"), figure["no_places"]]],
    )


def _gaps(community, period) -> Section:
    gaps = selectors.figure_gaps(community, period)
    header, rows = presentation.gaps_table(gaps)
    headlines = [Headline(_("Seekers with a need"), gaps["seekers"], "waiting"),
                 Headline(_("Supporters available"), gaps["supporters"], "available")]
    for gap in gaps["topic"][:3]:
        headlines.append(Headline(_("Waiting on %(topic)s") % {"topic": gap.label}, gap.waiting, "waiting", gap.params))
    return Section(
        key="gaps", title=_("Where need exceeds supply"), headlines=headlines,
        chart=presentation.gaps_chart(gaps["topic"], _("Seekers waiting and supporters available, by topic")),
        header=header, rows=rows,
        note=_("Supporters available: active, not away, offering at least one place, with experience of the topic."),
    )


def _surveys(community, period) -> Section:
    figure = selectors.figure_surveys(community, period)
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


def _outcomes(community, period) -> Section:
    figure = selectors.figure_outcomes(community, period)
    header, rows = presentation.outcomes_table(figure["rows"])
    return Section(
        key="outcomes", title=_("Change since joining (three-month surveys)"),
        chart=presentation.outcomes_chart(figure["rows"], _("Mean scores at joining and three months later")),
        header=header, rows=rows,
        note=_("Only people who answered both surveys count. There is no comparison group: a change is not "
               "proof that the programme caused it. Results for fewer than 5 people are hidden."),
    )

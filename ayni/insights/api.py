"""The insights API: a community's figures for its coordinators, read from the figure store.

The same figures as the pages, with the same suppression: a count about 1 to 4 people is
null, and an outcome measured on fewer than 5 people has no means and no interval. Read-only
(GET), so a read-only token is enough. Anyone but the community's coordinators is refused
(403 for a member, 404 for someone the community is hidden from, 401 without credentials).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from ninja import Field, Query, Router, Schema

from ayni.communities.access import access_community_as_coordinator
from ayni.insights import report as report_module
from ayni.insights import selectors
from ayni.insights.snapshots import PAGE_FIGURES, Figures

router = Router(tags=["insights"])

Cell = int | float | str | None


class PeriodIn(Schema):
    period: str = Field("12m", max_length=12, description='"12m" (default), "6m", "24m", "2026" or "2026-q3"')


class PeriodOut(Schema):
    key: str
    start: date
    end: date


class HeadlineOut(Schema):
    label: str
    value: Cell = Field(description="null when it would describe 1 to 4 people")
    figure: str = Field("", description="the list behind it on the pages (coordinators only)")


class SectionOut(Schema):
    key: str
    title: str
    headlines: list[HeadlineOut]
    header: list[str]
    rows: list[list[Cell]]
    note: str


class FiguresMeta(Schema):
    community: str
    period: PeriodOut
    as_of: datetime | None = Field(description="when the oldest figure was computed; null: just now")
    stale: bool = Field(description="true while newer figures are being computed")


class DashboardOut(FiguresMeta):
    sections: list[SectionOut]


class GapOut(Schema):
    dimension: str
    label: str
    waiting: int | None
    available: int | None
    topic_key: str
    language: str
    recruitment_message: str


class GapsOut(FiguresMeta):
    seekers: int | None
    supporters: int | None
    gaps: list[GapOut]


class OutcomeOut(Schema):
    measure: str
    instrument: str
    instrument_version: int
    name: str
    higher_is_better: bool
    people: int | None = Field(description="people with a follow-up; null for 1 to 4")
    without_baseline: int | None
    hidden: bool = Field(description="true under 5 people: no means, no interval")
    mean_before: float | None = None
    mean_after: float | None = None
    mean_change: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    confidence: float | None = None
    method: str | None = None


class OutcomesOut(FiguresMeta):
    follow_up: str
    outcomes: list[OutcomeOut]


class NetworkMonthOut(Schema):
    month: date
    members: int | None
    connected: int | None
    isolated: int | None
    average_connections: float | None
    crossing_connections: int | None


class NetworkOut(FiguresMeta):
    members: int | None
    connected: int | None
    isolated: int | None
    crossing_connections: int | None
    average_connections: float | None
    sources: list[str]
    months: list[NetworkMonthOut]


def _figures(request, slug: str, period_key: str, page: str) -> tuple[object, Figures, dict]:
    community, _membership = access_community_as_coordinator(request.user, slug)
    period = selectors.period_from(period_key)
    figures = Figures(community, period, PAGE_FIGURES[page])
    return community, figures, {"community": community.slug,
                                "period": {"key": period.key, "start": period.start, "end": period.end}}


def _meta(figures: Figures, meta: dict) -> dict:
    return {**meta, "as_of": figures.as_of, "stale": figures.stale}


def _cell(value) -> Cell:
    if value is None or isinstance(value, int | float):
        return value
    return str(value)


@router.get("/{slug}/dashboard", response=DashboardOut, summary="The programme dashboard's figures (coordinators)")
def dashboard(request, slug: str, filters: Query[PeriodIn]):
    community, figures, meta = _figures(request, slug, filters.period, "dashboard")
    sections = report_module.build_sections(community, figures.period, only=report_module.DASHBOARD_KEYS,
                                            figures=figures)
    return {**_meta(figures, meta), "sections": [{
        "key": section.key, "title": str(section.title),
        "headlines": [{"label": str(headline.label), "value": _cell(headline.value), "figure": headline.figure}
                      for headline in section.headlines if not headline.url or headline.figure],
        "header": [str(name) for name in section.header],
        "rows": [[_cell(value) for value in row] for row in section.rows],
        "note": str(section.note),
    } for section in sections]}


@router.get("/{slug}/gaps", response=GapsOut, summary="Where need exceeds supply, with recruitment messages")
def gaps(request, slug: str, filters: Query[PeriodIn]):
    community, figures, meta = _figures(request, slug, filters.period, "gaps")
    found = figures.get("gaps")
    listed = [gap for dimension in ("topic", "topic_language", "language", "mode", "area") for gap in found[dimension]]
    return {**_meta(figures, meta), "seekers": found["seekers"], "supporters": found["supporters"], "gaps": [{
        "dimension": gap.dimension, "label": gap.label, "waiting": gap.waiting, "available": gap.available,
        "topic_key": gap.topic_key, "language": gap.language,
        "recruitment_message": selectors.recruitment_message(community, gap),
    } for gap in listed]}


class OutcomesIn(PeriodIn):
    follow_up: Literal["three_months", "closure"] = "three_months"


@router.get("/{slug}/outcomes", response=OutcomesOut,
            summary="Change from baseline with confidence intervals (coordinators)")
def outcomes(request, slug: str, filters: Query[OutcomesIn]):
    _community, figures, meta = _figures(request, slug, filters.period, "outcomes")
    figure = figures.get("outcomes" if filters.follow_up == "three_months" else "outcomes_closure")
    rows = []
    for row in figure["rows"]:
        change = row["change"]
        out = {"measure": row["measure"], "instrument": row["key"], "instrument_version": row["version"],
               "name": row["name"], "higher_is_better": row["higher_is_better"], "people": row["n"],
               "without_baseline": row["dropped"], "hidden": row["hidden"]}
        if change is not None:
            out.update(mean_before=change.mean_before, mean_after=change.mean_after, mean_change=change.mean_change,
                       ci_low=change.ci_low, ci_high=change.ci_high, confidence=change.confidence,
                       method=change.method)
        rows.append(out)
    return {**_meta(figures, meta), "follow_up": filters.follow_up, "outcomes": rows}


def _average(figures) -> float | None:
    if figures.average_connections is None or figures.members < selectors.THRESHOLD:
        return None
    return round(figures.average_connections, 2)


@router.get("/{slug}/network", response=NetworkOut, summary="The support network's figures over time (coordinators)")
def network(request, slug: str, filters: Query[PeriodIn]):
    _community, figures, meta = _figures(request, slug, filters.period, "network")
    page = figures.get("network_page")
    mask = selectors.mask
    masked = page["masked"]
    return {**_meta(figures, meta), "members": masked["members"], "connected": masked["connected"],
            "isolated": masked["isolated"], "crossing_connections": masked["crossing"],
            "average_connections": _average(page["figures"]),
            "sources": page["sources"], "months": [{
                "month": entry.month, "members": mask(entry.figures.members),
                "connected": mask(entry.figures.connected), "isolated": mask(entry.figures.isolated),
                "average_connections": _average(entry.figures),
                "crossing_connections": mask(entry.figures.crossing_connections),
            } for entry in page["series"]]}

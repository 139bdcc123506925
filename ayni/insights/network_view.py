"""The community's support network: people linked by relationships and circles.

Connections come from the apps that hold them (relationships, circles). Each source is read
with one query; a source whose app has no models yet contributes nothing (and the page says so).
"""

from __future__ import annotations

import datetime as dt

from django.apps import apps
from django.db.models import Case, DateTimeField, F, When
from django.utils import timezone
from django.utils.translation import gettext as _

from ayni.communities.models import Community, Membership
from ayni.core.i18n import current_language
from ayni.insights import selectors
from ayni.insights.analytics import charts
from ayni.insights.analytics.network import (
    Connection,
    Member,
    network_by_month,
    network_figures,
    network_svg,
)

PICTURE_LIMIT = 1500  # above this many people the picture shows the connected ones only


def _day(value, zone=None) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            return value.date()
        return value.astimezone(zone or timezone.get_current_timezone()).date()
    return value


def network_members(community: Community) -> list[Member]:
    gone = (Membership.Status.LEFT, Membership.Status.SUSPENDED)
    # The moment someone left is their membership's last change (see selectors._alive_at); only
    # read for those who left, so the active majority costs one date each.
    rows = Membership.objects.filter(community=community, joined_at__isnull=False).exclude(
        status__in=[Membership.Status.PENDING, Membership.Status.REJECTED]
    ).annotate(left_at=Case(When(status__in=gone, then=F("updated_at")), default=None,
                            output_field=DateTimeField())).values_list(
        "pk", "group", "joined_at", "status", "left_at").order_by()
    counts: dict[str, int] = {}
    rows = list(rows)
    for row in rows:
        if row[1]:
            counts[row[1]] = counts.get(row[1], 0) + 1
    members = []
    zone = timezone.get_current_timezone()
    for pk, group, joined_at, _status, left_at in rows:
        left = _day(left_at, zone)
        # Groups of fewer than 5 people are not named, so no one is recognised by their group.
        subgroup = group if group and counts[group] >= selectors.THRESHOLD else None
        members.append(Member(pk, subgroup, _day(joined_at, zone), left))
    return members


def connection_sources() -> list[str]:
    """Which kinds of connection exist in this installation."""
    sources = []
    if apps.is_installed("ayni.relationships") and _model("relationships", "Relationship"):
        sources.append("relationship")
    if apps.is_installed("ayni.circles") and _model("circles", "CircleMembership"):
        sources.append("circle")
    return sources


def _model(app_label, name):
    try:
        return apps.get_model(app_label, name)
    except LookupError:
        return None


def network_connections(community: Community, member_ids: set) -> list[Connection]:
    connections: list[Connection] = []
    relationship_model = _model("relationships", "Relationship")
    if relationship_model is not None:
        rows = relationship_model.objects.filter(community=community, started_at__isnull=False).values_list(
            "seeker_id", "supporter_id", "started_at", "closed_at").order_by()
        zone = timezone.get_current_timezone()
        for seeker, supporter, started, closed in rows:
            if seeker in member_ids and supporter in member_ids and seeker != supporter:
                connections.append(Connection(seeker, supporter, "relationship", _day(started, zone),
                                              _day(closed, zone)))
    circle_membership = _model("circles", "CircleMembership")
    if circle_membership is not None:
        connections.extend(_circle_connections(circle_membership, community, member_ids))
    return connections


def _circle_connections(model, community, member_ids) -> list[Connection]:
    """Pairs of people who were in the same circle at the same time (accepted, until they left)."""
    rows = model.objects.filter(circle__community=community, status__in=["accepted", "left"],
                                decided_at__isnull=False).values_list("circle_id", "membership_id", "decided_at",
                                                                      "left_at")
    by_circle: dict[int, list] = {}
    for circle_id, membership_id, joined, left in rows:
        if membership_id in member_ids:
            by_circle.setdefault(circle_id, []).append((membership_id, _day(joined), _day(left)))
    connections = []
    for people in by_circle.values():
        for index, (first, first_joined, first_left) in enumerate(people):
            for second, second_joined, second_left in people[index + 1:]:
                if first == second:
                    continue
                start = max(first_joined, second_joined)
                ends = [day for day in (first_left, second_left) if day is not None]
                end = min(ends) if ends else None
                if end is None or end >= start:
                    connections.append(Connection(first, second, "circle", start, end))
    return connections


def _network(community):
    members = network_members(community)
    connections = network_connections(community, {member.id for member in members})
    return members, connections


def network_context(community: Community, period: selectors.Period) -> dict:
    members, connections = _network(community)
    language = current_language()
    today = timezone.localdate()
    current = [member for member in members if member.left is None or member.left >= today]
    current_ids = {member.id for member in current}
    live = [c for c in connections if (c.end is None or c.end >= today) and c.a in current_ids and c.b in current_ids]
    figures = network_figures(current, live)
    series = network_by_month(members, connections, first_month=period.start, last_month=period.end) if members else []
    drawn, drawn_connections, partial = current, live, False
    if len(current) > PICTURE_LIMIT:
        linked = {c.a for c in live} | {c.b for c in live}
        drawn = [member for member in current if member.id in linked][:PICTURE_LIMIT]
        kept = {member.id for member in drawn}
        drawn_connections = [c for c in live if c.a in kept and c.b in kept]
        partial = True
    picture = network_svg(drawn, drawn_connections, title=_("The support network today"), language=language,
                          subgroup_labels={}) if drawn else ""
    months = [entry.month for entry in series]
    chart = charts.line_chart(months, [
        (_("People with at least one connection"), selectors.masked_series([e.figures.connected for e in series])),
        (_("Members with no connection"), selectors.masked_series([e.figures.isolated for e in series])),
    ], title=_("Connections over time"), y_label=_("people"), language=language) if series else ""
    return {
        "figures": figures, "series": series, "picture": picture, "partial": partial, "chart": chart,
        "sources": connection_sources(),
        "masked": {"connected": selectors.mask(figures.connected), "isolated": selectors.mask(figures.isolated),
                   "members": selectors.mask(figures.members),
                   "crossing": selectors.mask(figures.crossing_connections)},
    }


def network_series(community: Community, period: selectors.Period) -> list:
    """The network's figures for each month of the period (computed in Python from two queries)."""
    members, connections = _network(community)
    return network_by_month(members, connections, first_month=period.start, last_month=period.end) if members else []


def network_section(community: Community, period: selectors.Period, figures=None):
    from ayni.insights.report import Headline, Section

    series = figures.get("network_series") if figures is not None else network_series(community, period)
    language = current_language()
    header = [_("Month"), _("Members"), _("With a connection"), _("With no connection"), _("Average connections"),
              _("Connections across groups")]
    rows = [[charts.month_label(entry.month, language), selectors.mask(entry.figures.members),
             selectors.mask(entry.figures.connected), selectors.mask(entry.figures.isolated),
             None if entry.figures.average_connections is None or entry.figures.members < selectors.THRESHOLD
             else f"{entry.figures.average_connections:.2f}",
             selectors.mask(entry.figures.crossing_connections)] for entry in series]
    last = series[-1].figures if series else None
    chart = charts.line_chart([entry.month for entry in series], [
        (_("People with at least one connection"), selectors.masked_series([e.figures.connected for e in series])),
        (_("Members with no connection"), selectors.masked_series([e.figures.isolated for e in series])),
    ], title=_("Connections over time"), y_label=_("people"), language=language) if series else ""
    return Section(
        key="network", title=_("The support network"),
        headlines=[Headline(_("With a connection"), selectors.mask(last.connected) if last else 0),
                   Headline(_("With no connection"), selectors.mask(last.isolated) if last else 0)],
        chart=chart, header=header, rows=rows,
        note=_("Connections: support relationships and shared circles. Sources available: %(sources)s.") % {
            "sources": ", ".join(connection_sources()) or _("none yet")},
    )

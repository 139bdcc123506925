"""Figures to charts and tables, in the reader's language. Shared by the pages, the PDF and CSV."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ayni.core.i18n import current_language
from ayni.insights import selectors
from ayni.insights.analytics import charts


def role_labels() -> dict[str, str]:
    return {"all": _("All members"), "seeker": _("Seekers"), "supporter": _("Supporters"),
            "coordinator": _("Coordinators")}


def members_chart(figure: dict) -> str:
    labels = role_labels()
    return charts.line_chart(
        figure["months"], [(labels[role], figure["series"][role]) for role in ("all", "seeker", "supporter")],
        title=_("Members by role at the end of each month"), y_label=_("people"), language=current_language(),
    )


def members_table(figure: dict) -> tuple[list[str], list[list]]:
    labels = role_labels()
    header = [_("Month"), *[labels[role] for role in ("all", *selectors.ROLES)]]
    rows = [[charts.month_label(month, current_language()),
             *[figure["series"][role][index] for role in ("all", *selectors.ROLES)]]
            for index, month in enumerate(figure["months"])]
    return header, rows


def gaps_chart(gaps: list, title: str) -> str:
    if not gaps:
        return ""
    rows = [(gap.label, [gap.waiting, gap.available]) for gap in gaps[:10]]
    return charts.stacked_bar_chart(rows, [_("waiting"), _("supporters available")], title=title,
                                    language=current_language(), missing_text=_("under 5"))


def gaps_table(gaps: dict) -> tuple[list[str], list[list]]:
    names = gap_dimension_names()
    header = [_("Breakdown"), _("Need"), _("Seekers waiting"), _("Supporters available")]
    rows = [[names[dimension], gap.label, gap.waiting, gap.available]
            for dimension in ("topic", "topic_language", "language", "mode", "area") for gap in gaps[dimension]]
    return header, rows


def gap_dimension_names() -> dict[str, str]:
    return {"topic": _("By topic"), "topic_language": _("By topic and language"), "language": _("By language"),
            "mode": _("By way of meeting"), "area": _("By area")}


def outcomes_chart(rows: list[dict], title: str) -> str:
    bars = []
    for row in rows:
        change = row["change"]
        hidden = change is None or change.mean_before is None
        bars.append((_("%(measure)s: at joining") % {"measure": row["name"]}, None if hidden else round(change.mean_before, 2)))
        bars.append((_("%(measure)s: later") % {"measure": row["name"]}, None if hidden else round(change.mean_after, 2)))
    if not bars:
        return ""
    return charts.bar_chart(bars, title=title, value_label=_("mean score"), decimals=2,
                            language=current_language(), missing_text=_("fewer than 5 people"))


def outcomes_table(rows: list[dict]) -> tuple[list[str], list[list]]:
    header = [_("Measure"), _("People"), _("Without a baseline"), _("Before"), _("After"), _("Change"),
              _("Confidence interval"), _("Direction hoped for")]
    table = []
    for row in rows:
        change = row["change"]
        hoped = _("higher") if row["higher_is_better"] else _("lower")
        if change is None:
            table.append([row["name"], row["n"], row["dropped"], None, None, None, None, hoped])
            continue
        interval = (f"{change.ci_low:+.2f} … {change.ci_high:+.2f}" if change.ci_low is not None else "")
        table.append([row["name"], row["n"], row["dropped"], _fmt(change.mean_before), _fmt(change.mean_after),
                      None if change.mean_change is None else f"{change.mean_change:+.2f}", interval, hoped])
    return header, table


def _fmt(value):
    return None if value is None else f"{value:.2f}"


def cell(value) -> str:
    """How a table cell reads: hidden counts say so."""
    if value is None:
        return _("under 5")
    return str(value)

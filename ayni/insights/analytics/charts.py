"""Small server-side SVG charts: a line chart over months, a bar chart, a stacked bar chart.

Each function returns one SVG string: role="img", aria-label, <title> and <desc> first,
axis labels, no JavaScript, no external fonts (system font stack), every caller text
escaped. Series and segments differ by colour AND by dash pattern, marker shape or fill
pattern, so the charts read in black and white print. A data table next to the chart is
the caller's job (the <desc> summarises the figures for screen readers in the meantime).

Values may be None: "not available or hidden by small-number suppression". A line chart
leaves a gap; bars show ``missing_text`` (default "hidden" / "oculto").

Default sizes (480 wide, 14 px text) keep text at about 10 px on a 340 px phone screen.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from datetime import date

from . import _svg

_DASHES = ("", "7 4", "2 3", "10 3 2 3", "4 2", "1 2")
_FONT = 14.0
_CHARACTER = 0.56  # average character width per font-size unit in the system fonts

_CHART_WORDS = {
    "es": {
        "line_summary": "Valores mensuales de {first} a {last}.",
        "series_summary": "{label}: {first_value} en {first}, {last_value} en {last}.",
        "no_values": "{label}: sin datos.",
        "total": "total",
    },
    "en": {
        "line_summary": "Monthly values from {first} to {last}.",
        "series_summary": "{label}: {first_value} in {first}, {last_value} in {last}.",
        "no_values": "{label}: no data.",
        "total": "total",
    },
}


def month_label(month: date, language: str = "en") -> str:
    """ "ene 2026" / "Jan 2026"."""
    names = _svg.words(language)["month_names"]
    return f"{names[month.month - 1]} {month.year}"


def _words(language: str) -> dict:
    return _CHART_WORDS[_svg.language_code(language)] | _svg.words(language)


def _text_width(content: str, size: float = _FONT) -> float:
    return len(content) * size * _CHARACTER


def _present(values: Sequence[float | None]) -> list[float]:
    return [float(value) for value in values if value is not None and math.isfinite(value)]


def _format(value: float, language: str, decimals: int | None) -> str:
    return _svg.format_value(value, language, decimals)


# --------------------------------------------------------------------------- line chart


def line_chart(
    months: Sequence[date],
    series: Sequence[tuple[str, Sequence[float | None]]],
    *,
    title: str,
    description: str | None = None,
    y_label: str = "",
    x_label: str = "",
    language: str = "en",
    y_min: float | None = None,
    y_max: float | None = None,
    decimals: int | None = None,
    width: int = 480,
    height: int = 300,
) -> str:
    """A line per series over ``months`` (one value per month; None leaves a gap).

    ``series`` is ``[(label, values), ...]``. The y axis starts at 0 unless a value is
    negative or ``y_min`` is given (give ``y_min``/``y_max`` for scores, e.g. 1 and 5).
    """
    for label, values in series:
        if len(values) != len(months):
            raise ValueError(f"series {label!r} has {len(values)} values for {len(months)} months")
    vocabulary = _words(language)
    all_values = [value for _, values in series for value in _present(values)]
    if description is None:
        description = _line_description(months, series, language, decimals)
    parts = _svg.open_svg(width, height, title, description)

    legend_rows = _legend_rows([label for label, _ in series], width) if len(series) > 1 else []
    top = 12 + len(legend_rows) * 22 + (8 if legend_rows else 0)
    low = y_min if y_min is not None else min([0.0, *all_values])
    high = y_max if y_max is not None else max([low + 1, *all_values])
    ticks = _svg.nice_ticks(low, high)
    if y_min is not None:
        ticks = [tick for tick in ticks if tick >= y_min] or [y_min]
    if y_max is not None:
        ticks = [tick for tick in ticks if tick <= y_max] or [y_max]
    axis_low = min(ticks[0], low)
    axis_high = max(ticks[-1], high)
    tick_texts = [_format(tick, language, None) for tick in ticks]
    left = 10 + (22 if y_label else 0) + max(_text_width(tick) for tick in tick_texts) + 6
    bottom = 46 + (22 if x_label else 0)
    right = 24  # room for half of the last month's label
    plot_width = width - left - right
    plot_height = height - top - bottom

    def x_of(index: int) -> float:
        if len(months) <= 1:
            return left + plot_width / 2
        return left + plot_width * index / (len(months) - 1)

    def y_of(value: float) -> float:
        return top + plot_height * (1 - (value - axis_low) / ((axis_high - axis_low) or 1))

    for legend_index, row in enumerate(legend_rows):
        y = 12 + legend_index * 22 + 8
        for position, label, x in row:
            colour = _svg.PALETTE[position % len(_svg.PALETTE)]
            dash = _DASHES[position % len(_DASHES)]
            dash_attribute = f' stroke-dasharray="{dash}"' if dash else ""
            parts.append(
                f'<line x1="{_svg.number(x)}" y1="{_svg.number(y - 5)}" x2="{_svg.number(x + 24)}" y2="{_svg.number(y - 5)}" stroke="{colour}" stroke-width="3"{dash_attribute}/>'
            )
            parts.append(f'<path d="{_svg.shape_path(position, x + 12, y - 5, 4)}" fill="{colour}"/>')
            parts.append(_svg.text(x + 30, y, label, size=13))

    parts.append('<g stroke-width="1">')
    for tick, tick_text in zip(ticks, tick_texts, strict=True):
        y = y_of(tick)
        parts.append(
            f'<line x1="{_svg.number(left)}" y1="{_svg.number(y)}" x2="{_svg.number(width - right)}" y2="{_svg.number(y)}" stroke="{_svg.GRID_COLOUR}"/>'
        )
        parts.append(_svg.text(left - 6, y + 5, tick_text, size=_FONT - 1, anchor="end", fill=_svg.MUTED_COLOUR))
    parts.append("</g>")
    parts.append(
        f'<line x1="{_svg.number(left)}" y1="{_svg.number(top + plot_height)}" x2="{_svg.number(width - right)}" y2="{_svg.number(top + plot_height)}" stroke="{_svg.TEXT_COLOUR}"/>'
    )

    step = max(1, math.ceil(len(months) / max(1, int(plot_width // 46))))
    labelled = list(range(0, len(months), step))
    if labelled and labelled[-1] != len(months) - 1 and (len(months) - 1 - labelled[-1]) * 2 >= step:
        labelled.append(len(months) - 1)
    previous_year = None
    for index in labelled:
        month = months[index]
        x = x_of(index)
        parts.append(_svg.text(x, top + plot_height + 18, vocabulary["month_names"][month.month - 1], size=_FONT - 1, anchor="middle", fill=_svg.MUTED_COLOUR))
        if month.year != previous_year:
            parts.append(_svg.text(x, top + plot_height + 34, month.year, size=_FONT - 2, anchor="middle", fill=_svg.MUTED_COLOUR))
            previous_year = month.year
    if x_label:
        parts.append(_svg.text(left + plot_width / 2, height - 8, x_label, size=_FONT, anchor="middle"))
    if y_label:
        middle = top + plot_height / 2
        parts.append(
            _svg.text(0, 0, y_label, size=_FONT, anchor="middle", extra=f' transform="translate(16 {_svg.number(middle)}) rotate(-90)"')
        )

    if not all_values:
        parts.append(_svg.text(left + plot_width / 2, top + plot_height / 2, vocabulary["no_data"], size=_FONT + 2, anchor="middle", fill=_svg.MUTED_COLOUR))
    for position, (label, values) in enumerate(series):
        colour = _svg.PALETTE[position % len(_svg.PALETTE)]
        dash = _DASHES[position % len(_DASHES)]
        dash_attribute = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(f'<g><title>{_svg.escape(label)}</title>')
        run: list[str] = []
        runs: list[list[str]] = []
        for index, value in enumerate(values):
            if value is None or not math.isfinite(value):
                if run:
                    runs.append(run)
                run = []
                continue
            run.append(f"{_svg.number(x_of(index))},{_svg.number(y_of(float(value)))}")
        if run:
            runs.append(run)
        for points in runs:
            if len(points) > 1:
                parts.append(
                    f'<polyline points="{" ".join(points)}" fill="none" stroke="{colour}" stroke-width="2.5" stroke-linejoin="round"{dash_attribute}/>'
                )
        if len(months) <= 36:
            markers = "".join(
                _svg.shape_path(position, x_of(index), y_of(float(value)), 3.6)
                for index, value in enumerate(values)
                if value is not None and math.isfinite(value)
            )
            if markers:
                parts.append(f'<path d="{markers}" fill="{colour}" stroke="#ffffff" stroke-width="0.8"/>')
        parts.append("</g>")
    parts.append("</svg>")
    return "\n".join(parts)


def _legend_rows(labels: Sequence[str], width: int) -> list[list[tuple[int, str, float]]]:
    rows: list[list[tuple[int, str, float]]] = [[]]
    x = 12.0
    for position, label in enumerate(labels):
        shown = _svg.shorten(label, 40)
        entry_width = 30 + _text_width(shown, 13) + 18
        if rows[-1] and x + entry_width > width - 8:
            rows.append([])
            x = 12.0
        rows[-1].append((position, shown, x))
        x += entry_width
    return rows


def _line_description(months: Sequence[date], series: Sequence[tuple[str, Sequence[float | None]]], language: str, decimals: int | None) -> str:
    vocabulary = _words(language)
    if not months:
        return vocabulary["no_data"] + "."
    sentences = [vocabulary["line_summary"].format(first=month_label(months[0], language), last=month_label(months[-1], language))]
    for label, values in series:
        known = [(index, float(value)) for index, value in enumerate(values) if value is not None and math.isfinite(value)]
        if not known:
            sentences.append(vocabulary["no_values"].format(label=label))
            continue
        (first_index, first_value), (last_index, last_value) = known[0], known[-1]
        sentences.append(
            vocabulary["series_summary"].format(
                label=label,
                first_value=_format(first_value, language, decimals),
                first=month_label(months[first_index], language),
                last_value=_format(last_value, language, decimals),
                last=month_label(months[last_index], language),
            )
        )
    return " ".join(sentences)


# --------------------------------------------------------------------------- bar charts


def bar_chart(
    bars: Sequence[tuple[str, float | None]],
    *,
    title: str,
    description: str | None = None,
    value_label: str = "",
    language: str = "en",
    decimals: int | None = None,
    missing_text: str | None = None,
    width: int = 480,
) -> str:
    """Horizontal bars, one per ``(label, value)``, labels on the left, values at the bar ends.

    Horizontal because category labels (topics, languages, areas) stay readable on a phone.
    None shows ``missing_text`` instead of a bar. Negative values are not supported.
    """
    vocabulary = _words(language)
    missing = missing_text if missing_text is not None else vocabulary["hidden"]
    values = _present([value for _, value in bars])
    if any(value < 0 for value in values):
        raise ValueError("bar_chart draws counts and shares: values must not be negative")
    if description is None:
        description = "; ".join(
            f"{label}: {missing if value is None else _format(float(value), language, decimals)}" for label, value in bars
        ) or vocabulary["no_data"]
    row_height = 30
    top = 12
    bottom = 40 + (20 if value_label else 0)
    height = top + max(1, len(bars)) * row_height + bottom
    parts = _svg.open_svg(width, height, title, description)
    label_width, label_characters = _label_room(bars, width * 0.4)
    left = 8 + label_width
    value_room = max([_text_width(_format(value, language, decimals)) for value in values] or [0]) + 10
    value_room = max(value_room, _text_width(missing) + 10)
    plot_width = width - left - value_room - 8
    ticks = _svg.nice_ticks(0, max([1.0, *values]), 4)
    axis_high = ticks[-1]

    def x_of(value: float) -> float:
        return left + plot_width * value / axis_high

    plot_bottom = top + len(bars) * row_height
    for tick in ticks:
        x = x_of(tick)
        parts.append(f'<line x1="{_svg.number(x)}" y1="{top}" x2="{_svg.number(x)}" y2="{_svg.number(plot_bottom)}" stroke="{_svg.GRID_COLOUR}"/>')
        parts.append(_svg.text(x, plot_bottom + 18, _format(tick, language, None), size=_FONT - 1, anchor="middle", fill=_svg.MUTED_COLOUR))
    if value_label:
        parts.append(_svg.text(left + plot_width / 2, height - 10, value_label, size=_FONT, anchor="middle"))
    if not bars:
        parts.append(_svg.text(width / 2, top + row_height / 2 + 5, vocabulary["no_data"], size=_FONT, anchor="middle", fill=_svg.MUTED_COLOUR))
    for index, (label, value) in enumerate(bars):
        y = top + index * row_height
        parts.append(f"<g><title>{_svg.escape(label)}</title>")
        parts.append(_svg.text(left - 8, y + row_height / 2 + 5, _svg.shorten(label, label_characters), size=_FONT, anchor="end"))
        if value is None or not math.isfinite(value):
            parts.append(_svg.text(left + 4, y + row_height / 2 + 5, missing, size=_FONT - 1, fill=_svg.MUTED_COLOUR, extra=' font-style="italic"'))
        else:
            bar_end = x_of(float(value))
            parts.append(
                f'<rect x="{_svg.number(left)}" y="{_svg.number(y + 5)}" width="{_svg.number(bar_end - left)}" height="{row_height - 10}" fill="{_svg.PALETTE[0]}"/>'
            )
            parts.append(_svg.text(bar_end + 5, y + row_height / 2 + 5, _format(float(value), language, decimals), size=_FONT))
        parts.append("</g>")
    parts.append(f'<line x1="{_svg.number(left)}" y1="{top}" x2="{_svg.number(left)}" y2="{_svg.number(plot_bottom)}" stroke="{_svg.TEXT_COLOUR}"/>')
    parts.append("</svg>")
    return "\n".join(parts)


def _label_room(rows: Sequence[tuple[str, object]], widest: float) -> tuple[float, int]:
    """Width for the category labels (at most ``widest``) and how many characters fit in it."""
    characters = max(4, int((widest - 12) / (_FONT * _CHARACTER)))
    needed = max([_text_width(_svg.shorten(label, characters)) for label, _ in rows] or [0])
    return min(widest, needed + 12), characters


_PATTERNS = (
    "",  # solid
    "M0,6L6,0",  # diagonal
    "M0,3H6",  # horizontal
    "M3,0V6",  # vertical
    "M0,0L6,6M0,6L6,0",  # cross-hatch
    "M0,6L6,0M-1,1L1,-1M5,7L7,5",  # dense diagonal
)


def stacked_bar_chart(
    rows: Sequence[tuple[str, Sequence[float | None]]],
    segment_labels: Sequence[str],
    *,
    title: str,
    description: str | None = None,
    value_label: str = "",
    language: str = "en",
    as_share: bool = False,
    decimals: int | None = None,
    missing_text: str | None = None,
    width: int = 480,
) -> str:
    """Horizontal stacked bars: one bar per ``(label, values)``, one segment per ``segment_labels``.

    Segments differ by colour and fill pattern, with a legend on top and the value written
    inside each segment wide enough for it. ``as_share`` draws each bar as 100% and writes
    percentages. A row with any None value (hidden) shows ``missing_text`` instead of a bar,
    since its proportions would mislead.
    """
    for label, values in rows:
        if len(values) != len(segment_labels):
            raise ValueError(f"row {label!r} has {len(values)} values for {len(segment_labels)} segments")
        if any(value is not None and value < 0 for value in values):
            raise ValueError("stacked_bar_chart draws counts: values must not be negative")
    vocabulary = _words(language)
    missing = missing_text if missing_text is not None else vocabulary["hidden"]
    if description is None:
        description = _stacked_description(rows, segment_labels, language, decimals, missing)
    digest = hashlib.sha1(repr((title, rows, segment_labels)).encode(), usedforsecurity=False).hexdigest()[:10]
    prefix = f"ayni-{digest}"

    legend_rows = _legend_rows(segment_labels, width)
    top = 12 + len(legend_rows) * 22 + 8
    row_height = 34
    bottom = 40 + (20 if value_label else 0)
    height = top + max(1, len(rows)) * row_height + bottom
    parts = _svg.open_svg(width, height, title, description)
    parts.append("<defs>")
    for position in range(len(segment_labels)):
        colour = _svg.PALETTE[position % len(_svg.PALETTE)]
        pattern = _PATTERNS[position % len(_PATTERNS)]
        lines = f'<path d="{pattern}" stroke="#ffffff" stroke-width="1.6"/>' if pattern else ""
        parts.append(
            f'<pattern id="{prefix}-{position}" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="{colour}"/>{lines}</pattern>'
        )
    parts.append("</defs>")

    for legend_index, legend_row in enumerate(legend_rows):
        y = 12 + legend_index * 22 + 8
        for position, label, x in legend_row:
            parts.append(
                f'<rect x="{_svg.number(x)}" y="{_svg.number(y - 12)}" width="22" height="14" fill="url(#{prefix}-{position})" stroke="{_svg.TEXT_COLOUR}" stroke-width="0.6"/>'
            )
            parts.append(_svg.text(x + 30, y, label, size=13))

    totals = [sum(_present(values)) for _, values in rows]
    complete = [all(value is not None for value in values) for _, values in rows]
    label_width, label_characters = _label_room(rows, width * 0.32)
    left = 8 + label_width
    total_room = 14.0 if as_share else max([_text_width(_format(total, language, decimals)) for total in totals] or [0]) + 10
    total_room = max(total_room, _text_width(missing) + 10 if not all(complete) else 0)
    plot_width = width - left - total_room - 10
    axis_high = 100.0 if as_share else _svg.nice_ticks(0, max([1.0, *totals]), 4)[-1]
    ticks = _svg.nice_ticks(0, axis_high, 5 if as_share else 4)
    plot_bottom = top + len(rows) * row_height

    def x_of(value: float) -> float:
        return left + plot_width * value / axis_high

    for tick in ticks:
        x = x_of(tick)
        tick_text = f"{_format(tick, language, 0)} %" if as_share else _format(tick, language, None)
        parts.append(f'<line x1="{_svg.number(x)}" y1="{top}" x2="{_svg.number(x)}" y2="{_svg.number(plot_bottom)}" stroke="{_svg.GRID_COLOUR}"/>')
        parts.append(_svg.text(x, plot_bottom + 18, tick_text, size=_FONT - 1, anchor="middle", fill=_svg.MUTED_COLOUR))
    if value_label:
        parts.append(_svg.text(left + plot_width / 2, height - 10, value_label, size=_FONT, anchor="middle"))
    if not rows:
        parts.append(_svg.text(width / 2, top + row_height / 2 + 5, vocabulary["no_data"], size=_FONT, anchor="middle", fill=_svg.MUTED_COLOUR))

    for index, ((label, values), total, is_complete) in enumerate(zip(rows, totals, complete, strict=True)):
        y = top + index * row_height
        parts.append(f"<g><title>{_svg.escape(label)}</title>")
        parts.append(_svg.text(left - 8, y + row_height / 2 + 5, _svg.shorten(label, label_characters), size=_FONT, anchor="end"))
        if not is_complete:
            parts.append(_svg.text(left + 4, y + row_height / 2 + 5, missing, size=_FONT - 1, fill=_svg.MUTED_COLOUR, extra=' font-style="italic"'))
            parts.append("</g>")
            continue
        start = 0.0
        for position, value in enumerate(values):
            amount = float(value or 0)
            shown = (amount / total * 100 if total else 0.0) if as_share else amount
            if shown <= 0:
                continue
            x = x_of(start)
            segment_width = x_of(start + shown) - x
            segment_label = segment_labels[position]
            parts.append(
                f'<rect x="{_svg.number(x)}" y="{_svg.number(y + 5)}" width="{_svg.number(segment_width)}" height="{row_height - 10}" fill="url(#{prefix}-{position})" stroke="#ffffff" stroke-width="1"><title>{_svg.escape(segment_label)}</title></rect>'
            )
            inside = f"{_format(shown, language, 0)} %" if as_share else _format(amount, language, decimals)
            if _text_width(inside, 12) + 8 <= segment_width:
                # A white plate under the number keeps it legible on any colour and pattern.
                plate_width = _text_width(inside, 12) + 6
                parts.append(
                    f'<rect x="{_svg.number(x + segment_width / 2 - plate_width / 2)}" y="{_svg.number(y + row_height / 2 - 8)}" width="{_svg.number(plate_width)}" height="16" rx="3" fill="#ffffff" fill-opacity="0.9"/>'
                )
                parts.append(_svg.text(x + segment_width / 2, y + row_height / 2 + 4, inside, size=12, anchor="middle"))
            start += shown
        if not as_share:
            parts.append(_svg.text(x_of(start) + 5, y + row_height / 2 + 5, _format(total, language, decimals), size=_FONT))
        parts.append("</g>")
    parts.append(f'<line x1="{_svg.number(left)}" y1="{top}" x2="{_svg.number(left)}" y2="{_svg.number(plot_bottom)}" stroke="{_svg.TEXT_COLOUR}"/>')
    parts.append("</svg>")
    return "\n".join(parts)


def _stacked_description(
    rows: Sequence[tuple[str, Sequence[float | None]]], segment_labels: Sequence[str], language: str, decimals: int | None, missing: str
) -> str:
    vocabulary = _words(language)
    if not rows:
        return vocabulary["no_data"] + "."
    sentences = []
    for label, values in rows:
        pieces = ", ".join(
            f"{segment}: {missing if value is None else _format(float(value), language, decimals)}"
            for segment, value in zip(segment_labels, values, strict=True)
        )
        sentences.append(f"{label}: {pieces}.")
    return " ".join(sentences)

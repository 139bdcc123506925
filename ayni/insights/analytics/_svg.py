"""Shared helpers for the hand-written SVG of charts.py and network.py.

Every piece of caller text goes through ``escape``: XML-invalid control characters are
dropped and markup characters are escaped, so a label such as ``</text><script>`` stays text.
"""

from __future__ import annotations

import html
import math
import re

FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
TEXT_COLOUR = "#1a1a1a"
MUTED_COLOUR = "#595959"  # 7:1 on white
GRID_COLOUR = "#d9d9d9"

# Okabe-Ito palette (distinguishable with the common colour-vision deficiencies),
# yellow darkened for contrast on white paper.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#8C7A00", "#000000")

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

_WORDS = {
    "es": {
        "no_data": "Sin datos",
        "hidden": "oculto",
        "month_names": ("ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"),
        "decimal": ",",
        "thousands": ".",
    },
    "en": {
        "no_data": "No data",
        "hidden": "hidden",
        "month_names": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
        "decimal": ".",
        "thousands": ",",
    },
}


def language_code(language: str) -> str:
    """ "es" for any Spanish variant ("es-PE", "es_ES"), otherwise "en"."""
    code = (language or "").replace("_", "-").split("-")[0].lower()
    return "es" if code == "es" else "en"


def words(language: str) -> dict:
    """Built-in chart words for "es" or "en" (anything else falls back to English)."""
    return _WORDS[language_code(language)]


def escape(text: object) -> str:
    """Text safe inside an SVG element or a double-quoted attribute."""
    return html.escape(_INVALID_XML.sub("", str(text)), quote=True)


def number(value: float) -> str:
    """A coordinate: at most two decimals, no trailing zeros."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def format_value(value: float, language: str, decimals: int | None = None) -> str:
    """A figure for people: 20.000 / 3,5 in Spanish, 20,000 / 3.5 in English."""
    vocabulary = words(language)
    automatic = decimals is None
    if decimals is None:
        decimals = 0 if float(value).is_integer() else (1 if abs(value) >= 10 else 2)
    text = f"{value:,.{decimals}f}"
    if automatic and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(",", "\x00").replace(".", vocabulary["decimal"]).replace("\x00", vocabulary["thousands"])


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering [low, high] (1, 2, 2.5 or 5 times a power of ten)."""
    if not math.isfinite(low) or not math.isfinite(high):
        return [0.0, 1.0]
    if high <= low:
        high = low + 1
    raw_step = (high - low) / max(1, count - 1)
    magnitude = 10 ** math.floor(math.log10(raw_step))
    step = next(factor * magnitude for factor in (1, 2, 2.5, 5, 10) if factor * magnitude >= raw_step)
    first = math.floor(low / step + 1e-9) * step
    ticks = []
    value = first
    while value < high + step * 1e-9 or len(ticks) < 2:
        ticks.append(round(value, 10))
        value += step
    if ticks[-1] < high - step * 1e-9:
        ticks.append(round(value, 10))
    return ticks


def open_svg(width: float, height: float, title: str, description: str) -> list[str]:
    """The opening of an accessible SVG: role, aria-label, <title> and <desc> first."""
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {number(width)} {number(height)}" '
        f'width="{number(width)}" height="{number(height)}" role="img" aria-label="{escape(title)}" '
        f'style="max-width:100%;height:auto" font-family="{escape(FONT_FAMILY)}">',
        f"<title>{escape(title)}</title>",
        f"<desc>{escape(description)}</desc>",
        f'<rect x="0" y="0" width="{number(width)}" height="{number(height)}" fill="#ffffff"/>',
    ]


def text(x: float, y: float, content: object, *, size: float = 14, anchor: str = "start", fill: str = TEXT_COLOUR, weight: str | None = None, extra: str = "") -> str:
    weight_attribute = f' font-weight="{weight}"' if weight else ""
    return (
        f'<text x="{number(x)}" y="{number(y)}" font-size="{number(size)}" text-anchor="{anchor}" '
        f'fill="{fill}"{weight_attribute}{extra}>{escape(content)}</text>'
    )


def shorten(label: str, limit: int) -> str:
    """Cut a label to ``limit`` characters with an ellipsis (the full text stays in the caller's table)."""
    label = str(label)
    return label if len(label) <= limit else label[: max(1, limit - 1)].rstrip() + "…"


def shape_path(shape: int, x: float, y: float, size: float) -> str:
    """Path data for marker ``shape`` (0 circle, 1 square, 2 triangle, 3 diamond, 4 inverted triangle, 5 cross) centred on x, y."""
    s = size
    n = number
    kind = shape % 6
    if kind == 0:
        return f"M{n(x - s)},{n(y)}a{n(s)},{n(s)} 0 1,0 {n(2 * s)},0a{n(s)},{n(s)} 0 1,0 {n(-2 * s)},0Z"
    if kind == 1:
        d = s * 0.88
        return f"M{n(x - d)},{n(y - d)}h{n(2 * d)}v{n(2 * d)}h{n(-2 * d)}Z"
    if kind == 2:
        return f"M{n(x)},{n(y - s * 1.15)}L{n(x + s * 1.1)},{n(y + s * 0.8)}L{n(x - s * 1.1)},{n(y + s * 0.8)}Z"
    if kind == 3:
        d = s * 1.25
        return f"M{n(x)},{n(y - d)}L{n(x + d)},{n(y)}L{n(x)},{n(y + d)}L{n(x - d)},{n(y)}Z"
    if kind == 4:
        return f"M{n(x)},{n(y + s * 1.15)}L{n(x + s * 1.1)},{n(y - s * 0.8)}L{n(x - s * 1.1)},{n(y - s * 0.8)}Z"
    w = s * 0.42
    return (
        f"M{n(x - w)},{n(y - s)}h{n(2 * w)}v{n(s - w)}h{n(s - w)}v{n(2 * w)}h{n(w - s)}v{n(s - w)}"
        f"h{n(-2 * w)}v{n(w - s)}h{n(w - s)}v{n(-2 * w)}h{n(s - w)}Z"
    )

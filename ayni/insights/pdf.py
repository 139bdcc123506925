"""The period report as a PDF, with fpdf2 (pure Python, works offline, draws our SVG charts).

fpdf2 was chosen over a headless browser print: no browser process to start, supervise or
time out on a server, a few milliseconds per report, and it reads the same SVG charts the
pages show. Text is set in DejaVu Sans (shipped in ``ayni/insights/fonts/``, Bitstream Vera
licence), which covers Latin, Greek, Cyrillic, Arabic and more; when a report holds characters
DejaVu lacks (Chinese, Japanese, Korean names) Droid Sans Fallback (Apache 2.0, shipped beside
it) is added as a fallback. Only characters neither font has are replaced.
"""

from __future__ import annotations

import io
import logging
import re
from functools import cache
from pathlib import Path

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from fpdf import FPDF

from ayni.insights import presentation

logging.getLogger("fpdf.svg").setLevel(logging.ERROR)  # it names SVG tags it skips (<title>, <pattern>)


FONTS = Path(__file__).resolve().parent / "fonts"
FAMILY = "ayni"
FALLBACK = "ayni-fallback"


@cache
def _covered(name: str) -> frozenset[int]:
    """The code points a shipped font has a glyph for (read once per process)."""
    from fontTools.ttLib import TTFont

    with TTFont(FONTS / name, lazy=True) as font:
        return frozenset(font.getBestCmap())


def _latin(text) -> str:
    """The text as it can be set: characters no shipped font has become "?" (the report never fails)."""
    text = str(text)
    main, fallback = _covered("DejaVuSans.ttf"), _covered("DroidSansFallback.ttf")
    if all(ord(char) in main for char in text):
        return text
    return "".join(char if ord(char) in main or ord(char) in fallback or char in "\n\r\t" else "?" for char in text)


SVG = re.compile(r"<svg\b.*?</svg>", re.DOTALL)
FONT_FAMILY = re.compile(r'font-family="[^"]*"')


def _charts(markup: str) -> list[str]:
    """Each SVG of a section on its own (a section may hold several), its text set in the report's font."""
    return [FONT_FAMILY.sub(f'font-family="{FAMILY}, sans-serif"', svg) for svg in SVG.findall(markup or "")]


def _needs_fallback(texts) -> bool:
    main, fallback = _covered("DejaVuSans.ttf"), _covered("DroidSansFallback.ttf")
    return any(ord(char) not in main and ord(char) in fallback for text in texts for char in str(text))


def _texts(community, period, sections):
    yield community.name
    yield period.label()
    for section in sections:
        yield section.title
        yield section.note
        for headline in section.headlines:
            yield headline.label
            yield presentation.cell(headline.value)
        yield from section.header
        for row in section.rows:
            yield from (value for value in row if value is not None)


def _para(pdf: FPDF, height: float, text: str) -> None:
    pdf.multi_cell(0, height, text, new_x="LMARGIN", new_y="NEXT")


class _Report(FPDF):
    footer_text = ""

    def footer(self):
        self.set_y(-12)
        self.set_font(FAMILY, size=8)
        self.set_text_color(90, 90, 90)
        self.cell(0, 8, _latin(f"{self.footer_text} · {self.page_no()}"), align="C")


def report_pdf(*, community, period, sections, language: str) -> bytes:
    pdf = _Report(format="A4")
    pdf.add_font(FAMILY, fname=FONTS / "DejaVuSans.ttf")
    pdf.add_font(FAMILY, style="B", fname=FONTS / "DejaVuSans-Bold.ttf")
    if _needs_fallback(_texts(community, period, sections)):
        pdf.add_font(FALLBACK, fname=FONTS / "DroidSansFallback.ttf")
        pdf.set_fallback_fonts([FALLBACK], exact_match=False)
    pdf.footer_text = _("Ayni · %(community)s · %(period)s") % {"community": community.name, "period": period.label()}
    pdf.set_title(_latin(_("Period report: %(community)s") % {"community": community.name}))
    pdf.set_author("Ayni")
    pdf.set_auto_page_break(auto=True, margin=16)
    pdf.add_page()
    pdf.set_font(FAMILY, style="B", size=18)
    _para(pdf, 9, _latin(_("Period report: %(community)s") % {"community": community.name}))
    pdf.set_font(FAMILY, size=11)
    _para(pdf, 6, _latin(_("Period: %(period)s. Produced on %(day)s.") % {
        "period": period.label(), "day": date_format(timezone.localdate(), "DATE_FORMAT")}))
    pdf.set_text_color(90, 90, 90)
    _para(pdf, 5, _latin(_("Figures about fewer than 5 people are hidden so that no one can be recognised.")))
    pdf.set_text_color(0, 0, 0)
    for section in sections:
        _section(pdf, section)
    return bytes(pdf.output())


def _section(pdf: FPDF, section) -> None:
    if pdf.get_y() > 220:
        pdf.add_page()
    pdf.ln(4)
    pdf.set_font(FAMILY, style="B", size=14)
    _para(pdf, 8, _latin(section.title))
    pdf.set_font(FAMILY, size=10)
    if section.headlines:
        line = " · ".join(f"{headline.label}: {presentation.cell(headline.value)}" for headline in section.headlines)
        _para(pdf, 5, _latin(line))
    for chart in _charts(section.chart):
        if pdf.get_y() > 170:
            pdf.add_page()
        try:
            pdf.image(io.BytesIO(chart.encode("utf-8")), w=150)
        except Exception:  # a chart fpdf cannot draw must not cost the whole report; the table follows
            logging.getLogger("ayni.insights").exception("chart not drawn in the PDF")
    if section.header and section.rows:
        pdf.ln(2)
        pdf.set_font(FAMILY, size=8)
        with pdf.table(text_align="LEFT", first_row_as_headings=True, line_height=4.5) as table:
            table.row([_latin(text) for text in section.header])
            for row in section.rows[:40]:
                table.row([_latin(presentation.cell(value) if value is None else value) for value in row])
    if section.note:
        pdf.set_font(FAMILY, size=8)
        pdf.set_text_color(90, 90, 90)
        _para(pdf, 4, _latin(section.note))
        pdf.set_text_color(0, 0, 0)

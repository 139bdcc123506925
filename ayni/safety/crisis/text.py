"""Text normalisation that keeps offsets.

The detector matches on a folded copy of the text (lower case, accents removed, curly quotes
made straight) whose characters line up one to one with the original, so a match's start and
end point into the text the person wrote.
"""

from __future__ import annotations

import re
import unicodedata

_QUOTES = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u00b4": "'",
    "`": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u00ab": '"',
    "\u00bb": '"',
}


def _fold_char(char: str) -> str:
    if char in _QUOTES:
        return _QUOTES[char]
    lower = char.lower()
    if len(lower) != 1:
        lower = char
    decomposed = unicodedata.normalize("NFD", lower)
    base = decomposed[0]
    if base.isascii() or len(decomposed) > 1:
        return base
    return lower


def fold(text: str) -> str:
    """Lower-case, accent-free copy of ``text`` with the same length."""
    return "".join(_fold_char(char) for char in text)


_SENTENCE_END = re.compile(r"[.!?;\n\u00bf\u00a1]+")
_CLAUSE_END = re.compile(
    r"[.!?;\n\u00bf\u00a1,:\u2014]+|\s(?:y|e|pero|aunque|porque|and|but|though|because|so|asi que)\s"
)


def sentence_bounds(folded: str, position: int) -> tuple[int, int]:
    """The start and end of the sentence around ``position``."""
    return _bounds(_SENTENCE_END, folded, position)


def clause_bounds(folded: str, position: int) -> tuple[int, int]:
    """The start and end of the clause (split at commas and conjunctions) around ``position``."""
    return _bounds(_CLAUSE_END, folded, position)


def _bounds(pattern: re.Pattern[str], folded: str, position: int) -> tuple[int, int]:
    start = 0
    end = len(folded)
    for match in pattern.finditer(folded):
        if match.end() <= position:
            start = match.end()
        elif match.start() >= position:
            end = match.start()
            break
    return start, end


def quoted_spans(folded: str) -> list[tuple[int, int]]:
    """Spans between straight double quotes (after folding), and between single quotes used
    as quotation marks (preceded by a space or start, not an apostrophe inside a word)."""
    spans = [(m.start(), m.end()) for m in re.finditer(r'"[^"\n]{2,}"', folded)]
    spans += [(m.start(), m.end()) for m in re.finditer(r"(?<!\w)'[^'\n]{2,}'(?!\w)", folded)]
    return spans

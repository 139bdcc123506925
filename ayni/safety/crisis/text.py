"""Text normalisation that keeps offsets.

The detector matches on a folded copy of the text (lower case, accents removed, curly quotes
made straight) whose characters line up one to one with the original, so a match's start and
end point into the text the person wrote.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right

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


_FOLDED: dict[str, str] = {}


def fold(text: str) -> str:
    """Lower-case, accent-free copy of ``text`` with the same length."""
    if text.isascii():
        return text.lower().translate(_ASCII_QUOTES)
    out = []
    for char in text:
        folded = _FOLDED.get(char)
        if folded is None:
            folded = _fold_char(char)
            if len(_FOLDED) < 10000:
                _FOLDED[char] = folded
        out.append(folded)
    return "".join(out)


_ASCII_QUOTES = str.maketrans({"`": "'"})


class Boundaries:
    """Sentence and clause limits of one folded text, computed once."""

    def __init__(self, folded: str) -> None:
        self.length = len(folded)
        self._sentences = [(m.start(), m.end()) for m in _SENTENCE_END.finditer(folded)]
        self._clauses = [(m.start(), m.end()) for m in _CLAUSE_END.finditer(folded)]
        self._sentence_ends = [end for _, end in self._sentences]
        self._clause_ends = [end for _, end in self._clauses]

    def sentence(self, position: int) -> tuple[int, int]:
        return self._around(self._sentences, self._sentence_ends, position)

    def clause(self, position: int) -> tuple[int, int]:
        return self._around(self._clauses, self._clause_ends, position)

    def _around(
        self, marks: list[tuple[int, int]], ends: list[int], position: int
    ) -> tuple[int, int]:
        # Marks do not overlap and are in order: the last one ending at or before the position
        # opens the span; the first one after it closes the span if it starts at or after it.
        index = bisect_right(ends, position)
        start = marks[index - 1][1] if index else 0
        if index < len(marks) and marks[index][0] < position:
            index += 1  # a mark around the position itself is neither start nor end
        end = marks[index][0] if index < len(marks) else self.length
        return start, end


_SENTENCE_END = re.compile(r"[.!?;\n\u00bf\u00a1]+")
_CLAUSE_END = re.compile(
    r"[.!?;\n\u00bf\u00a1,:\u2014]+|\s(?:y|e|pero|aunque|porque|and|but|though|because|so|asi que)\s"
)


def quoted_spans(folded: str) -> list[tuple[int, int]]:
    """Spans between straight double quotes (after folding), and between single quotes used
    as quotation marks (preceded by a space or start, not an apostrophe inside a word)."""
    spans = [(m.start(), m.end()) for m in re.finditer(r'"[^"\n]{2,}"', folded)]
    spans += [(m.start(), m.end()) for m in re.finditer(r"(?<!\w)'[^'\n]{2,}'(?!\w)", folded)]
    return spans

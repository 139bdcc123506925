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

    def sentence(self, position: int) -> tuple[int, int]:
        return self._around(self._sentences, position)

    def clause(self, position: int) -> tuple[int, int]:
        return self._around(self._clauses, position)

    def _around(self, marks: list[tuple[int, int]], position: int) -> tuple[int, int]:
        start, end = 0, self.length
        for mark_start, mark_end in marks:
            if mark_end <= position:
                start = mark_end
            elif mark_start >= position:
                end = mark_start
                break
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

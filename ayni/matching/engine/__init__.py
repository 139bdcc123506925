"""Ayni's matching engine: framework-free (plain data in, plain data out; no Django).

Public API::

    from ayni.matching.engine import (
        Seeker, Supporter, Weights, Reason, Pair, Result, SupporterIndex,
        solve, suggest, form_circles, explain, summarize_unmatched,
    )

- ``Seeker`` / ``Supporter``: dataclasses, keyword-only, ids as str (see their docstrings
  for every field; ``Supporter.capacity`` is the number of FREE places).
- ``solve(seekers, supporters, *, weights=None, k=50, locked=(), vetoed=(),
  forbidden_pairs=(), same_group="ignore", progress=None, today=None) -> Result`` with
  ``.pairs`` (``Pair(seeker_id, supporter_id, score 0-100, reasons, locked)``),
  ``.unmatched`` ({seeker_id: Reason}) and ``.stats``. The most seekers possible are
  matched (exactly), and among those the total score is the highest.
- ``suggest(seeker, supporters_or_index, *, n=5, weights=None, forbidden_pairs=(),
  same_group="ignore") -> list[Pair]``: build ``SupporterIndex(supporters)`` once and reuse it.
- ``form_circles(seekers, facilitators, *, min_size=4, max_size=8) -> CirclesResult``
  (``.circles``: ``Circle(topic, language, slot, place, seeker_ids, facilitator_id,
  reasons)``, ``.unplaced``: {seeker_id: Reason}).
- ``explain(reasons, lang="es", topic_names=None) -> list[str]``: sentences in Spanish or
  English; ``Reason.as_dict()`` / ``Reason.from_dict()`` for JSON storage.
- ``summarize_unmatched(unmatched) -> list[UnmatchedGroup(reason, count, seeker_ids)]``.
- ``text.terms(text)``: the stemmed terms of a free text, to store with a profile
  (``Seeker.terms`` / ``Supporter.terms``) so a matching run does not compute them.
"""

from .circles import Circle, CirclesResult, form_circles
from .core import SupporterIndex
from .explain import UnmatchedGroup, explain, summarize_unmatched
from .model import SLOTS, Pair, Reason, Result, Seeker, Supporter, Weights
from .solver import solve, suggest

__all__ = [
    "SLOTS",
    "Circle",
    "CirclesResult",
    "Pair",
    "Reason",
    "Result",
    "Seeker",
    "Supporter",
    "SupporterIndex",
    "UnmatchedGroup",
    "Weights",
    "explain",
    "form_circles",
    "solve",
    "suggest",
    "summarize_unmatched",
]

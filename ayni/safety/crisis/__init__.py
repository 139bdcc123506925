"""Crisis detection for Ayni: a framework-free rule detector with a small learned second opinion
(Spanish and English).

    >>> from ayni.safety.crisis import detect
    >>> result = detect("ya no quiero vivir")
    >>> result.level, result.language, [f.category for f in result.reasons]
    ('urgent', 'es', ['suicide'])

``detect(text, language=None) -> Detection``

- ``Detection.level``: "none", "concern" or "urgent";
- ``Detection.reasons``: list of ``Finding(category, expression, start, end, level)``, in text
  order; ``expression == text[start:end]``;
- ``Detection.language``: "es" or "en" (the one given, or a guess).

Categories (``CATEGORIES``): "suicide", "self_harm", "harm_to_others", "abuse" (of a child or
dependant, sexual abuse), "domestic_violence" (violence at home from a partner), and
"acute_danger" (a medical emergency or immediate danger: pills taken, bleeding, a weapon).

It is a rule detector with a logistic-regression second opinion, not a clinician: see docs/crisis-detection.md for what it does not see.
"""

from .detector import LEVELS, Detection, Finding, detect, guess_language
from .rules import CATEGORIES

__all__ = ["CATEGORIES", "LEVELS", "Detection", "Finding", "detect", "guess_language"]

"""Helpers for content written in both languages (fields named `<name>_es`, `<name>_en`)."""

from django.conf import settings
from django.utils import translation

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def current_language() -> str:
    return (translation.get_language() or settings.LANGUAGE_CODE)[:2]


def localized(obj, field: str, language: str | None = None) -> str:
    """The `field` of `obj` in `language` (default: the active one), else in any language."""
    language = (language or current_language())[:2]
    value = getattr(obj, f"{field}_{language}", "")
    if value:
        return value
    for code in LANGUAGE_CODES:
        value = getattr(obj, f"{field}_{code}", "")
        if value:
            return value
    return ""


def localized_dict(values: dict | None, language: str | None = None) -> str:
    """The same, for a {"es": ..., "en": ...} mapping (JSON content)."""
    if not values:
        return ""
    language = (language or current_language())[:2]
    if values.get(language):
        return values[language]
    for code in LANGUAGE_CODES:
        if values.get(code):
            return values[code]
    return ""

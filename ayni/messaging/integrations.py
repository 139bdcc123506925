"""Calls into other parts of Ayni that are built in parallel (safety, training, matching,
relationships). Each is looked up when called, so this app works before they exist and uses
them as soon as they are installed. Fallbacks never pretend: where a check cannot run, the
function says so (`None`) or applies the stricter rule."""

import importlib
import logging
import re

logger = logging.getLogger("ayni.messaging")


def _optional(module: str, name: str):
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None


def screen_text(*, author, text: str, community, source: str, source_id):
    """The safety screening of a text (crisis check and alert), or None while safety is not installed."""
    function = _optional("ayni.safety.screening", "screen_text")
    if function is None:
        return None
    return function(author=author, text=text, community=community, source=source, source_id=source_id)


def is_blocked(first_user, second_user) -> bool:
    function = _optional("ayni.safety.selectors", "is_blocked")
    return bool(function(first_user, second_user)) if function is not None else False


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_PHONE = re.compile(r"(?<!\w)\+?\d[\d\s().-]{6,}\d")
_URL = re.compile(r"(https?://|www\.)\S+", re.IGNORECASE)
_HANDLE = re.compile(r"(?<![\w@])@[A-Za-z0-9_.]{3,}")


def mask_contacts(text: str) -> str:
    """Hide e-mail addresses, phone numbers, links and handles (safety's masking when installed)."""
    function = _optional("ayni.safety.masking", "mask_contacts")
    if function is not None:
        return function(text)
    for pattern in (_EMAIL, _URL, _PHONE, _HANDLE):
        text = pattern.sub("[…]", text)
    return text


def is_minor(membership) -> bool:
    function = _optional("ayni.safety.minors", "is_minor")
    if function is not None:
        return bool(function(membership))
    profile = getattr(membership.user, "profile", None) if membership is not None else None
    return bool(profile is not None and profile.is_minor)


def supporter_eligibility(membership):
    """The training's eligibility of a supporter, or None while training is not installed."""
    function = _optional("ayni.training.eligibility", "supporter_eligibility")
    return function(membership) if function is not None else None


def form_circles_engine():
    """The matching engine's grouping, or None (then circles group by topic, language and availability)."""
    return _optional("ayni.matching.engine", "form_circles")

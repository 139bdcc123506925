"""The registry of notification kinds. Each app registers its kinds in AppConfig.ready():

    register_kind("support.proposal", title=_("%(name)s was proposed to you"), category="proposals")

`title` is a lazy translation with %(name)s placeholders filled from the notification's context.
`category` groups kinds for people's preferences (proposals, messages, reminders, check-ins,
safety, training, circles, surveys, general).
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Kind:
    key: str
    title: object  # a lazy string
    category: str = "general"
    email: bool = True  # sent by e-mail unless the person turned the category off


CATEGORIES = {
    "proposals": _("Proposals and matches"),
    "messages": _("Messages"),
    "reminders": _("Sessions and reminders"),
    "checkins": _("Check-ins"),
    "safety": _("Safety alerts"),
    "training": _("Training"),
    "circles": _("Circles"),
    "surveys": _("Surveys"),
    "general": _("Other news"),
}

_KINDS: dict[str, Kind] = {}


def register_kind(key: str, *, title, category: str = "general", email: bool = True) -> Kind:
    if category not in CATEGORIES:
        raise ValueError(f"Unknown notification category {category!r}")
    kind = Kind(key=key, title=title, category=category, email=email)
    _KINDS[key] = kind
    return kind


def get_kind(key: str) -> Kind:
    return _KINDS.get(key) or Kind(key=key, title=_("You have a new notification"))


def registered_kinds() -> dict[str, Kind]:
    return dict(_KINDS)


def render_title(key: str, context: dict) -> str:
    template = str(get_kind(key).title)
    try:
        return template % context
    except (KeyError, TypeError, ValueError):
        return str(_("You have a new notification"))

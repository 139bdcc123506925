from django import template
from django.utils.http import urlencode

from ayni.core.i18n import localized as _localized
from ayni.core.i18n import localized_dict

register = template.Library()


@register.filter
def localized(obj, field: str) -> str:
    """{{ topic|localized:"name" }}: the field in the reader's language."""
    if isinstance(obj, dict):
        return localized_dict(obj.get(field) if field in obj else obj)
    return _localized(obj, field)


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters replaced (for pagination links)."""
    request = context["request"]
    params = request.GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return "?" + urlencode(sorted(params.lists()), doseq=True) if params else "?"


@register.filter
def get_item(mapping, key):
    try:
        return mapping[key]
    except (KeyError, IndexError, TypeError):
        return None


@register.simple_tag
def submission_key():
    """A hidden one-time key: the form does its work once however often it is sent."""
    from django.utils.html import format_html

    from ayni.core.submissions import FIELD, new_key

    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, new_key())

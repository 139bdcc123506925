import markdown as markdown_lib
import nh3
from django import template
from django.utils.safestring import mark_safe

from ayni.core.i18n import localized_dict

register = template.Library()

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "blockquote",
    "ul", "ol", "li", "a", "code", "pre", "table", "thead", "tbody", "tr", "th", "td",
    "dl", "dt", "dd", "abbr",
}


def render_markdown(text: str) -> str:
    """Markdown to HTML, then cleaned by nh3: no scripts, no styles, no raw HTML tricks.
    Headings start at h2 (the page has the h1)."""
    html = markdown_lib.markdown(text or "", extensions=["extra", "sane_lists"])
    html = html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    return nh3.clean(html, tags=ALLOWED_TAGS, link_rel="noopener noreferrer nofollow",
                     url_schemes={"http", "https", "mailto", "tel"})


@register.filter
def markdown(text: str) -> str:
    return mark_safe(render_markdown(text))  # noqa: S308 - cleaned by nh3


@register.filter
def lang(values) -> str:
    """A {"es": ..., "en": ...} text in the active language."""
    return localized_dict(values)

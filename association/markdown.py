"""The safe text format of the association's pages: Markdown, rendered and then sanitised, never raw HTML.

markdown-it-py renders CommonMark with tables and strikethrough; raw HTML in the text is shown as text, and images
are not rendered at all (a picture from another host would be a third-party request, which the policy rules out
and the CSP blocks). nh3 (the Ammonia sanitiser) then keeps only the tags and attributes below and links to
http(s), mailto and tel, as a second line of defence. Headings start at h2 under the page's own h1 and keep no
gaps between levels, whatever levels the author typed.
"""

from functools import lru_cache

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "s", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
# No style attribute: the CSP allows no inline style, so a column alignment would only log a violation.
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False, "typographer": False})
    return parser.enable(["table", "strikethrough"]).disable("image")


def _level_headings(tokens) -> None:
    """Map the heading levels used (say #, ### and ####) onto h2, h3, h4: the page's h1 is its title."""
    levels = sorted({int(t.tag[1]) for t in tokens if t.type in ("heading_open", "heading_close")})
    mapping = {level: f"h{min(index + 2, 6)}" for index, level in enumerate(levels)}
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = mapping[int(token.tag[1])]


def render_markdown(text: str) -> SafeString:
    if not text or not text.strip():
        return mark_safe("")
    parser = _parser()
    tokens = parser.parse(text)
    _level_headings(tokens)
    html = parser.renderer.render(tokens, parser.options, {})
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
    return mark_safe(cleaned)  # sanitised by nh3 just above

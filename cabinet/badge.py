"""The embeddable member badge: a small SVG drawn from the live verification status."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.translation import gettext as _

from dkz_site.dates import long_date


def badge_svg(status) -> str:
    if status.verified:
        line = _("Member until %(date)s") % {"date": long_date(status.active_until)}
        colour = "#0b6b3a"
    else:
        line = _("Membership not confirmed")
        colour = "#8a1c1c"
    title = str(_("Digital Kazakhstan association"))
    width = 260
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="56" '
        f'viewBox="0 0 {width} 56" role="img" aria-label="{escape(title)}: {escape(line)}">'
        f"<title>{escape(title)}: {escape(line)}</title>"
        f'<rect width="{width}" height="56" rx="6" fill="{colour}"/>'
        f'<text x="12" y="23" fill="#fff" font-family="DejaVu Sans,Verdana,sans-serif" '
        f'font-size="13" font-weight="bold"{_fit(title, 13, 0.62, width - 24)}>{escape(title)}</text>'
        f'<text x="12" y="43" fill="#fff" font-family="DejaVu Sans,Verdana,sans-serif" '
        f'font-size="12"{_fit(line, 12, 0.56, width - 24)}>{escape(line)}</text></svg>'
    )


def _fit(text: str, size: int, average_width: float, room: int) -> str:
    """A line whose estimated width exceeds the room is drawn narrower to fit it, never cut off (the Kazakh
    title is longer than the Russian and English ones); a short line keeps its natural width."""
    if len(text) * size * average_width <= room:
        return ""
    return f' textLength="{room}" lengthAdjust="spacingAndGlyphs"'

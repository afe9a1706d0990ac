"""Page links for any paginated list, written out in Python (a directory page renders them on every request)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.utils.html import conditional_escape as esc
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext


def pagination(page, query) -> SafeString:
    """Links to the previous, next and nearby pages, keeping the other query parameters (`query`: the request's
    GET) as they were; nothing when everything fits one page."""
    if page.paginator.num_pages <= 1:
        return mark_safe("")
    others = [(key, value) for key, values in query.lists() if key != "page" for value in values]

    def href(number) -> str:
        return esc("?" + urlencode([*others, ("page", number)]))

    items = []
    if page.has_previous():
        previous = esc(gettext("Previous"))
        items.append(
            f'<li><a href="{href(page.previous_page_number())}" rel="prev">{previous}</a></li>'
        )
    for number in page.links:
        if number == page.paginator.ELLIPSIS:
            items.append('<li><span class="muted">…</span></li>')
        elif number == page.number:
            items.append(f'<li><span aria-current="page">{number}</span></li>')
        else:
            label = esc(gettext("Page %(number)s") % {"number": number})
            items.append(f'<li><a href="{href(number)}" aria-label="{label}">{number}</a></li>')
    if page.has_next():
        following = esc(gettext("Next"))  # outside the f-string, where makemessages finds it
        items.append(
            f'<li><a href="{href(page.next_page_number())}" rel="next">{following}</a></li>'
        )
    pages = esc(gettext("Pages"))
    links = "\n    ".join(items)
    return mark_safe(
        f'<nav aria-label="{pages}">\n  <ul class="pagination">\n    {links}\n  </ul>\n</nav>'
    )

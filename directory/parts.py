"""The repeated parts of the directory's pages, written out in Python: cards, the "Add to compare" form, the
filter form's fields and the page links.

A directory page holds 20 member cards, or 20 equipment cards each with its compare form. Through the template
language each card cost a dozen nodes (a URL reversed, filters, a nested loop, an included template per card),
each filter field an included template, each page link a query string built by a tag. Here a card is one
formatted string, every URL is worked out once per page and every text translated once per page. The markup is
the one the templates had, less what a members page repeated for nothing (it has a weight budget, see README):
the cards' and filter fields' indentation, and the card classes on each of the 20 cards (the list's class styles
them).
"""

from __future__ import annotations

import html

from django import forms
from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, SafeString, mark_safe
from django.utils.text import add_truncation_text
from django.utils.translation import get_language, gettext, ngettext

from dkz_site.reversing import url_for_each

from .models import page_language

SUMMARY_WORDS = 28


def esc(text) -> str:
    """`conditional_escape`, with a short way for a plain string (a name or description read from the database, a
    `Translated` name): the same `html.escape` Django's `escape` applies, without its checks for lazy and safe
    texts."""
    if type(text) is str or (isinstance(text, str) and not isinstance(text, SafeData)):
        return html.escape(text)
    return conditional_escape(text)


def in_language(text) -> SafeString:
    """A text from `models.in_language`: as it is in the page's language; a fallback in another language is
    marked with its `lang` (screen readers switch voice) and named after it, "(in Russian)"."""
    if not getattr(text, "fallback", False):
        return esc(text)
    return mark_safe(
        f'<span lang="{text.lang}">{esc(text)}</span> '
        f'<span class="lang-note">({esc(text.language_name)})</span>'
    )


def member_cards(members) -> SafeString:
    """`<li>` cards for a page of members (with their profiles), for a `<ul class="grid member-cards">`."""
    member_url = url_for_each("directory:member")
    equipment = esc(gettext("Equipment:"))
    label = _labels()
    language = get_language()
    cards = []
    for member in members:
        profile = member.profile
        card = (
            "\n<li>\n"
            f'<h3><a href="{member_url(profile.slug)}">{esc(member.company_name)}</a></h3>\n'
            f'<p class="muted">{label(member.region_label)}</p>\n'
        )
        if text := profile.description(language):
            card += f"<p>{esc(summary(text))}</p>\n"
        if categories := profile.category_labels:
            tags = "".join(f'<span class="tag">{label(text)}</span>' for text in categories)
            card += f'<p><span class="visually-hidden">{equipment} </span>{tags}</p>\n'
        cards.append(card + "</li>")
    return mark_safe("".join(cards))


def summary(text: str) -> str:
    """A card's summary of a description: `Truncator(text).words(SUMMARY_WORDS, truncate=" …")` without the lazy
    object Truncator is (a few microseconds per card)."""
    words = text.split()
    if len(words) <= SUMMARY_WORDS:
        return " ".join(words)
    return add_truncation_text(" ".join(words[:SUMMARY_WORDS]), " …")


# Labels escaped, per language: {language: {id(label): (label, escaped)}} (see `_labels`).
_LABELS: dict[str, dict[int, tuple]] = {}
_MOST_LABELS = 512


def _labels():
    """Escapes a label (a region's or category's lazy name: translated on each use) once per language in each
    worker: a page of 20 cards shows the same few 60 times, and every page the same 29. Kept by the label
    object's identity (lazy texts hash by translating), with the object itself, so that an id is never taken
    for another object's."""
    escaped = _LABELS.setdefault(get_language(), {})
    if len(escaped) >= _MOST_LABELS:
        escaped.clear()

    def label(text) -> str:
        found = escaped.get(id(text))
        if found is None or found[0] is not text:
            found = escaped[id(text)] = (text, esc(text))
        return found[1]

    return label


def specification_table(groups) -> SafeString:
    """An item's specifications (`Equipment.specification_groups()`): a `<tbody>` per group, a row per value."""
    language = page_language()
    bodies = []
    for heading, specs in groups:
        rows = "".join(
            f'\n          <tr><th scope="row">{in_language(spec.field.label(language))}</th>'
            f"<td>{in_language(spec.display(language))}</td></tr>"
            for spec in specs
        )
        bodies.append(
            "\n      <tbody>\n"
            f'        <tr><th scope="rowgroup" colspan="2" class="spec-group">{esc(heading)}</th></tr>'
            f"{rows}\n      </tbody>"
        )
    return mark_safe("".join(bodies))


def comparison_kinds(comparison) -> SafeString:
    """The `<li>` links of a mixed comparison (items of several kinds), one per kind, comparing its items
    alone."""
    compare_url = reverse("directory:compare")
    links = []
    for part in comparison.categories:
        counter = len(part.ids)
        text = ngettext("%(kind)s: %(counter)s item", "%(kind)s: %(counter)s items", counter) % {
            "kind": esc(part.label),
            "counter": counter,
        }
        links.append(
            f'\n          <li><a href="{compare_url}?items={esc(part.query)}">{text}</a></li>'
        )
    return mark_safe("".join(links))


def comparison_columns(comparison, compare: dict, csrf_token) -> SafeString:
    """The comparison's column headings: each item's name, kind, model and member, and its "Remove": a form
    when the visitor keeps a compare cart (functional cookies accepted), else a link to the comparison without
    it (nothing kept on the server or in a cookie)."""
    item_url = url_for_each("directory:equipment_detail")
    member_url = url_for_each("directory:member")
    language = page_language()
    label = _labels()
    share = esc(comparison.share_query)
    remove = esc(gettext("Remove"))
    if compare["allowed"]:
        form = (
            f'              <form method="post" action="{esc(reverse("directory:compare_remove"))}">\n'
            f"                {csrf_input(csrf_token)}\n"
        )
    heads = []
    for item, rest in comparison.columns:
        name = item.name_in(language)
        hidden = f'<span class="visually-hidden">: {esc(name)}</span>'
        model = f' · <span class="nowrap">{esc(item.model)}</span>' if item.model else ""
        head = (
            '\n            <th scope="col">\n'
            f'              <a href="{item_url(item.pk)}?items={share}">{in_language(name)}</a>\n'
            f'              <span class="compare-meta">{label(item.category_label)}{model}</span>\n'
            f'              <span class="compare-meta"><a href="{member_url(item.member.profile.slug)}">'
            f"{esc(item.member.company_name)}</a></span>\n"
        )
        if compare["allowed"]:
            head += (
                f"{form}"
                f'                <input type="hidden" name="item" value="{item.pk}">\n'
                f'                <input type="hidden" name="items" value="{share}">\n'
                '                <button type="submit" class="button-secondary button-small">'
                f"{remove}{hidden}</button>\n"
                "              </form>\n"
            )
        else:
            href = esc(compare["url"] + (f"?items={rest}" if rest else ""))
            head += (
                f'              <p><a class="button button-secondary button-small" href="{href}">'
                f"{remove}{hidden}</a></p>\n"
            )
        heads.append(head + "            </th>")
    return mark_safe("".join(heads))


def csrf_input(csrf_token) -> str:
    """What `{% csrf_token %}` writes: the hidden field, or nothing without a token."""
    if not csrf_token or csrf_token == "NOTPROVIDED":
        return ""
    return f'<input type="hidden" name="csrfmiddlewaretoken" value="{esc(csrf_token)}">'


def comparison_rows(comparison) -> SafeString:
    """The comparison table's body (`compare.build_comparison`): a `<tbody>` per group of specifications, a row
    per field with each item's value; rows where the values differ are marked, missing values say so."""
    columns = len(comparison.items) + 1
    if not comparison.groups:
        empty = esc(gettext("These items have no specifications yet."))
        return mark_safe(f'\n        <tbody><tr><td colspan="{columns}">{empty}</td></tr></tbody>')
    language = page_language()
    # The texts outside the f-strings, where makemessages finds them.
    differ, not_given = esc(gettext("values differ")), esc(gettext("not given"))
    differ = f'<span class="visually-hidden"> ({differ})</span>'
    not_given = f'<span aria-hidden="true">—</span><span class="visually-hidden">{not_given}</span>'
    number, diff = ' class="num"', ' class="diff"'
    bodies = []
    for group in comparison.groups:
        rows = []
        for row in group.rows:
            differs = row.differs
            missing = f'<td class="missing{" num" if row.numeric else ""}">{not_given}</td>'
            cells = "".join(
                missing
                if cell.text is None
                else f"<td{number if cell.number else ''}>{in_language(cell.text)}</td>"
                for cell in row.cells
            )
            label = in_language(row.field.label(language))
            rows.append(
                f"\n            <tr{diff if differs else ''}>\n"
                f'              <th scope="row" class="compare-label">{label}'
                f"{differ if differs else ''}</th>\n"
                f"              {cells}\n            </tr>"
            )
        bodies.append(
            "\n        <tbody>\n"
            f'          <tr class="compare-group"><th scope="rowgroup" colspan="{columns}">'
            f"{esc(group.heading)}</th></tr>{''.join(rows)}\n        </tbody>"
        )
    return mark_safe("".join(bodies))


def equipment_cards(items, compare: dict, csrf_token, next_path: str) -> SafeString:
    """`<li>` cards for a page of catalogue items, each with its compare form (see `compare_form`)."""
    item_url = url_for_each("directory:equipment_detail")
    member_url = url_for_each("directory:member")
    model, offered_by = esc(gettext("Model")), esc(gettext("Offered by"))
    form = CompareForm(compare, csrf_token, next_path)
    label = _labels()
    language = page_language()
    cards = []
    for item in items:
        name = item.name_in(language)
        escaped = esc(name)
        lang = f' lang="{name.lang}"' if name.fallback else ""
        note = (
            f' <span class="lang-note">({esc(name.language_name)})</span>' if name.fallback else ""
        )
        card = (
            f'\n      <li class="card equipment-card" id="item-{item.pk}">\n'
            f'        <h3><a href="{item_url(item.pk)}"{lang}>{escaped}</a>{note}</h3>\n'
            f'        <p><span class="tag">{label(item.category_label)}</span></p>\n'
        )
        if item.model:
            card += f'        <p class="muted">{model}: {esc(item.model)}</p>\n'
        card += (
            f'        <p>{offered_by} <a href="{member_url(item.member.profile.slug)}">'
            f"{esc(item.member.company_name)}</a></p>\n"
            f"        {form.render(item, escaped)}\n"
            "      </li>"
        )
        cards.append(card)
    return mark_safe("".join(cards))


class CompareForm:
    """The "Add to compare" form of an item, as the visitor's selection allows; the texts and URLs are worked out
    once for all the items of a page. The form sends the selection the page has (`items`) and the page's
    address (`next`): the answer comes back to the same place with the item added, with or without cookies.

    `compare` is `views.compare_state(...)`; `csrf_token` is the template's `csrf_token` (the page cache's
    placeholder while a page is rendered for the cache)."""

    def __init__(self, compare: dict, csrf_token, next_path: str):
        self.compare = compare
        self.token = f'<input type="hidden" name="csrfmiddlewaretoken" value="{esc(csrf_token)}">'
        self.next = esc(next_path)
        self.add_url = esc(compare["add_url"])
        self.items = f'    <input type="hidden" name="items" value="{esc(compare["items"])}">\n'
        self.in_comparison = esc(gettext("In the comparison"))
        open_url = compare["url"] + (f"?items={compare['items']}" if compare["items"] else "")
        # Outside the f-string, where makemessages finds it.
        opened = esc(gettext("Open the comparison"))
        self.open = f'<a href="{esc(open_url)}">{opened}</a>'
        self.add = esc(gettext("Add to compare"))
        if compare["full"]:
            most = compare["max_items"]
            self.note = ngettext(
                "The comparison already holds %(max)s item.",
                "The comparison already holds %(max)s items.",
                most,
            ) % {"max": most}
        else:
            self.note = ""

    def render(self, item, name: str | None = None) -> SafeString:
        """The form for `item`; `name`, its name as the page shows it, escaped (when the caller has it)."""
        name = name if name is not None else esc(item.name_in())
        hidden_name = f'<span class="visually-hidden">: {name}</span>'
        form = f'<form method="post" action="{self.add_url}">\n    {self.token}\n'
        form += f'    <input type="hidden" name="item" value="{item.pk}">\n'
        if item.pk in self.compare["ids"]:
            return mark_safe(
                f'<div class="compare-action">\n  {form}'
                f'    <button type="submit" class="button-secondary button-small" disabled>'
                f"{self.in_comparison}{hidden_name}</button>\n  </form>\n  {self.open}\n</div>"
            )
        form += self.items + f'    <input type="hidden" name="next" value="{self.next}">\n'
        button = '<button type="submit" class="button-secondary button-small">'
        note = f'\n  <p class="compare-note muted">{self.note}</p>' if self.note else ""
        return mark_safe(
            f'<div class="compare-action">\n  {form}    {button}\n'
            f"      {self.add}{hidden_name}\n    </button>\n  </form>{note}\n</div>"
        )


# Filter selects as rendered, by form, field, language and chosen value (see `filter_field`).
_SELECTS: dict[tuple, SafeString] = {}
_MOST_SELECTS = 2048


def filter_field(field) -> SafeString:
    """A field of a GET filter form: label, help text and widget in a paragraph.

    A select with a valid value is kept once rendered, per form, field, language and value, in each worker: a
    valid choice is one of a few (21 regions, 9 categories ...), and its label, options and attributes cost
    about 50 µs to write out. A text field, or an invalid value (marked `aria-invalid`), is written each time."""
    value = field.value()
    if not isinstance(field.field, forms.ChoiceField) or field.errors or not _single(value):
        return _filter_field(field)
    key = (type(field.form), field.html_name, field.auto_id, get_language(), value)
    found = _SELECTS.get(key)
    if found is None:
        found = _filter_field(field)
        if len(_SELECTS) >= _MOST_SELECTS:
            _SELECTS.clear()
        _SELECTS[key] = found
    return found


def _single(value) -> bool:
    return value is None or isinstance(value, str)


def _filter_field(field) -> SafeString:
    help_text = ""
    if field.help_text:
        help_text = (
            f'<span class="helptext" id="{field.auto_id}_helptext">{esc(field.help_text)}</span>\n'
        )
    return mark_safe(
        f'<p>\n<label for="{field.id_for_label}">{esc(field.label)}</label>\n{help_text}{field}\n</p>'
    )

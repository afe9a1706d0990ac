"""Running text set for reading on a narrow screen: what a line must not split is kept together.

Kazakh and Russian typography keep a number with the suffix or range joined to it by a hyphen or dash
("5-бөлімде", "№ 94-V", "09:00–18:00"), a number with the word it counts ("5 жыл", "3 лет"), an abbreviation
with what it abbreviates ("ст. 8", "ул. Кунаева", "Қонаев к-сі", "Астана қ."), and a one-letter Russian word
with the word after it ("в остальном"). The browser breaks after any hyphen or dash and at any space, so these
get no-break spaces, and hyphenated numbers a `nowrap` span. The association's name is kept whole too.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

NBSP = "\u00a0"

# A number with what a hyphen or dash joins to it, and the Kazakh "street" abbreviation, which has a hyphen.
_JOINED = re.compile(r"(?<![\w&#])(?:\d[\d:.,/]*[-‐–][\w:.]*\w|к-сі(?!\w))")
_NUMBER_AND_WORD = re.compile(r"(?<!\S)(\d+) (?=\w)")
_ABBREVIATION_BEFORE = re.compile(r"(?<![\w.])(№|ст\.|п\.|г\.|ул\.|пр\.) (?=\w)")
_ABBREVIATION_AFTER = re.compile(r"(?<=\w) (?=(?:қ\.|к-сі|ж\.)(?!\w))")
_ONE_LETTER_WORD = re.compile(r"(?<!\S)([вВкКсСуУоОиИаАяЯ]) (?=\w)")


def keep_together(text) -> SafeString:
    """`text` escaped for HTML, with no-break spaces and `nowrap` spans where a line must not split it."""
    set_text = str(conditional_escape(str(text)))
    name = settings.ASSOCIATION["name"]
    set_text = set_text.replace(name, name.replace(" ", NBSP))
    set_text = _ABBREVIATION_BEFORE.sub(rf"\1{NBSP}", set_text)
    set_text = _ABBREVIATION_AFTER.sub(NBSP, set_text)
    set_text = _NUMBER_AND_WORD.sub(rf"\1{NBSP}", set_text)
    set_text = _ONE_LETTER_WORD.sub(rf"\1{NBSP}", set_text)
    set_text = _JOINED.sub(lambda found: f'<span class="nowrap">{found[0]}</span>', set_text)
    return mark_safe(set_text)  # escaped first; the patterns add only no-break spaces and the spans

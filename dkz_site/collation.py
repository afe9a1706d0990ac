"""Names in Kazakh alphabetical order, on PostgreSQL and on SQLite alike.

Kazakh readers expect А Ә Б В Г Ғ Д Е Ё Ж З И Й К Қ Л М Н Ң О Ө П Р С Т У Ұ Ү Ф Х Һ Ц Ч Ш Щ Ъ Ы І Ь Э Ю Я, and
Russian readers find their own 33 letters in their own order inside it. Sorting by code point (SQLite, or a "C"
collation) puts Ә Ғ Қ Ң Ө Ұ Ү Һ І after Я and all of Cyrillic after Latin. ICU's Kazakh collation gets it right:
Cyrillic first in the Kazakh alphabet, then Latin, case and accents deciding only between otherwise equal names.
One order serves every page language, so one index serves the 100,000-member directory.

- PostgreSQL: the column under the ICU collation `KAZAKH_COLLATION`, created by dkz_site's migration.
- SQLite (and any database without ICU): a stored sort-key column that `sort_key` computes in Python when a row is
  saved; comparing two keys as plain text gives ICU's Kazakh order. The tests check both against the same names,
  and on PostgreSQL check `sort_key` against the collation itself.

`Alphabetical(name, key)` is the one expression lists order by (`.order_by(Alphabetical(...), "pk")`), indexes are
built on, and the admin sorts with; each vendor compiles it to its own form.
"""

import unicodedata

from django.db.models import CharField, F, Func, TextField, Value
from django.db.models.functions import Coalesce, Collate

KAZAKH_COLLATION = "kk_alphabetical"
KAZAKH_COLLATION_LOCALE = "kk-KZ"

KAZAKH_ALPHABET = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
LATIN_ALPHABET = "abcdefghijklmnopqrstuvwxyz"
# Punctuation and symbols in ICU's order (CLDR root, which the Kazakh tailoring keeps); they sort before digits.
# Characters in one string are equal at the first level (a space and a no-break space).
PUNCTUATION = [
    " \u00a0", "_", "-", "\u2010", "\u2013", "\u2014", ",", ";", ":", "!", "?", ".", "\u00b7", "'", "\u2018",
    "\u2019", "\u201a", "\u2039", "\u203a", '"', "\u201c", "\u201d", "\u201e", "\u00ab", "\u00bb", "(", ")", "[",
    "]", "{", "}", "\u00a7", "@", "*", "/", "\\", "&", "#", "%", "\u2022", "`", "^", "\u00b0", "\u00a9",
    "\u00ae", "+", "\u00b1", "\u00d7", "<", "=", ">", "|", "~", "$", "\u20ac", "\u20b8", "\u20bd",
]  # fmt: skip

# Every weight is one character, so comparing keys as text (code point by code point, which is also how SQLite
# compares UTF-8) compares weights. Level separator first: a name that is a prefix of another sorts first.
SEPARATOR = "\x01"
_BASE = 0xF0000  # Supplementary Private Use Area-A: never in a name, above every ordinary character
_OTHER_SYMBOL, _DIGIT, _CYRILLIC, _OTHER_CYRILLIC, _LATIN, _OTHER_LATIN, _OTHER = (
    _BASE + 0x0800,
    _BASE + 0x1000,
    _BASE + 0x2000,
    _BASE + 0x2800,
    _BASE + 0x3000,
    _BASE + 0x3800,
    _BASE + 0x4000,
)
_PRIMARY = {
    **{char: chr(_BASE + 0x100 + i) for i, group in enumerate(PUNCTUATION) for char in group},
    **{str(d): chr(_DIGIT + d) for d in range(10)},
    **{char: chr(_CYRILLIC + i) for i, char in enumerate(KAZAKH_ALPHABET)},
    **{char: chr(_LATIN + i) for i, char in enumerate(LATIN_ALPHABET)},
}
_NO_ACCENT = "\x02"
_LOWER, _UPPER = "\x02", "\x03"


def _primary(char: str) -> str:
    """The first-level weight of one base character (lowercase), one or two characters long."""
    known = _PRIMARY.get(char)
    if known:
        return known
    if unicodedata.category(char) == "Nd":
        return chr(_DIGIT + unicodedata.digit(char))
    name = unicodedata.name(char, "")
    if name.startswith("CYRILLIC"):
        return chr(_OTHER_CYRILLIC) + char
    if name.startswith("LATIN"):
        return chr(_OTHER_LATIN) + char
    if unicodedata.category(char)[0] in "PSZ":
        return chr(_OTHER_SYMBOL) + char
    return chr(_OTHER) + char


def _elements(text: str):
    """(base character or None, accents, upper case?) for each character as the collation sees it."""
    for char in unicodedata.normalize("NFC", text):
        category = unicodedata.category(char)
        if category in ("Cc", "Cf"):
            continue  # ignorable: controls and format characters
        if unicodedata.combining(char):
            yield None, char, False  # a mark on nothing weighs at the second level only
            continue
        lower = char.lower()
        if len(lower) != 1:
            lower = char
        if lower in _PRIMARY or category[0] != "L":
            base, accents = lower, ""
        else:  # a letter outside both alphabets: é is e with an accent, ї is і with one
            decomposed = unicodedata.normalize("NFD", lower)
            base, accents = decomposed[0], decomposed[1:]
        compatible = unicodedata.normalize("NFKD", base)
        if base not in _PRIMARY and compatible != base:  # № is "No", … is "...", ﬁ is "fi"
            for part in compatible:
                if not unicodedata.combining(part):
                    yield part.lower(), "", part != part.lower()
            continue
        yield base, accents, char != lower


# Accents in ICU's second-level order (DUCET): acute before grave before breve, and so on; others after them.
_ACCENT_ORDER = "\u0301\u0300\u0306\u0302\u030c\u030a\u0308\u030b\u0303\u0307\u0327\u0328\u0304"
_ACCENT = {accent: chr(0x10 + i) for i, accent in enumerate(_ACCENT_ORDER)}


def _accent(mark: str) -> str:
    return _ACCENT.get(mark) or chr(_BASE + ord(mark))


def sort_key(text: str | None) -> str:
    """A text that sorts, compared as plain text, the way ICU's Kazakh collation sorts `text`.

    Three levels as in ICU: the letters (Kazakh alphabet, then Latin; punctuation before digits before letters),
    then accents, then case (lower before upper); the name itself breaks a tie, as PostgreSQL does.
    """
    text = text or ""
    primary, secondary, tertiary = [], [], []
    for base, accents, upper in _elements(text):
        if base is not None:
            primary.append(_primary(base))
            secondary.append(_NO_ACCENT)
            tertiary.append(_UPPER if upper else _LOWER)
        secondary.extend(_accent(mark) for mark in accents if unicodedata.combining(mark))
    return SEPARATOR.join(["".join(primary), "".join(secondary), "".join(tertiary), text])


class Alphabetical(Func):
    """A name in Kazakh alphabetical order: `Alphabetical("company_name", "name_sort_key")`.

    On PostgreSQL the name under the ICU collation; elsewhere the stored key (see `sort_key`). Indexes are built on
    this same expression, so ordering by it reads the index. `use_index=False` gives the same order through an
    expression no index serves, for a list known to be short (PostgreSQL then sorts the few rows it found instead
    of walking the whole index past the rest).
    """

    output_field = CharField()

    def __init__(self, name_field: str, key_field: str, *, use_index: bool = True):
        self.use_index = use_index
        super().__init__(F(name_field), F(key_field))

    def __repr__(self):
        return f"{self.__class__.__name__}({self.source_expressions!r}, use_index={self.use_index})"

    def as_sql(self, compiler, connection, **extra_context):
        """SQLite and any other database: the stored key."""
        _name, key = self.get_source_expressions()
        if not self.use_index:
            key = Coalesce(key, Value(""), output_field=TextField())
        return compiler.compile(key)

    def as_postgresql(self, compiler, connection, **extra_context):
        name, _key = self.get_source_expressions()
        if not self.use_index:
            name = Coalesce(name, Value(""), output_field=CharField())
        return compiler.compile(Collate(name, KAZAKH_COLLATION))

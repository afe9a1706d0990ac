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

Russian and English pages list the catalogue by the name they show, in their own language's order (ICU's ru and
en collations; `sort_key(name, language)`): see `COLLATIONS` and directory's migration 0014.

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
# Each script's alphabet, then its letters outside the alphabet 0x800 further (Latin's block is Cyrillic's in
# English, and the other way round).
_OTHER_SYMBOL, _DIGIT, _CYRILLIC, _LATIN, _OTHER = (
    _BASE + 0x0800,
    _BASE + 0x1000,
    _BASE + 0x2000,
    _BASE + 0x3000,
    _BASE + 0x4000,
)


class _Order:
    """One language's alphabetical order: the first-level weight of each letter of its Cyrillic alphabet and of
    Latin, the Cyrillic letters outside the alphabet and the Latin ones outside a to z after their script's."""

    def __init__(self, cyrillic: str, *, latin_first: bool):
        cyrillic_base, latin_base = (_LATIN, _CYRILLIC) if latin_first else (_CYRILLIC, _LATIN)
        self.other_cyrillic = chr(cyrillic_base + 0x800)
        self.other_latin = chr(latin_base + 0x800)
        self.primary = {
            **{
                char: chr(_BASE + 0x100 + i)
                for i, group in enumerate(PUNCTUATION)
                for char in group
            },
            **{str(d): chr(_DIGIT + d) for d in range(10)},
            **{char: chr(cyrillic_base + i) for i, char in enumerate(cyrillic)},
            **{char: chr(latin_base + i) for i, char in enumerate(LATIN_ALPHABET)},
        }


# ICU's root order of the Cyrillic letters Kazakh and Russian use (what its Russian and English collations keep):
# Ё is Е with an accent, І follows И, Ү comes before Ұ.
ROOT_CYRILLIC = "аәбвгғдежзиійкқлмнңоөпрстуүұфхһцчшщъыьэюя"
ORDERS = {
    "kk": _Order(KAZAKH_ALPHABET, latin_first=False),  # ICU kk: the Kazakh alphabet, then Latin
    "ru": _Order(ROOT_CYRILLIC, latin_first=False),  # ICU ru: Cyrillic first
    "en": _Order(ROOT_CYRILLIC, latin_first=True),  # ICU en (root): Latin first
}
# The ICU collation each language's lists sort by on PostgreSQL: (name, ICU locale). Kazakh's is created by
# dkz_site's migration 0001, the others by directory's 0014.
COLLATIONS = {
    "kk": (KAZAKH_COLLATION, KAZAKH_COLLATION_LOCALE),
    "ru": ("ru_alphabetical", "ru-RU"),
    "en": ("en_alphabetical", "en"),
}
_NO_ACCENT = "\x02"
_LOWER, _UPPER = "\x02", "\x03"


def _primary(char: str, order: _Order) -> str:
    """The first-level weight of one base character (lowercase), one or two characters long."""
    known = order.primary.get(char)
    if known:
        return known
    if unicodedata.category(char) == "Nd":
        return chr(_DIGIT + unicodedata.digit(char))
    name = unicodedata.name(char, "")
    if name.startswith("CYRILLIC"):
        return order.other_cyrillic + char
    if name.startswith("LATIN"):
        return order.other_latin + char
    if unicodedata.category(char)[0] in "PSZ":
        return chr(_OTHER_SYMBOL) + char
    return chr(_OTHER) + char


def _elements(text: str, primary: dict):
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
        if lower in primary or category[0] != "L":
            base, accents = lower, ""
        else:  # a letter outside the alphabets: é is e with an accent, ї is і with one (and ё е with one in ru)
            decomposed = unicodedata.normalize("NFD", lower)
            base, accents = decomposed[0], decomposed[1:]
        compatible = unicodedata.normalize("NFKD", base)
        if base not in primary and compatible != base:  # № is "No", … is "...", ﬁ is "fi"
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


def sort_key(text: str | None, language: str = "kk") -> str:
    """A text that sorts, compared as plain text, the way ICU's collation of `language` (`COLLATIONS`) sorts
    `text`.

    Three levels as in ICU: the letters (in Kazakh the Kazakh alphabet, then Latin; in Russian ICU's Cyrillic
    order, then Latin; in English Latin, then Cyrillic; punctuation before digits before letters), then accents,
    then case (lower before upper); the name itself breaks a tie, as PostgreSQL does.
    """
    text = text or ""
    order = ORDERS[language]
    primary, secondary, tertiary = [], [], []
    for base, accents, upper in _elements(text, order.primary):
        if base is not None:
            primary.append(_primary(base, order))
            secondary.append(_NO_ACCENT)
            tertiary.append(_UPPER if upper else _LOWER)
        secondary.extend(_accent(mark) for mark in accents if unicodedata.combining(mark))
    return SEPARATOR.join(["".join(primary), "".join(secondary), "".join(tertiary), text])


class Alphabetical(Func):
    """A name in alphabetical order: `Alphabetical("company_name", "name_sort_key")` (Kazakh order).

    On PostgreSQL the name under an ICU collation (`collation`: Kazakh's by default, see `COLLATIONS`); elsewhere
    the stored key (see `sort_key`, computed for the same language). `name` is a field's name or an expression
    (the name shown in a language, with its fallback). Indexes are built on this same expression, so ordering by
    it reads the index. `use_index=False` gives the same order through an expression no index serves, for a list
    known to be short (PostgreSQL then sorts the few rows it found instead of walking the whole index past the
    rest).
    """

    output_field = CharField()

    def __init__(
        self, name, key_field: str, *, use_index: bool = True, collation: str = KAZAKH_COLLATION
    ):
        self.use_index = use_index
        self.collation = collation
        super().__init__(F(name) if isinstance(name, str) else name, F(key_field))

    def __repr__(self):
        return (
            f"{self.__class__.__name__}({self.source_expressions!r}, use_index={self.use_index}, "
            f"collation={self.collation!r})"
        )

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
        return compiler.compile(Collate(name, self.collation))

"""The directory's search: text normalised in Python, so Cyrillic and Kazakh letters fold case on SQLite as on
PostgreSQL, and readable profile addresses (slugs) from Cyrillic names.

SQLite's LIKE folds only ASCII; Python's casefold() folds every alphabet (Ә/ә, Қ/қ, Ү/ү ...).
"""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def normalise_for_search(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "").casefold().replace("ё", "е")
    return _SPACES.sub(" ", text).strip()


# Kazakh and Russian Cyrillic to Latin, for readable profile URLs (slugify drops what it cannot map).
_CYRILLIC = dict(
    zip(
        "абвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюяә",
        [
            "a",
            "b",
            "v",
            "g",
            "g",
            "d",
            "e",
            "e",
            "zh",
            "z",
            "i",
            "i",
            "k",
            "q",
            "l",
            "m",
            "n",
            "n",
            "o",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "u",
            "u",
            "f",
            "kh",
            "h",
            "ts",
            "ch",
            "sh",
            "shch",
            "_",
            "y",
            "i",
            "_",
            "e",
            "yu",
            "ya",
            "a",
        ],
        strict=True,
    )
)


def transliterate(text: str) -> str:
    out = []
    for char in text:
        lower = char.lower()
        latin = _CYRILLIC.get(lower)
        if latin is None:
            out.append(char)
        elif latin != "_":
            out.append(latin.capitalize() if char != lower else latin)
    return "".join(out)


def search_members(memberships, query: str):
    """Memberships (a queryset) whose profile matches `query`: a BIN of 12 digits finds that member, other text
    is looked for in the profile's normalised search column (the company's name and its descriptions)."""
    needle = normalise_for_search(query)
    if not needle:
        return memberships
    digits = needle.replace(" ", "")
    if digits.isdigit() and len(digits) == 12:
        return memberships.filter(bin=digits)
    return memberships.filter(profile__search_text__contains=needle)

"""Search text normalised in Python, so Cyrillic and Kazakh letters fold case on SQLite as on PostgreSQL.

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

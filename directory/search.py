"""The directory's search, as people type: every word found, in any order, whatever the alphabet or keyboard;
and readable profile addresses (slugs) from Cyrillic names.

A profile's (or an item's) searched texts are stored folded (`fold`) in its `search_text` column, and a query's
words are folded the same way, each looked for as a substring (`LIKE '%word%'`, which the trigram GIN indexes
serve on PostgreSQL; SQLite compares the same folded text). Folding, in Python so both databases agree:

- case in every alphabet (SQLite's LIKE folds only ASCII), ё as е;
- Kazakh letters as their Russian-keyboard look-alikes (ә→а, қ→к, ң→н, ғ→г, ө→о, ұ/ү→у, һ→х, і→и): "Кокше"
  finds "Көкше";
- Cyrillic written in Latin letters, and Kazakh Latin spellings as one (q→k, j→zh, kh→h): "Kyran", "Qyran" and
  "Қыран" are one word;
- a query word loses a simple Russian, Kazakh or English ending ("дроны", "дрондар" → "дрон"), so it finds the
  other forms of the word;
- a member's region is searched by its names in three languages and its main cities ("Кокшетау" finds Akmola
  Region's members, "Алматы" the city's and the region's).
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


_KAZAKH_AS_RUSSIAN = str.maketrans("әқңғөұүһі", "акнгоуухи")
_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z", "и": "i", "й": "i",
    "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sh", "ъ": "", "ы": "y", "ь": "", "э": "e",
    "ю": "yu", "я": "ya",
}  # fmt: skip
_NOT_WORD = re.compile(r"[^0-9a-z]+")
# Kazakh Latin spellings (and English "kh") as the transliteration writes them.
_SPELLINGS = [("kh", "h"), ("q", "k"), ("j", "zh"), ("w", "u")]
# Endings a query word may drop (folded, longest first): Russian cases and plurals, Kazakh plurals and cases,
# English plurals. Only when at least four letters remain.
_ENDINGS = sorted(
    [
        "yami", "ami", "ogo", "ego", "omu", "emu", "yah", "ah", "ov", "ev", "ei", "am", "yam", "om", "em", "oi",
        "ui", "yi", "ii", "aya", "oe", "ye", "ie", "yu", "ya", "y", "i", "a", "u", "e", "o",
        "lar", "ler", "dar", "der", "tar", "ter", "nyn", "nin", "dyn", "din", "tyn", "tin", "dan", "den", "tan",
        "ten", "nan", "nen", "men", "ben", "pen", "ga", "ge", "ka", "ke", "da", "de", "ta", "te",
        "es", "s",
    ],
    key=len,
    reverse=True,
)  # fmt: skip
MIN_STEM = 4


def fold(text: str) -> str:
    """`text` as the search compares it: lower case, Kazakh letters as Russian ones, all in Latin letters, one
    spelling for Kazakh Latin, words of letters and digits separated by single spaces."""
    text = unicodedata.normalize("NFKC", text or "").casefold().replace("ё", "е")
    text = "".join(_LATIN.get(char, char) for char in text.translate(_KAZAKH_AS_RUSSIAN))
    for written, spoken in _SPELLINGS:
        text = text.replace(written, spoken)
    return _NOT_WORD.sub(" ", text).strip()


def stem(word: str) -> str:
    """A folded word without one simple ending, when enough of it remains."""
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            return word[: -len(ending)]
    return word


def query_words(query: str) -> list[str]:
    """The folded, stemmed words of a query, each to be found somewhere in the searched text (no repeats)."""
    words: list[str] = []
    for word in fold(query).split():
        word = stem(word)
        if word and word not in words:
            words.append(word)
    return words


# Each region's names (kk, ru, en) and its main cities, searched with its members.
REGION_NAMES = {
    "KZ-10": "Абай облысы Абайская область Abai Region Семей Семипалатинск Semey Аягөз",
    "KZ-11": "Ақмола облысы Акмолинская область Akmola Region Көкшетау Кокшетау Kokshetau Степногорск Щучинск",
    "KZ-15": "Ақтөбе облысы Актюбинская область Aktobe Region Ақтөбе Актобе Aktobe",
    "KZ-19": "Алматы облысы Алматинская область Almaty Region Қонаев Конаев Konaev Қапшағай Талғар Есік",
    "KZ-23": "Атырау облысы Атырауская область Atyrau Region Атырау Atyrau Құлсары",
    "KZ-27": "Батыс Қазақстан облысы Западно-Казахстанская область West Kazakhstan Region Орал Уральск Oral Uralsk",
    "KZ-31": "Жамбыл облысы Жамбылская область Zhambyl Region Тараз Taraz Шу Қаратау",
    "KZ-33": "Жетісу облысы Жетысуская область Zhetysu Region Талдықорған Талдыкорган Taldykorgan Текелі",
    "KZ-35": "Қарағанды облысы Карагандинская область Karaganda Region Қарағанды Караганда Karaganda Теміртау Балқаш",
    "KZ-39": "Қостанай облысы Костанайская область Kostanay Region Қостанай Костанай Kostanay Рудный",
    "KZ-43": "Қызылорда облысы Кызылординская область Kyzylorda Region Қызылорда Кызылорда Kyzylorda Байқоңыр",
    "KZ-47": "Маңғыстау облысы Мангистауская область Mangystau Region Ақтау Актау Aktau Жаңаөзен",
    "KZ-55": "Павлодар облысы Павлодарская область Pavlodar Region Павлодар Pavlodar Екібастұз Ақсу",
    "KZ-59": "Солтүстік Қазақстан облысы Северо-Казахстанская область North Kazakhstan Region Петропавл Петропавловск Petropavl",
    "KZ-61": "Түркістан облысы Туркестанская область Turkistan Region Түркістан Туркестан Turkistan Кентау",
    "KZ-62": "Ұлытау облысы Улытауская область Ulytau Region Жезқазған Жезказган Zhezkazgan Сәтбаев",
    "KZ-63": "Шығыс Қазақстан облысы Восточно-Казахстанская область East Kazakhstan Region Өскемен Усть-Каменогорск Oskemen Риддер",
    "KZ-71": "Астана Astana Нур-Султан Ақмола Целиноград",
    "KZ-75": "Алматы Almaty Алма-Ата",
    "KZ-79": "Шымкент Shymkent Чимкент",
}  # fmt: skip


def searched_text(*texts: str, region: str = "") -> str:
    """The `search_text` column's value: the texts and the region's names, folded."""
    return fold(" ".join([*texts, REGION_NAMES.get(region, "")]))


def matching(queryset, query: str, column: str):
    """`queryset` narrowed to rows whose folded `column` holds every word of `query`, in any order."""
    return with_words(queryset, query_words(query), column)


def with_words(queryset, words: list[str], column: str):
    """`queryset` narrowed to rows whose `column` holds each of `words` (`query_words`)."""
    for word in words:
        queryset = queryset.filter(**{f"{column}__contains": word})
    return queryset


def search_members(memberships, query: str):
    """Memberships (a queryset) whose profile matches `query`: a BIN of 12 digits finds that member; other text
    is matched word by word (`matching`) against the profile's search column (the company's name, its
    descriptions and its region's names)."""
    found = member_search(query)
    if found is None:
        return memberships
    if "bin" in found:
        return memberships.filter(bin=found["bin"])
    if not found["words"]:
        return memberships.none()
    return with_words(memberships, found["words"], "profile__search_text")


def member_search(query: str) -> dict | None:
    """What `search_members` looks for: {"bin": the 12 digits} or {"words": `query_words`, maybe none}; None
    for an empty query (every member)."""
    needle = normalise_for_search(query)
    if not needle:
        return None
    digits = needle.replace(" ", "")
    if digits.isdigit() and len(digits) == 12:
        return {"bin": digits}
    return {"words": query_words(query)}

"""Varied traffic: for each kind of public page, a list of URLs as different visitors would ask for them.

Each list is written to a file that `bench/varied.lua` walks through, one URL per request, so no two requests in
a row (and few in a whole run) ask for the same page. The lists are made from the seeded rows (slugs, item ids,
BINs) and from a word list of about 2,000 searches in Kazakh, Russian and English: whole words, beginnings of
words, two-word searches, BINs, and misses (typos, words nobody uses, unknown BINs). Everything is drawn from a
generator seeded with the number of members, so two runs of one size drive the same URLs.
"""

from __future__ import annotations

import random
import re
from urllib.parse import urlencode

LANGUAGES = ("kk", "ru", "en")
SEARCHES = 2000
FILTER_URLS = 3000
PROFILES = 5000
CATALOGUE_URLS = 3000
ITEM_PAGES = 5000
COMPARISONS = 3000
TRACKED = 3000

# Kinds, in the order the benchmark drives them: (name, what the README calls it).
KINDS = [
    ("list + tracking", "members list with utm_*/fbclid tags"),
    ("searches", "searches, 2,000 words (kk/ru/en, misses)"),
    ("filters", "region × category × sort × page"),
    ("profiles", "member profiles"),
    ("catalogue", "catalogue: category × page, a member's items"),
    ("items", "equipment item pages"),
    ("comparisons", "comparisons of 2-4 items"),
]

_WORD = re.compile(r"[^\W\d_]{4,}")
_LATIN = "abcdefghijklmnopqrstuvwxyz"
_CYRILLIC = "абвгдежзийклмнопрстуфхцчшщыэюяәғқңөұүһі"


def url_lists(
    size: int, members: list[tuple[str, str]], item_ids: list[int]
) -> dict[str, list[str]]:
    """Every kind's URL list. `members`: (slug, BIN) of listed members; `item_ids`: listed items."""
    rng = random.Random(size)
    return {
        "list + tracking": _tracked(rng),
        "searches": [
            _path(rng, "members/", {"q": word})
            for word in search_words(rng, [b for _s, b in members])
        ],
        "filters": _filters(rng),
        "profiles": [
            f"/{LANGUAGES[n % 3]}/members/{slug}/"
            for n, (slug, _bin) in enumerate(rng.sample(members, min(PROFILES, len(members))))
        ],
        "catalogue": _catalogue(rng, [slug for slug, _bin in members]),
        "items": [
            f"/{LANGUAGES[n % 3]}/equipment/{pk}/"
            for n, pk in enumerate(rng.sample(item_ids, min(ITEM_PAGES, len(item_ids))))
        ],
        "comparisons": _comparisons(rng, item_ids),
    }


def _path(rng: random.Random, page: str, query: dict) -> str:
    language = rng.choice(LANGUAGES)
    return f"/{language}/{page}" + (f"?{urlencode(query)}" if query else "")


def _tracked(rng: random.Random) -> list[str]:
    """The members list as links shared in newsletters and social networks bring visitors to it."""
    urls = []
    for n in range(TRACKED):
        tags = rng.choice(
            [
                {
                    "utm_source": f"newsletter-{n}",
                    "utm_medium": "email",
                    "utm_campaign": "december",
                },
                {"fbclid": f"IwAR{rng.getrandbits(64):016x}"},
                {"utm_source": "telegram", "utm_content": f"post-{n}"},
                {"gclid": f"Cj0K{rng.getrandbits(64):016x}"},
            ]
        )
        urls.append(_path(rng, "members/", tags))
    return urls


def _filters(rng: random.Random) -> list[str]:
    """Region, category, sort and page as the filter form submits them (every field, empty ones too) and as
    the pagination links carry them on. Most visitors stay on the first pages; some go deep."""
    from accreditation.regions import Region
    from directory.models import Category

    regions = ["", *[region.value for region in Region]]
    categories = ["", *[category.value for category in Category]]
    urls: set[str] = set()
    while len(urls) < FILTER_URLS:
        query = {
            "q": "",
            "region": rng.choice(regions),
            "category": rng.choice(categories),
            "sort": rng.choice(["name", "newest"]),
        }
        page = _page(rng)
        if page > 1:
            query["page"] = page
        if rng.random() < 0.5:  # a link rather than the form: only the chosen fields
            query = {key: value for key, value in query.items() if value and value != "name"}
        urls.add(_path(rng, "members/", query))
    return sorted(urls, key=lambda _url: rng.random())


def _page(rng: random.Random) -> int:
    roll = rng.random()
    if roll < 0.45:
        return 1
    if roll < 0.80:
        return rng.randint(2, 5)
    if roll < 0.95:
        return rng.randint(6, 20)
    return rng.randint(21, 100)


def _catalogue(rng: random.Random, slugs: list[str]) -> list[str]:
    from directory.models import Category

    categories = ["", *[category.value for category in Category]]
    urls: set[str] = set()
    while len(urls) < CATALOGUE_URLS:
        if rng.random() < 0.3:
            query = {"member": rng.choice(slugs)}
        else:
            query = {"category": rng.choice(categories)}
            if (page := _page(rng)) > 1:
                query["page"] = page
            query = {key: value for key, value in query.items() if value}
        urls.add(_path(rng, "equipment/", query))
    return sorted(urls, key=lambda _url: rng.random())


def _comparisons(rng: random.Random, item_ids: list[int]) -> list[str]:
    urls: set[str] = set()
    while len(urls) < COMPARISONS:
        chosen = rng.sample(item_ids, rng.randint(2, 4))
        urls.add(_path(rng, "equipment/compare/", {"items": ",".join(map(str, chosen))}))
    return sorted(urls, key=lambda _url: rng.random())


def search_words(rng: random.Random, bins: list[str]) -> list[str]:
    """About 2,000 different searches: what the directory holds, in its three languages, and misses."""
    from bench.scenarios import MIDDLE_WORDS
    from directory.demo import SPECIALITIES, STEMS

    names = [latin for latin, _kazakh in STEMS] + [kazakh for _latin, kazakh in STEMS]
    names += MIDDLE_WORDS
    for speciality in SPECIALITIES:
        names += " ".join(speciality["suffix"]).split()
    words = {word for text in names for word in _WORD.findall(text)}
    for speciality in SPECIALITIES:
        for language in ("kk", "ru", "en"):
            words.update(_WORD.findall(speciality[language]))
    words = sorted(words)
    searches: set[str] = set(words)
    searches.update(word.lower() for word in words)
    searches.update(word.upper() for word in rng.sample(words, 40))
    searches.update(word[: rng.randint(4, 6)].lower() for word in words)  # the start of a word
    for _round in range(3):  # two words, as people narrow a search
        searches.update(
            f"{a} {b}".lower() for a, b in zip(words, rng.sample(words, len(words)), strict=True)
        )
    searches.update(str(year) for year in range(1995, 2025))
    searches.update(rng.sample(bins, min(100, len(bins))))
    misses: set[str] = set()
    while len(misses) < SEARCHES // 4 or len(searches | misses) < SEARCHES:
        kind = rng.random()
        if kind < 0.4:  # a typo: two letters swapped
            word = rng.choice(words).lower()
            i = rng.randrange(len(word) - 1)
            misses.add(word[:i] + word[i + 1] + word[i] + word[i + 2 :])
        elif kind < 0.8:  # a word nobody uses
            letters = rng.choice((_LATIN, _CYRILLIC))
            misses.add("".join(rng.choice(letters) for _ in range(rng.randint(5, 9))))
        else:  # a BIN no member has
            misses.add(f"{rng.randrange(10**11, 10**12):012d}")
    ordered = sorted(searches | misses)
    rng.shuffle(ordered)
    return ordered[:SEARCHES]

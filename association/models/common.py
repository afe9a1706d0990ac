"""What every trilingual text of the association shares: one field per language, and the languages it exists in."""

from django.conf import settings
from django.utils.translation import get_language

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def current_language() -> str:
    return (get_language() or settings.LANGUAGE_CODE)[:2]


def in_language(obj, field: str, language: str) -> str:
    return getattr(obj, f"{field}_{language}", "") or ""


def first_available(obj, field: str, language: str | None = None) -> tuple[str, str]:
    """The text of `field` in `language` (default: the page's), else in the first language that has one.

    Returns (text, language of the text) so that templates can mark a fallback with its own `lang`."""
    language = language or current_language()
    order = [language] + [code for code in LANGUAGE_CODES if code != language]
    for code in order:
        text = in_language(obj, field, code)
        if text:
            return text, code
    return "", language


class Trilingual:
    """A model written in up to three languages: `<field>_kk`, `<field>_ru`, `<field>_en`.

    A language counts as written when every field named in `required_in_language` has a text in it; a news post
    or an event may be written in fewer than three, and the pages say so."""

    required_in_language: tuple[str, ...] = ("title",)

    @property
    def languages(self) -> list[str]:
        return [
            code
            for code in LANGUAGE_CODES
            if all(in_language(self, field, code).strip() for field in self.required_in_language)
        ]

    def written_in(self, language: str) -> bool:
        return language in self.languages

    def text_language(self, language: str | None = None) -> str:
        """The language the page shows this in: the page's own if written in it, else the first written."""
        language = language or current_language()
        languages = self.languages
        if language in languages or not languages:
            return language
        return languages[0]

    def localised(self, field: str, language: str | None = None) -> str:
        return in_language(self, field, self.text_language(language))

    def half_written_languages(self) -> list[str]:
        """Languages with some but not all of the required texts: a half-translated post is refused."""
        return [
            code
            for code in LANGUAGE_CODES
            if any(in_language(self, f, code).strip() for f in self.required_in_language)
            and code not in self.languages
        ]

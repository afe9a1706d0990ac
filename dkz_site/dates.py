"""Dates as each language writes them, and the month names of the project's catalogue.

Kazakh writes the year first and the month in lowercase: "2026 жылғы 3 желтоқсан". Django's Kazakh catalogue
capitalises the month names ("Желтоқсан"), so the project's catalogue translates Django's month msgids again in
lowercase; translations under LOCALE_PATHS take precedence over Django's. The names are listed here so that
`make messages` keeps them in our catalogues (it drops every msgid the code no longer uses).

A sentence never puts a case suffix straight after a date placeholder: Kazakh rephrases around it ("… мерзімі:
03.12.2026", "03.12.2026 ж. дейін"), since the numeric date cannot take one.
"""

import datetime

from django.conf import settings
from django.utils import dateformat, formats
from django.utils.translation import get_language, gettext_lazy, pgettext_lazy

# As django.utils.dates spells them: the format characters F and E read these msgids.
MONTHS = (
    gettext_lazy("January"),
    gettext_lazy("February"),
    gettext_lazy("March"),
    gettext_lazy("April"),
    gettext_lazy("May"),
    gettext_lazy("June"),
    gettext_lazy("July"),
    gettext_lazy("August"),
    gettext_lazy("September"),
    gettext_lazy("October"),
    gettext_lazy("November"),
    gettext_lazy("December"),
)
MONTHS_ALT = (
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
)


def long_date_format(language: str | None = None) -> str:
    """The language's LONG_DATE_FORMAT from its formats module (ours for Kazakh), else its DATE_FORMAT, which
    Django already writes in words for Russian ("3 декабря 2026 г.") and English ("Dec. 3, 2026")."""
    language = language or get_language() or settings.LANGUAGE_CODE
    for module in formats.iter_format_modules(language, settings.FORMAT_MODULE_PATH):
        found = getattr(module, "LONG_DATE_FORMAT", None)
        if found:
            return found
    return formats.get_format("DATE_FORMAT", language)


def long_date(value: datetime.date) -> str:
    """A date in words, as a heading or a document's date line shows it: "2026 жылғы 3 желтоқсан". Its spaces
    are no-break spaces: a line never ends between the year and "жылғы", or before "г."."""
    return dateformat.format(value, long_date_format()).replace(" ", "\u00a0")


def date_and_time(moment: datetime.datetime) -> str:
    """A moment as the admin shows every date and time: in Astana time, in the language's DATETIME_FORMAT
    ("3 декабря 2026 г. 13:51", "03.12.2026 13:51"), never a second, ISO-like format beside it."""
    from django.utils import timezone

    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")

"""Kazakh formats (Django ships none): 14.05.2026 in sentences, the year first in words ("2026 жылғы 3 желтоқсан"),
Monday first, comma decimal, space thousands. Month names are lowercase through the project's catalogue
(dkz_site/dates.py); E is the month as a date writes it. Letters that are not format characters (Cyrillic ones)
are written as they are."""

DATE_FORMAT = "d.m.Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "d.m.Y H:i"
YEAR_MONTH_FORMAT = "Y жылғы E"
MONTH_DAY_FORMAT = "j E"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
# Not one of Django's settings: read by dkz_site.dates.long_date (the policy header).
LONG_DATE_FORMAT = "Y жылғы j E"
FIRST_DAY_OF_WEEK = 1  # Monday
DATE_INPUT_FORMATS = ["%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = ["%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%d.%m.%Y", "%Y-%m-%d %H:%M:%S"]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"  # non-breaking space
NUMBER_GROUPING = 3

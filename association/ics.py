"""An event as an iCalendar file (RFC 5545), for the visitor's own calendar: written by the icalendar library.

Times are given in UTC, so that no calendar needs the definition of Asia/Almaty; DTSTAMP is the event's last
change, so the same event always gives the same file and a calendar sees a changed one as newer.
"""

from datetime import UTC
from urllib.parse import urlsplit

from django.conf import settings
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from .models import Event

PRODUCT_ID = "-//Digital Kazakhstan//Association events//EN"


def _utc(moment):
    return moment.astimezone(UTC)


def event_uid(event: Event) -> str:
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"event-{event.pk}@{host}"


def event_calendar(event: Event, page_url: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    entry = CalendarEvent()
    entry.add("uid", event_uid(event))
    entry.add("dtstamp", _utc(event.updated_at))
    entry.add("last-modified", _utc(event.updated_at))
    entry.add("dtstart", _utc(event.starts_at))
    entry.add("dtend", _utc(event.ends_at))
    entry.add("summary", event.localised("title"))
    entry.add("url", page_url)
    location = event.venue() or event.online_url
    if location:
        entry.add("location", location)
    description = [event.localised("summary"), event.online_url, page_url]
    entry.add("description", "\n\n".join(part for part in description if part))
    calendar.add_component(entry)
    return calendar.to_ical()

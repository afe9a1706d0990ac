from .events import Event, EventLanguage, Registration
from .fees import CalculationIndex, FeeBand, FeeSchedule, band_problems
from .groups import WorkingGroup
from .news import NewsPost
from .pages import Document, Office, Page, Person
from .reports import StaffReport

__all__ = [
    "CalculationIndex",
    "Document",
    "Event",
    "EventLanguage",
    "FeeBand",
    "FeeSchedule",
    "NewsPost",
    "Office",
    "Page",
    "Person",
    "Registration",
    "StaffReport",
    "WorkingGroup",
    "band_problems",
]

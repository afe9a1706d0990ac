import datetime
from decimal import Decimal

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from association.demo import demo_pdf
from association.models import (
    CalculationIndex,
    Document,
    Event,
    FeeBand,
    FeeSchedule,
    NewsPost,
    Person,
    Registration,
    WorkingGroup,
)


def in_days(days: float, hour: int = 10) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=int(days))
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


class EventFactory(factory.django.DjangoModelFactory):
    """A published event in ten days, two hours long, in Kazakh, Russian and English."""

    class Meta:
        model = Event

    slug = factory.Sequence(lambda n: f"event-{n}")
    title_kk = factory.Sequence(lambda n: f"Іс-шара {n}")
    title_ru = factory.Sequence(lambda n: f"Мероприятие {n}")
    title_en = factory.Sequence(lambda n: f"Event {n}")
    summary_en = "A meeting of members."
    body_en = "## Programme\n\n- 10:00 opening"
    starts_at = factory.LazyFunction(lambda: in_days(10))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))
    venue_kk = "Астана, Қонаев көшесі, 12/1"
    venue_ru = "Астана, ул. Кунаева, 12/1"
    venue_en = "Astana, Kunaev str. 12/1"
    language = "kk-ru"
    is_published = True


class NewsPostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewsPost

    slug = factory.Sequence(lambda n: f"news-{n}")
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    is_published = True
    title_kk = factory.Sequence(lambda n: f"Жаңалық {n}")
    title_ru = factory.Sequence(lambda n: f"Новость {n}")
    title_en = factory.Sequence(lambda n: f"News {n}")
    summary_en = "What happened."
    body_kk = "Мәтін."
    body_ru = "Текст."
    body_en = "The **text**."


class WorkingGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkingGroup

    slug = factory.Sequence(lambda n: f"group-{n}")
    name_kk = factory.Sequence(lambda n: f"Топ {n}")
    name_ru = factory.Sequence(lambda n: f"Группа {n}")
    name_en = factory.Sequence(lambda n: f"Group {n}")
    summary_en = "Standards and regulation."


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    group = Person.Group.BOARD
    name_kk = factory.Sequence(lambda n: f"Ерлан Әбенов {n}")
    name_ru = factory.Sequence(lambda n: f"Ерлан Абенов {n}")
    name_en = factory.Sequence(lambda n: f"Yerlan Abenov {n}")
    role_kk = "Басқарма төрағасы"
    role_ru = "Председатель правления"
    role_en = "Chair of the board"


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    section = Document.Section.ABOUT
    title_kk = factory.Sequence(lambda n: f"Құжат {n}")
    title_ru = factory.Sequence(lambda n: f"Документ {n}")
    title_en = factory.Sequence(lambda n: f"Document {n}")
    language = "ru"
    file = factory.LazyFunction(lambda: ContentFile(demo_pdf("Charter"), name="charter.pdf"))


def tariff(
    bands=((1, 15, "15"), (16, 100, "40"), (101, None, "80")),
    entrance="10",
    valid_from=None,
    mci="4325",
    year=None,
) -> FeeSchedule:
    """A tariff in force from `valid_from` (1 January of this year), and the MCI of `year` (this year)."""
    today = timezone.localdate()
    schedule = FeeSchedule.objects.create(
        valid_from=valid_from or datetime.date(today.year, 1, 1),
        entrance_fee_mci=Decimal(entrance),
    )
    for low, high, fee in bands:
        FeeBand.objects.create(
            schedule=schedule, min_headcount=low, max_headcount=high, annual_fee_mci=Decimal(fee)
        )
    if mci is not None:
        CalculationIndex.objects.update_or_create(
            year=year or today.year, defaults={"value_kzt": Decimal(mci)}
        )
    return schedule


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A confirmed place, stored as it is; tests of the workflow register through association.services."""

    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    name = "Aigerim Sadykova"
    email = factory.Sequence(lambda n: f"attendee{n}@example.kz")
    company = "Qazaq Cloud LLP"
    language = "kk"
    status = Registration.Status.CONFIRMED
    confirmed_at = factory.LazyFunction(timezone.now)

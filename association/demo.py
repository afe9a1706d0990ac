"""Demo content of the association for `make run`: the About and Membership pages, board and staff, documents,
the fee tariff, news (some posts in fewer than three languages), working groups with member companies, and
events: upcoming ones (one full, with a waiting list), past ones with attendance recorded.

Idempotent: pages by kind, people by name, documents by title, news, events and groups by address; attendees
are registered only for an event that has none. Registrations go through association.services with their
consents, as the public form would record them; the emails they queue are discarded. The words are in
association/demo_content.py.
"""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from directory.models import listed_memberships
from outbox.demo_mail import mail_discarded
from privacy.models import PolicyVersion

from . import demo_content as words
from . import services
from .forms import consent_wording
from .models import (
    CalculationIndex,
    Document,
    Event,
    FeeBand,
    FeeSchedule,
    NewsPost,
    Office,
    Page,
    Person,
    Registration,
    WorkingGroup,
)
from .models.common import LANGUAGE_CODES

MEMBERS_PER_GROUP = 8


def seed(stdout):
    seed_fee_tariff()
    _pages()
    _office()
    _people()
    _documents()
    groups = _working_groups()
    _news()
    if PolicyVersion.objects.current() is None:
        stdout.write("association: events skipped, no privacy policy version is in force yet")
        return
    with mail_discarded():  # the registrations' confirmations go to nobody
        _events(groups)
    stdout.write(
        f"association: {NewsPost.objects.count()} news posts, {Event.objects.count()} events, "
        f"{WorkingGroup.objects.count()} working groups, {Registration.objects.count()} registrations"
    )


def _per_language(field: str, texts: dict) -> dict:
    return {f"{field}_{code}": texts.get(code, "") for code in LANGUAGE_CODES}


def seed_fee_tariff() -> FeeSchedule:
    """The tariff in force since 1 January of this year; accreditation's demo issues its invoices from it."""
    month, day = words.TARIFF["valid_from_month_day"]
    valid_from = datetime.date(timezone.localdate().year, month, day)
    schedule, created = FeeSchedule.objects.get_or_create(
        valid_from=valid_from,
        defaults={
            "entrance_fee_mci": words.TARIFF["entrance_fee_mci"],
            **_per_language("decision", words.TARIFF["decision"]),
        },
    )
    if created:
        for low, high, mci in words.TARIFF["bands"]:
            FeeBand.objects.create(
                schedule=schedule, min_headcount=low, max_headcount=high, annual_fee_mci=mci
            )
    _index_for_this_year()
    return schedule


def _index_for_this_year():
    """Demo invoices need this year's MCI; a year the migrations do not know gets the latest known value."""
    year = timezone.localdate().year
    latest = CalculationIndex.objects.order_by("-year").first()
    if latest is not None and latest.year < year:
        CalculationIndex.objects.create(
            year=year, value_kzt=latest.value_kzt, source=f"demo data: the value of {latest.year}"
        )


def _pages():
    for kind, texts in ((Page.Kind.ABOUT, words.ABOUT), (Page.Kind.MEMBERSHIP, words.MEMBERSHIP)):
        fields = {}
        for field in ("title", "summary", "body"):
            fields.update(_per_language(field, texts[field]))
        Page.objects.get_or_create(kind=kind, defaults=fields)


def _office():
    if Office.objects.exists():
        return
    Office.objects.create(
        phone=words.OFFICE["phone"], **_per_language("hours", words.OFFICE["hours"])
    )


def _people():
    for group, order, names, roles in words.PEOPLE:
        Person.objects.get_or_create(
            name_kk=names[0],
            defaults={
                "group": group,
                "order": order,
                "name_ru": names[1],
                "name_en": names[2],
                "role_kk": roles[0],
                "role_ru": roles[1],
                "role_en": roles[2],
            },
        )


def demo_pdf(text: str) -> bytes:
    """A one-page PDF with one line of text (Latin letters): enough for a demo download to open."""
    line = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    stream = f"BT /F1 14 Tf 56 760 Td ({line}) Tj 0 -24 Td (Demonstration copy) Tj ET".encode(
        "latin-1"
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _documents(group=None, items=None):
    today = timezone.localdate()
    for section, key, titles, language, days_ago, text in items or words.DOCUMENTS:
        if Document.objects.filter(title_kk=titles[0], working_group=group).exists():
            continue
        document = Document(
            section=section,
            working_group=group,
            title_kk=titles[0],
            title_ru=titles[1],
            title_en=titles[2],
            language=language,
            published_on=today - datetime.timedelta(days=days_ago),
        )
        document.file.save(f"{key}.pdf", ContentFile(demo_pdf(text)), save=False)
        document.save()


def _working_groups() -> dict[str, WorkingGroup]:
    groups = {}
    for order, spec in enumerate(words.WORKING_GROUPS, start=1):
        fields = {"order": order}
        for field in ("name", "summary", "description", "chair"):
            fields.update(_per_language(field, spec[field]))
        group, created = WorkingGroup.objects.get_or_create(slug=spec["slug"], defaults=fields)
        if created:
            members = listed_memberships().filter(company_name__contains=spec["members_with"])
            group.members.set(members.order_by("pk")[:MEMBERS_PER_GROUP])
            name = spec["name"]
            _documents(
                group,
                [
                    (
                        Document.Section.WORKING_GROUP,
                        f"{spec['slug']}-position",
                        (
                            f"{name['kk']}: ұстаным",
                            f"{name['ru']}: позиция",
                            f"{name['en']}: position paper",
                        ),
                        "ru",
                        20,
                        f"Position paper of the working group: {spec['slug'].replace('-', ' ')}",
                    )
                ],
            )
        groups[spec["slug"]] = group
    return groups


def _news():
    now = timezone.now()
    for spec in words.NEWS:
        fields = {
            "published_at": now - datetime.timedelta(days=spec["days_ago"]),
            "is_published": True,
        }
        for field in ("title", "summary", "body"):
            fields.update(_per_language(field, spec[field]))
        NewsPost.objects.get_or_create(slug=spec["slug"], defaults=fields)


def _moment(days: int, hour: float) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    start = datetime.datetime.combine(day, datetime.time(int(hour), int(hour % 1 * 60)))
    return timezone.make_aware(start)


def _events(groups):
    for spec in words.EVENTS:
        if Event.objects.filter(slug=spec["slug"]).exists():
            continue
        starts = _moment(spec["days"], spec["hour"])
        fields = {}
        for field in ("title", "summary", "body", "venue"):
            fields.update(_per_language(field, spec[field]))
        event = Event.objects.create(
            slug=spec["slug"],
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=spec["hours"]),
            capacity=spec["capacity"],
            language=spec["language"],
            online_url=spec["online"],
            working_group=groups.get(spec["group"]) if spec["group"] else None,
            is_published=True,
            **fields,
        )
        _attendees(event, spec["days"])


def _attendees(event: Event, days: int):
    """Register the demo people through the service while registration is open, then set the dates straight."""
    real = (event.starts_at, event.ends_at)
    past = days < 0
    if past:  # registered before it took place
        Event.objects.filter(pk=event.pk).update(
            starts_at=timezone.now() + datetime.timedelta(days=1),
            ends_at=timezone.now() + datetime.timedelta(days=1, hours=2),
        )
        event.refresh_from_db()
    count = len(words.ATTENDEES) if event.capacity in (None, 3) or past else 3
    for name, email, company, language in words.ATTENDEES[:count]:
        services.register_for_event(
            event=event,
            name=name,
            email=email,
            company=company,
            language=language,
            consent_wording=_wording(language),
        )
    if past:
        Event.objects.filter(pk=event.pk).update(starts_at=real[0], ends_at=real[1])
        came = event.registrations.confirmed().order_by("pk")
        services.record_attendance(registrations=list(came)[:-1], attended=True)
        services.record_attendance(registrations=list(came)[-1:], attended=False)
    else:
        first = event.registrations.confirmed().order_by("pk").first()
        if first is not None and event.capacity is None:
            services.cancel_registration(registration=first, by=Registration.CancelledBy.ATTENDEE)


def _wording(language: str) -> str:
    from django.utils import translation

    with translation.override(language):
        return consent_wording()

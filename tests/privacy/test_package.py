"""The subject's copy (privacy.subject_requests.package): readable HTML in the request's language, JSON as is."""

import json
import re
import zipfile

import pytest

from outbox.services import queue_email
from privacy.models import Breach, BreachSubject
from privacy.registry import providers
from privacy.services import block_email
from privacy.subject_requests import package
from privacy.subject_requests.storage import private_storage
from tests.accreditation.factories import ApplicationFactory, InvoiceFactory, MembershipFactory
from tests.association.factories import RegistrationFactory
from tests.cabinet.factories import cabinet_data_for
from tests.enquiries.factories import EnquiryFactory

from .factories import ConsentRecordFactory, DataSubjectRequestFactory

pytestmark = pytest.mark.django_db

SUBJECT = "aigerim@example.kz"


def everything_held_for_the_subject():
    """At least one record of every kind each registered provider exports."""
    ConsentRecordFactory(email=SUBJECT)
    enquiry = EnquiryFactory(email=SUBJECT)
    queue_email(
        to=SUBJECT,
        template="enquiries/email/acknowledgement",
        context={"enquiry": enquiry},
        regarding=enquiry,
    )
    block_email(email=SUBJECT, reason="Asked to block.")
    member = MembershipFactory(email=SUBJECT)
    application = ApplicationFactory(email=SUBJECT, membership=member)
    application.move_to("approved")
    InvoiceFactory(membership=member)
    RegistrationFactory(email=SUBJECT)
    breach = Breach.objects.create(
        description="Lost laptop",
        data_categories="enquiry messages",
        subjects_description="people who wrote to us",
        subjects_count=1,
        measures="Disk encrypted; passwords changed.",
    )
    BreachSubject.objects.create(breach=breach, email=SUBJECT)
    cabinet_data_for(SUBJECT)
    return DataSubjectRequestFactory(email=SUBJECT, verified=True, language="ru")


def open_package(request):
    with private_storage().open(package.build_package(request)) as stored:
        archive = zipfile.ZipFile(stored)
        return archive.read("my-data.html").decode(), json.loads(archive.read("my-data.json"))


def row_labels(html: str) -> set[str]:
    return set(re.findall(r'<th scope="row">([^<]*)</th>', html))


def test_p17_readable_copy_shows_human_labels_in_the_request_language():
    """P17: the HTML copy names each field in words, in the request's language; the JSON keeps its keys."""
    request = everything_held_for_the_subject()
    html, document = open_package(request)
    labels = row_labels(html)
    assert {"Цель", "Версия политики", "Показанный текст согласия", "Название компании"} <= labels
    assert {"Номер счёта", "Плательщик: эл. почта", "IP-адрес клиента", "Дата решения"} <= labels
    assert not {"purpose", "policy_version", "company_name", "payer_email"} & labels
    assert not any("_" in label for label in labels)
    consents = next(p for p in document["providers"] if p["provider"] == "privacy")
    (record,) = consents["categories"][0]["records"]
    assert {"purpose", "wording", "policy_version", "given_at"} <= record.keys()  # unchanged keys


def test_p17_readable_copy_in_kazakh():
    """P17"""
    request = everything_held_for_the_subject()
    request.language = "kk"
    html, _document = open_package(request)
    assert {"Мақсаты", "Саясат нұсқасы", "Компания атауы"} <= row_labels(html)


def test_every_exported_field_has_a_label():
    """No provider's field reaches the subject's copy as a bare key: each has a translatable label."""
    everything_held_for_the_subject()
    for provider in providers():
        labels = {**package.COMMON_FIELD_LABELS, **provider.field_labels}
        exported = provider.export(SUBJECT)
        assert all(exported.values()), f"{provider.name}: some category has no test data"
        for category, records in exported.items():
            unlabelled = {key for record in records for key in record} - labels.keys()
            assert not unlabelled, f"{provider.name} / {category}: {sorted(unlabelled)}"


ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# A policy version is named by its date ("2026-05-14"): a label, not a date.
VERSION_LABEL = ("policy_version", "Версия политики")


def _preformatted(record: dict) -> dict:
    return {
        key: value
        for key, value in record.items()
        if key != VERSION_LABEL[0] and isinstance(value, str) and ISO_DATE.match(value)
    }


def test_providers_export_dates_as_dates_and_the_copy_writes_them_once():
    """No provider formats a date: the readable copy shows none as a raw ISO string, the JSON all as ISO."""
    request = everything_held_for_the_subject()
    for provider in providers():
        for category, records in provider.export(SUBJECT).items():
            for record in records:
                assert not _preformatted(record), f"{provider.name} / {category}"
    html, document = open_package(request)
    rows = re.findall(r'<th scope="row">([^<]*)</th>\s*<td>([^<]*)</td>', html)
    raw = [(label, value) for label, value in rows if ISO_DATE.search(value)]
    assert rows and all(label == VERSION_LABEL[1] for label, _value in raw), raw
    sections = {section["provider"]: section for section in document["providers"]}
    (application,) = sections["accreditation"]["categories"][0]["records"]
    assert ISO_DATE.match(application["submitted_at"])


def test_unknown_keys_fall_back_to_a_readable_form():
    sections = [
        {
            "provider": "not-registered",
            "label": "Elsewhere",
            "categories": [{"category": "Things", "records": [{"favourite_colour": "blue"}]}],
        }
    ]
    (section,) = package._readable(sections)
    assert section["categories"][0]["records"] == [[("Favourite colour", "blue")]]


def test_p17_readable_copy_spells_out_values_in_the_request_language():
    """P17: yes/no, dates and times as the subject reads them (the JSON keeps ISO values and booleans)."""
    import datetime

    from django.utils import timezone, translation

    given = timezone.make_aware(datetime.datetime(2026, 3, 5, 14, 30))
    sections = [
        {
            "provider": "not-registered",
            "label": "Elsewhere",
            "categories": [
                {
                    "category": "Things",
                    "records": [
                        {
                            "listed": True,
                            "ended": False,
                            "given_at": given,
                            "starts_on": datetime.date(2026, 5, 14),
                            "tags": ["a", "b"],
                            "note": "",
                        }
                    ],
                }
            ],
        }
    ]
    with translation.override("ru"):
        (section,) = package._readable(sections)
    values = dict(section["categories"][0]["records"][0])
    assert values["Listed"] == "да" and values["Ended"] == "нет"
    assert "2026" in values["Given at"] and "марта" in values["Given at"]
    assert values["Starts on"] == "14 мая 2026 г."
    assert values["Tags"] == "a; b" and values["Note"] == "—"

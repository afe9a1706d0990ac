"""What accreditation registers with privacy: the subject-data provider, retention rules, withdrawal."""

import datetime
import json
from importlib import import_module

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone, translation
from django.utils.formats import date_format

from accreditation.models import (
    AccountingHold,
    Application,
    ApplicationState,
    Invoice,
    Membership,
)
from accreditation.privacy_registration import accounting_reason
from privacy.models import ConsentPurpose
from privacy.registry import providers, retention_rules, withdrawal_handlers
from privacy.retention import apply_rule
from tests.accreditation.factories import ApplicationFactory, InvoiceFactory, MembershipFactory

pytestmark = pytest.mark.django_db

S = ApplicationState
EMAIL = "aruzhan@nomadpay.kz"


def provider():
    (found,) = [p for p in providers() if p.name == "accreditation"]
    return found


def rule(name):
    (found,) = [r for r in retention_rules() if r.name == name]
    return found


def run(rule_, now):
    """Apply a rule through the runner, in batches of two."""
    return apply_rule(rule_, now, dry_run=False, batch_size=2)


def subject_data():
    member = MembershipFactory(email=EMAIL, public_email=EMAIL, contact_person="Aruzhan Bek")
    application = ApplicationFactory(email=EMAIL, contact_person="Aruzhan Bek", membership=member)
    application.move_to(S.APPROVED)
    open_one = ApplicationFactory(email=EMAIL.upper(), client_ip="203.0.113.9")
    open_one.move_to(S.IN_REVIEW)
    open_one.move_to(S.INFORMATION_REQUESTED, reason="Which products?")
    open_one.move_to(S.RESUBMITTED, reason="Routers, call me on +7 701 000 00 00.")
    invoice = InvoiceFactory(membership=member, issued_on=datetime.date(2026, 2, 1))
    other = ApplicationFactory(email="someone@else.kz")
    return member, application, open_one, invoice, other


def test_registered_hooks():
    assert provider().label
    names = {r.name for r in retention_rules() if r.app == "accreditation"}
    assert names == {
        "accreditation.technical_data",
        "accreditation.member_data",
        "accreditation.invoices",
        "accreditation.closed_applications",
    }
    from accreditation import services

    assert services.unlist_on_publication_withdrawal in withdrawal_handlers(
        ConsentPurpose.DIRECTORY_PUBLICATION
    )
    assert services.stop_accreditation_on_processing_withdrawal in withdrawal_handlers(
        ConsentPurpose.ACCREDITATION_PROCESSING
    )


def test_provider_finds_and_exports_everything_for_the_email():
    """P17: the copy holds applications, their history, memberships and invoices."""
    member, application, open_one, invoice, other = subject_data()
    assert provider().count(EMAIL) == 4
    assert provider().count("AruZhan@NomadPay.kz") == 4
    export = provider().export(EMAIL)
    as_json = json.dumps(export, cls=DjangoJSONEncoder)  # as the copy writes it: dates as ISO 8601
    applications, history, memberships, invoices = export.values()
    assert {a["reference"] for a in applications} == {application.reference, open_one.reference}
    assert other.reference not in as_json
    assert isinstance(applications[0]["submitted_at"], datetime.datetime)
    assert {h["application"] for h in history} == {application.reference, open_one.reference}
    assert memberships[0]["bin"] == member.bin
    assert invoices[0]["number"] == invoice.number


def test_erasure_anonymises_but_keeps_invoices_and_says_why():
    """P09, P13, P20: accounting records are kept 5 years after the end of their year, and the report says so."""
    member, application, open_one, invoice, other = subject_data()
    dry = provider().erase(EMAIL, dry_run=True)
    assert dry.erased == {"applications": 2, "memberships": 1}
    assert Application.objects.for_email(EMAIL).count() == 2  # nothing changed by a dry run

    report = provider().erase(EMAIL)
    assert report.erased == {"applications": 2, "memberships": 1}
    (kept,) = report.kept
    assert (kept.category, kept.count) == ("Invoices", 1)
    assert "accounting and archival legislation and the Tax Code" in kept.reason
    assert "5 years after the end of the year" in kept.reason
    assert kept.until == "31.12.2031"  # the invoice of 1 Feb 2026 is kept to the end of 2031

    for obj in (application, open_one, member, invoice, other):
        obj.refresh_from_db()
    assert (application.email, application.contact_person, application.phone) == ("", "", "")
    assert application.anonymised_at is not None
    assert application.bin and application.company_name  # the company's record stays
    assert open_one.client_ip is None
    assert open_one.state == S.WITHDRAWN  # nobody left to review it with
    reasons = dict(open_one.events.values_list("to_state", "reason"))
    assert reasons[S.RESUBMITTED] == ""  # the applicant's own words are erased
    assert reasons[S.INFORMATION_REQUESTED] == "Which products?"  # the reviewer's record stays
    assert (member.email, member.contact_person, member.profile.public_email) == ("", "", "")
    assert member.profile.is_published is False
    assert Invoice.objects.get() == invoice
    assert invoice.payer_contact_person == "Aruzhan Bek"  # the accounting record is intact
    assert other.email == "someone@else.kz"
    assert provider().count(EMAIL) == 1  # only the kept invoice, still the subject's to ask about


def test_invoice_takes_the_payer_email_when_issued():
    """P13: the payer snapshot includes the address, normalised, as it is at issue."""
    member = MembershipFactory(email="Aruzhan@NomadPay.kz")
    invoice = InvoiceFactory(membership=member)
    assert invoice.payer_email == EMAIL
    member.email = "new.contact@nomadpay.kz"
    member.save()
    invoice.paid_on = timezone.localdate()
    invoice.save()
    invoice.refresh_from_db()
    assert invoice.payer_email == EMAIL  # an issued invoice is not rewritten
    assert list(Invoice.objects.for_email("new.contact@nomadpay.kz")) == [
        invoice
    ]  # either finds it


def test_kept_invoices_are_found_after_the_contact_is_erased():
    """P09, P13, P17, P20: a second request after erasure still finds, exports and reports the kept
    invoices, by the address on the invoice."""
    member, application, open_one, invoice, other = subject_data()
    provider().erase(EMAIL)
    member.refresh_from_db()
    assert member.email == ""
    export = provider().export(EMAIL)
    assert [i["number"] for i in export["Invoices"]] == [invoice.number]
    assert export["Invoices"][0]["payer_email"] == EMAIL
    again = provider().erase(EMAIL)
    assert [(k.category, k.count) for k in again.kept] == [("Invoices", 1)]
    assert Invoice.objects.get() == invoice
    assert not Invoice.objects.for_email("").exists()  # the erased contact's "" is nobody's address


def test_kept_invoices_are_found_after_the_membership_is_deleted():
    """P09, P13, P17: after the member-data rule deletes the membership, the invoice it leaves is
    still found by its payer's address, exported and reported as kept on erasure."""
    today = timezone.localdate()
    member = MembershipFactory(email=EMAIL, ends_on=today - datetime.timedelta(days=400))
    invoice = InvoiceFactory(membership=member, issued_on=today - datetime.timedelta(days=700))
    assert run(rule("accreditation.member_data"), timezone.now()) == 1
    invoice.refresh_from_db()
    assert invoice.membership is None
    assert provider().count(EMAIL) == 1
    assert [i["number"] for i in provider().export(EMAIL)["Invoices"]] == [invoice.number]
    report = provider().erase(EMAIL)
    assert report.erased == {"applications": 0, "memberships": 0}
    (kept,) = report.kept
    assert (kept.category, kept.count) == ("Invoices", 1)
    assert kept.until == date_format(
        datetime.date(invoice.issued_on.year + 5, 12, 31), "SHORT_DATE_FORMAT"
    )
    assert Invoice.objects.get() == invoice


def test_migration_fills_the_payer_email_of_existing_invoices():
    """Invoices issued before the payer snapshot had an address take their membership's."""
    from django.apps import apps

    member = MembershipFactory(email=EMAIL)
    invoice = InvoiceFactory(membership=member)
    without_member = InvoiceFactory(membership=None, payer_company_name="Gone LLP")
    Invoice.objects.update(payer_email="")  # as the rows were before the migration
    migration = import_module("accreditation.migrations.0003_invoice_payer_email")
    migration.fill_payer_email(apps, None)
    invoice.refresh_from_db()
    without_member.refresh_from_db()
    assert invoice.payer_email == EMAIL
    assert without_member.payer_email == ""
    assert list(Invoice.objects.for_email(EMAIL)) == [invoice]


def test_technical_data_is_cleared_after_90_days():
    """P10: technical data kept 90 days, measured from the submission; boundary checked."""
    now = timezone.now()
    old = ApplicationFactory(
        client_ip="203.0.113.1",
        user_agent="UA",
        referrer="https://r.kz/",
        technical_recorded_at=now - datetime.timedelta(days=90, seconds=1),
    )
    recent = ApplicationFactory(
        client_ip="203.0.113.2",
        user_agent="UA",
        technical_recorded_at=now - datetime.timedelta(days=89, hours=23),
    )
    technical = rule("accreditation.technical_data")
    assert technical.period() == datetime.timedelta(days=90)
    assert list(technical.expired_at(now)) == [old]
    assert run(technical, now) == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.client_ip, old.user_agent, old.referrer) == (None, "", "")
    assert old.company_name  # only the technical data goes
    assert recent.client_ip == "203.0.113.2"
    assert run(technical, now) == 0  # idempotent


def test_member_data_deleted_one_year_after_the_membership_ends():
    """P12: member profiles are kept during the membership plus 1 year."""
    today = timezone.localdate()
    now = timezone.now()
    expired = MembershipFactory(ends_on=today - datetime.timedelta(days=366))
    ended_early = MembershipFactory(
        ends_on=today + datetime.timedelta(days=100), ended_on=today - datetime.timedelta(days=366)
    )
    within_year = MembershipFactory(ends_on=today - datetime.timedelta(days=364))
    active = MembershipFactory()
    application = ApplicationFactory(membership=expired)
    application.move_to(S.APPROVED)
    invoice = InvoiceFactory(membership=expired)
    member_rule = rule("accreditation.member_data")
    assert set(member_rule.expired_at(now)) == {expired, ended_early}
    assert run(member_rule, now) == 2
    assert set(Membership.objects.all()) == {within_year, active}
    assert not Application.objects.filter(pk=application.pk).exists()
    invoice.refresh_from_db()
    assert invoice.membership is None and invoice.payer_bin == expired.bin  # P13: kept
    assert run(member_rule, now) == 0


def at(day):
    """Noon of a day in the site's time zone, as the retention run sees it."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def test_invoices_kept_five_full_years_after_the_end_of_their_year():
    """P13: an invoice of 15 Jan 2026 is kept through 31 Dec 2031 (5 x 365 days from issue would have
    deleted it on 14 Jan 2031), and goes on 1 Jan 2032."""
    early = InvoiceFactory(issued_on=datetime.date(2026, 1, 15), due_on=datetime.date(2026, 2, 14))
    late = InvoiceFactory(issued_on=datetime.date(2026, 12, 31), due_on=datetime.date(2027, 1, 30))
    invoices = rule("accreditation.invoices")
    assert early.kept_until() == late.kept_until() == datetime.date(2031, 12, 31)
    for day in (
        datetime.date(2031, 1, 14),
        datetime.date(2031, 1, 15),
        datetime.date(2031, 12, 31),
    ):
        assert list(invoices.expired_at(at(day))) == [], day
    assert set(invoices.expired_at(at(datetime.date(2032, 1, 1)))) == {early, late}
    assert run(invoices, at(datetime.date(2032, 1, 1))) == 2
    assert not Invoice.objects.exists()
    assert not Invoice.objects.for_email(early.payer_email).exists()  # the address goes with it
    assert run(invoices, at(datetime.date(2032, 1, 1))) == 0


def test_an_invoice_paid_in_a_later_year_belongs_to_the_year_of_payment():
    invoice = InvoiceFactory(
        issued_on=datetime.date(2026, 12, 20),
        due_on=datetime.date(2027, 1, 19),
        paid_on=datetime.date(2027, 1, 10),
    )
    assert invoice.accounting_year == 2027
    assert invoice.kept_until() == datetime.date(2032, 12, 31)
    invoices = rule("accreditation.invoices")
    assert list(invoices.expired_at(at(datetime.date(2032, 1, 1)))) == []
    assert list(invoices.expired_at(at(datetime.date(2033, 1, 1)))) == [invoice]


def test_the_retention_period_is_a_setting_in_whole_years(settings):
    settings.RETENTION_ACCOUNTING_YEARS = 6
    invoice = InvoiceFactory(issued_on=datetime.date(2026, 3, 1), due_on=datetime.date(2026, 3, 31))
    invoices = rule("accreditation.invoices")
    assert list(invoices.expired_at(at(datetime.date(2032, 12, 31)))) == []
    assert list(invoices.expired_at(at(datetime.date(2033, 1, 1)))) == [invoice]
    assert invoices.describe_period().startswith("6 full years after the end of the year")


def test_a_hold_keeps_the_records_of_a_year_under_audit_or_complaint_until_released():
    held = InvoiceFactory(issued_on=datetime.date(2026, 5, 1), due_on=datetime.date(2026, 5, 31))
    other = InvoiceFactory(issued_on=datetime.date(2025, 5, 1), due_on=datetime.date(2025, 5, 31))
    paid_in_held_year = InvoiceFactory(
        issued_on=datetime.date(2025, 12, 1),
        due_on=datetime.date(2025, 12, 31),
        paid_on=datetime.date(2026, 1, 5),
    )
    hold = AccountingHold.objects.create(
        year=2026, reason=AccountingHold.Reason.AUDIT, note="State Revenue Committee order 17"
    )
    invoices = rule("accreditation.invoices")
    later = at(datetime.date(2035, 6, 1))
    assert list(invoices.expired_at(later)) == [other]
    assert run(invoices, later) == 1
    assert set(Invoice.objects.all()) == {held, paid_in_held_year}

    hold.released_on = datetime.date(2035, 6, 2)
    hold.save()
    assert set(invoices.expired_at(later)) == {held, paid_in_held_year}
    assert run(invoices, later) == 2


def test_erasure_report_names_the_held_year():
    member = MembershipFactory(email=EMAIL)
    InvoiceFactory(membership=member, issued_on=datetime.date(2026, 2, 1))
    AccountingHold.objects.create(year=2026, reason=AccountingHold.Reason.COMPLAINT)
    (kept,) = provider().erase(EMAIL).kept
    assert kept.until == (
        "the end of the audit or complaint concerning the year 2026, and at least 31.12.2031"
    )


def test_the_reason_and_the_legal_basis_name_accounting_and_archival_law_in_kazakh_and_russian():
    invoices = rule("accreditation.invoices")
    with translation.override("ru"):
        assert "бухгалтерском учёте" in str(invoices.legal_basis)
        assert "архивн" in accounting_reason() and "Налогов" in accounting_reason()
        assert "5 лет" in accounting_reason()
    with translation.override("kk"):
        assert "мұрағат" in str(invoices.legal_basis)
        assert "Салық кодексі" in accounting_reason()


def test_rejected_and_withdrawn_applications_deleted_a_year_after_the_decision():
    now = timezone.now()
    year_ago = now - datetime.timedelta(days=366)
    rejected = ApplicationFactory()
    rejected.move_to(S.REJECTED, reason="Out of scope.", at=year_ago)
    withdrawn = ApplicationFactory()
    withdrawn.move_to(S.WITHDRAWN, at=year_ago)
    recent = ApplicationFactory()
    recent.move_to(S.REJECTED, reason="Out of scope.", at=now - datetime.timedelta(days=300))
    approved = ApplicationFactory()
    approved.move_to(S.APPROVED, at=year_ago)  # follows its membership instead
    still_open = ApplicationFactory(submitted_at=year_ago)
    closed = rule("accreditation.closed_applications")
    assert set(closed.expired_at(now)) == {rejected, withdrawn}
    assert run(closed, now) == 2
    assert set(Application.objects.all()) == {recent, approved, still_open}

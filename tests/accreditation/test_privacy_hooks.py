"""What accreditation registers with privacy: the subject-data provider, retention rules, withdrawal."""

import datetime
import json

import pytest
from django.utils import timezone

from accreditation.models import Application, ApplicationState, Invoice, Membership
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
    json.dumps(export)  # serialisable as it is
    applications, history, memberships, invoices = export.values()
    assert {a["reference"] for a in applications} == {application.reference, open_one.reference}
    assert other.reference not in json.dumps(export)
    assert {h["application"] for h in history} == {application.reference, open_one.reference}
    assert memberships[0]["bin"] == member.bin
    assert invoices[0]["number"] == invoice.number


def test_erasure_anonymises_but_keeps_invoices_and_says_why():
    """P09, P13, P20: accounting records are kept 5 years, and the report says so."""
    member, application, open_one, invoice, other = subject_data()
    dry = provider().erase(EMAIL, dry_run=True)
    assert dry.erased == {"applications": 2, "memberships": 1}
    assert Application.objects.for_email(EMAIL).count() == 2  # nothing changed by a dry run

    report = provider().erase(EMAIL)
    assert report.erased == {"applications": 2, "memberships": 1}
    (kept,) = report.kept
    assert (kept.category, kept.count) == ("Invoices", 1)
    assert "Tax Code" in kept.reason and "5 years" in kept.reason
    assert kept.until == (datetime.date(2026, 2, 1) + datetime.timedelta(days=5 * 365)).isoformat()

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
    assert (member.email, member.contact_person, member.public_email) == ("", "", "")
    assert member.is_published is False
    assert Invoice.objects.get() == invoice
    assert invoice.payer_contact_person == "Aruzhan Bek"  # the accounting record is intact
    assert other.email == "someone@else.kz"
    assert provider().count(EMAIL) == 0


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
    assert list(technical.expired(now)) == [old]
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
    assert set(member_rule.expired(now)) == {expired, ended_early}
    assert run(member_rule, now) == 2
    assert set(Membership.objects.all()) == {within_year, active}
    assert not Application.objects.filter(pk=application.pk).exists()
    invoice.refresh_from_db()
    assert invoice.membership is None and invoice.payer_bin == expired.bin  # P13: kept
    assert run(member_rule, now) == 0


def test_invoices_deleted_five_years_after_issue():
    """P13: accounting records kept 5 years from issue, then deleted."""
    today = timezone.localdate()
    old = InvoiceFactory(issued_on=today - datetime.timedelta(days=5 * 365 + 1))
    kept = InvoiceFactory(issued_on=today - datetime.timedelta(days=5 * 365 - 1))
    invoices = rule("accreditation.invoices")
    assert list(invoices.expired(timezone.now())) == [old]
    assert run(invoices, timezone.now()) == 1
    assert list(Invoice.objects.all()) == [kept]


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
    assert set(closed.expired(now)) == {rejected, withdrawn}
    assert run(closed, now) == 2
    assert set(Application.objects.all()) == {recent, approved, still_open}

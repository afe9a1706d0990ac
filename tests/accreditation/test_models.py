"""The review workflow's rules on the model: the transition map, reasons, dates, the open-BIN constraint."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from accreditation.models import (
    OPEN_STATES,
    STATE_DATE_FIELDS,
    TRANSITIONS,
    Application,
    ApplicationState,
    IllegalMove,
    Invoice,
    Membership,
    ReasonRequired,
)
from directory.models import listed_memberships
from tests.accreditation.factories import ApplicationFactory, InvoiceFactory, MembershipFactory

pytestmark = pytest.mark.django_db

S = ApplicationState
ALLOWED = [(source, target) for source, targets in TRANSITIONS.items() for target in targets]
REFUSED = [
    (source, target)
    for source in S
    for target in S
    if target not in TRANSITIONS[source] and target != S.SUBMITTED
]


def application_in(state, **kwargs) -> Application:
    application = ApplicationFactory(**kwargs)
    if state != S.SUBMITTED:
        Application.objects.filter(pk=application.pk).update(state=state)
        application.refresh_from_db()
    return application


def test_map_covers_every_state_and_closed_states_lead_nowhere():
    assert set(TRANSITIONS) == set(S)
    assert set(STATE_DATE_FIELDS) == set(S)
    for state in (S.APPROVED, S.REJECTED, S.WITHDRAWN):
        assert TRANSITIONS[state] == ()
    for state in OPEN_STATES:
        assert S.WITHDRAWN in TRANSITIONS[state]  # the applicant may withdraw while open


@pytest.mark.parametrize(("source", "target"), ALLOWED)
def test_every_allowed_move(source, target, trained_staff):
    application = application_in(source)
    before = timezone.now()
    event = application.move_to(target, by=trained_staff, reason="Please send the charter.")
    application.refresh_from_db()
    assert application.state == target
    stamped = getattr(application, STATE_DATE_FIELDS[target])
    assert stamped is not None and stamped >= before
    assert application.reviewer == trained_staff
    assert (event.from_state, event.to_state, event.actor) == (source, target, trained_staff)
    assert list(application.events.values_list("to_state", flat=True)) == [target]


@pytest.mark.parametrize(("source", "target"), REFUSED)
def test_every_refused_move_raises_and_changes_nothing(source, target):
    application = application_in(source)
    with pytest.raises(IllegalMove):
        application.move_to(target, reason="Any reason")
    application.refresh_from_db()
    assert application.state == source
    assert getattr(application, STATE_DATE_FIELDS[target]) is None or target == S.SUBMITTED
    assert not application.events.exists()


def test_submitted_is_never_a_target():
    assert all(S.SUBMITTED not in targets for targets in TRANSITIONS.values())


@pytest.mark.parametrize("target", [S.REJECTED, S.INFORMATION_REQUESTED])
@pytest.mark.parametrize("reason", ["", "   "])
def test_rejection_and_information_request_need_a_reason(target, reason):
    application = application_in(S.IN_REVIEW)
    with pytest.raises(ReasonRequired):
        application.move_to(target, reason=reason)
    application.refresh_from_db()
    assert application.state == S.IN_REVIEW
    assert not application.events.exists()


def test_reason_is_kept_for_the_applicant():
    application = application_in(S.IN_REVIEW)
    application.move_to(S.REJECTED, reason="  Not a technology company.  ")
    application.refresh_from_db()
    assert application.decision_reason == "Not a technology company."
    assert application.events.get().reason == "Not a technology company."


def test_applicant_moves_are_not_reviewer_buttons():
    application = application_in(S.INFORMATION_REQUESTED)
    assert application.reviewer_moves() == [S.REJECTED]
    application = application_in(S.IN_REVIEW)
    assert application.reviewer_moves() == [S.INFORMATION_REQUESTED, S.APPROVED, S.REJECTED]
    assert application_in(S.APPROVED).reviewer_moves() == []


def test_decided_at_is_the_closing_date():
    application = application_in(S.IN_REVIEW)
    assert application.decided_at is None
    application.move_to(S.WITHDRAWN)
    assert application.decided_at == application.withdrawn_at


# --- one open application per BIN ---------------------------------------------------------------


@pytest.mark.parametrize("open_state", OPEN_STATES)
def test_database_refuses_a_second_open_application_for_a_bin(open_state):
    first = application_in(open_state)
    with pytest.raises(IntegrityError), transaction.atomic():
        ApplicationFactory(bin=first.bin)
    assert Application.objects.filter(bin=first.bin).count() == 1


@pytest.mark.parametrize("closed_state", [S.APPROVED, S.REJECTED, S.WITHDRAWN])
def test_closed_applications_do_not_block_a_new_one(closed_state):
    first = application_in(closed_state)
    second = ApplicationFactory(bin=first.bin)
    assert Application.objects.open().get(bin=first.bin) == second


def test_constraint_has_a_clear_message():
    first = ApplicationFactory()
    with pytest.raises(ValidationError) as excinfo:
        Application(bin=first.bin, state=S.SUBMITTED).validate_constraints()
    assert "already has an application under review" in str(excinfo.value)


def test_open_first_and_next_open():
    now = timezone.now()
    closed = application_in(S.REJECTED, submitted_at=now - datetime.timedelta(days=9))
    newer = ApplicationFactory(submitted_at=now - datetime.timedelta(days=1))
    older = ApplicationFactory(submitted_at=now - datetime.timedelta(days=3))
    assert list(Application.objects.open_first()) == [older, newer, closed]
    assert Application.objects.next_open() == older
    assert Application.objects.next_open(after=older) == newer
    assert Application.objects.next_open(after=closed) == older


def test_reference_numbers_are_unique_and_readable():
    references = {ApplicationFactory().reference for _ in range(20)}
    assert len(references) == 20
    year = timezone.localdate().year
    assert all(r.startswith(f"AC-{year}-") and len(r) == 14 for r in references)


def test_email_is_stored_lower_case():
    assert ApplicationFactory(email=" Ops@Example.KZ ").email == "ops@example.kz"


# --- memberships and invoices -------------------------------------------------------------------


def test_membership_active_and_ended():
    today = timezone.localdate()
    active = MembershipFactory()
    by_term = MembershipFactory(ends_on=today - datetime.timedelta(days=1))
    early = MembershipFactory(ended_on=today)
    assert list(Membership.objects.active()) == [active]
    assert set(Membership.objects.ended()) == {by_term, early}
    with translation.override("en"):
        assert (active.status, by_term.status, early.status) == ("active", "ended", "ended")
    assert early.end_date == today


def test_ended_membership_is_unlisted_the_same_day():
    today = timezone.localdate()
    member = MembershipFactory(ends_on=today)
    assert member in listed_memberships(today)
    assert member not in listed_memberships(today + datetime.timedelta(days=1))


def test_invoice_takes_a_payer_snapshot_and_a_number():
    membership = MembershipFactory(company_name="Astana Cloud", contact_person="Aruzhan Bek")
    invoice = InvoiceFactory(membership=membership, issued_on=datetime.date(2026, 3, 1))
    second = InvoiceFactory(membership=membership, issued_on=datetime.date(2026, 4, 1))
    assert (invoice.payer_company_name, invoice.payer_bin, invoice.payer_contact_person) == (
        "Astana Cloud",
        membership.bin,
        "Aruzhan Bek",
    )
    assert (invoice.number, second.number) == ("DKZ-2026-0001", "DKZ-2026-0002")
    membership.company_name = "Renamed"
    membership.save()
    invoice.refresh_from_db()
    assert invoice.payer_company_name == "Astana Cloud"  # a snapshot, not a live link


def test_invoice_dates_are_checked():
    invoice = Invoice(
        membership=MembershipFactory(),
        amount_kzt=Decimal("1.00"),
        issued_on=datetime.date(2026, 3, 10),
        due_on=datetime.date(2026, 3, 1),
        paid_on=datetime.date(2026, 3, 2),
    )
    with pytest.raises(ValidationError) as excinfo:
        invoice.full_clean()
    assert "due_on" in excinfo.value.message_dict


def test_overdue_invoices():
    today = timezone.localdate()
    overdue = InvoiceFactory(
        issued_on=today - datetime.timedelta(days=40), due_on=today - datetime.timedelta(days=10)
    )
    InvoiceFactory(
        issued_on=today - datetime.timedelta(days=40),
        due_on=today - datetime.timedelta(days=10),
        paid_on=today - datetime.timedelta(days=12),
    )
    InvoiceFactory()
    assert list(Invoice.objects.overdue()) == [overdue]


def test_early_end_set_for_a_later_day_takes_effect_that_day():
    today = timezone.localdate()
    member = MembershipFactory(ended_on=today + datetime.timedelta(days=3))
    assert member.is_active
    assert member in listed_memberships(today + datetime.timedelta(days=2))
    assert member not in listed_memberships(today + datetime.timedelta(days=3))
    assert member in Membership.objects.ended(today + datetime.timedelta(days=3))

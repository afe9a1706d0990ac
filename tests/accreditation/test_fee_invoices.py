"""Membership-fee invoices from the association's tariff: worked out on issue and frozen on the invoice."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from django.utils import timezone

from accreditation import services
from accreditation.models import ApplicationState, Invoice
from association.models import CalculationIndex, FeeBand
from tests.accreditation.factories import ApplicationFactory, InvoiceFactory, MembershipFactory
from tests.association.factories import tariff

pytestmark = pytest.mark.django_db


def approve(application, reviewer):
    application.move_to(ApplicationState.IN_REVIEW)
    return services.move_by_reviewer(state="approved", application=application, reviewer=reviewer)


def test_a_new_member_pays_the_entrance_fee_and_the_band_s_annual_fee(trained_staff):
    tariff()
    member = MembershipFactory(headcount=40)
    invoice = services.issue_fee_invoice(membership=member, renewal=False)
    assert invoice.amount_kzt == Decimal("216250.00")  # (40 + 10) MCI x 4,325
    assert (invoice.headcount, invoice.annual_fee_mci, invoice.entrance_fee_mci) == (40, 40, 10)
    assert invoice.mci_value_kzt == Decimal("4325")
    assert invoice.due_on == invoice.issued_on + datetime.timedelta(days=30)
    assert invoice.payer_email == member.email and invoice.number.startswith("DKZ-")


def test_the_amount_is_frozen_on_issue():
    tariff()
    invoice = services.issue_fee_invoice(membership=MembershipFactory(headcount=5), renewal=True)
    FeeBand.objects.update(annual_fee_mci=99)
    CalculationIndex.objects.update(value_kzt=9999)
    invoice.refresh_from_db()
    assert invoice.amount_kzt == Decimal("64875.00")  # 15 MCI x 4,325, as issued


def test_one_fee_invoice_per_term_and_the_reasons_it_cannot_be_issued():
    member = MembershipFactory(headcount=None)
    with pytest.raises(services.InvoiceRefused, match="No fee tariff"):
        services.issue_fee_invoice(membership=MembershipFactory(headcount=9), renewal=False)
    tariff()
    with pytest.raises(services.InvoiceRefused, match="headcount is not known"):
        services.issue_fee_invoice(membership=member, renewal=False)
    member.headcount = 3
    member.save()
    services.issue_fee_invoice(membership=member, renewal=False)
    with pytest.raises(services.InvoiceRefused, match="already issued"):
        services.issue_fee_invoice(membership=member, renewal=True)
    assert Invoice.objects.count() == 1


def test_approval_issues_the_invoice_when_the_reviewer_entered_the_headcount(trained_staff):
    tariff()
    application = ApplicationFactory(headcount=120)
    membership = approve(application, trained_staff).membership
    (invoice,) = membership.invoices.all()
    assert membership.headcount == 120
    assert invoice.amount_kzt == Decimal("389250.00")  # (80 + 10) x 4,325


def test_approval_without_a_headcount_issues_nothing_and_staff_are_told(admin_client_trained):
    tariff()
    application = ApplicationFactory()
    application.move_to(ApplicationState.IN_REVIEW)
    response = admin_client_trained.post(
        reverse("admin:accreditation_application_move", args=[application.pk, "approved"]),
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    messages = [str(m) for m in response.context["messages"]]
    assert any("No fee invoice was issued" in m and "headcount is not known" in m for m in messages)
    assert not Invoice.objects.exists()


def test_a_renewal_pays_no_entrance_fee(trained_staff):
    tariff()
    today = timezone.localdate()
    member = MembershipFactory(
        headcount=10,
        starts_on=today - datetime.timedelta(days=350),
        ends_on=today + datetime.timedelta(days=15),
    )
    InvoiceFactory(membership=member, issued_on=member.starts_on, annual_fee_mci=15)
    renewal = ApplicationFactory(bin=member.bin, email=member.email)
    renewed = approve(renewal, trained_staff).membership
    assert renewed.pk == member.pk
    latest = renewed.invoices.order_by("-issued_on").first()
    assert latest.issued_on == today and latest.entrance_fee_mci == 0
    assert latest.amount_kzt == Decimal("64875.00")


def test_staff_issue_invoices_from_the_membership_list(admin_client_trained):
    tariff()
    ready = MembershipFactory(company_name="Ready", headcount=8)
    unknown = MembershipFactory(company_name="Unknown", headcount=None)
    response = admin_client_trained.post(
        "/admin/accreditation/membership/",
        {"action": "issue_fee_invoices", ACTION_CHECKBOX_NAME: [ready.pk, unknown.pk]},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    messages = [str(m) for m in response.context["messages"]]
    assert any(m.startswith("1 invoice issued: DKZ-") for m in messages)
    assert any(m.startswith("Unknown: ") and "headcount" in m for m in messages)
    assert ready.invoices.get().entrance_fee_mci == 10  # its first invoice
    assert not unknown.invoices.exists()


def test_the_fee_basis_is_read_only_in_the_invoice_admin(admin_client_trained):
    tariff()
    invoice = services.issue_fee_invoice(membership=MembershipFactory(headcount=8), renewal=False)
    page = admin_client_trained.get(
        reverse("admin:accreditation_invoice_change", args=[invoice.pk])
    )
    form = page.context["adminform"].form
    assert not {"amount_kzt", "headcount", "annual_fee_mci", "mci_value_kzt"} & set(form.fields)

"""The reviewers' admin: worklist order, filters, search, workflow buttons, bulk actions, CSV, invoices."""

import csv
import datetime
import io

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from django.utils import timezone

from accreditation.admin import ApplicationAdmin, InvoiceAdmin, MembershipAdmin
from accreditation.models import (
    AccountingHold,
    Application,
    ApplicationState,
    Invoice,
    Membership,
)
from directory.models import listed_memberships
from dkz_site.admin_site import holds_personal_data
from privacy.models import ConsentPurpose
from privacy.services import block_email, record_consent
from tests.accreditation.factories import ApplicationFactory, InvoiceFactory, MembershipFactory
from tests.queue import sent_mail

pytestmark = pytest.mark.django_db

S = ApplicationState
CHANGELIST = "/admin/accreditation/application/"


@pytest.fixture(autouse=True)
def _english_admin(client):
    """The admin follows Accept-Language; messages are asserted in English."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def change_url(application):
    return reverse("admin:accreditation_application_change", args=[application.pk])


def move_url(application, state):
    return reverse("admin:accreditation_application_move", args=[application.pk, state])


def in_state(state, **kwargs):
    application = ApplicationFactory(**kwargs)
    Application.objects.filter(pk=application.pk).update(state=state)
    application.refresh_from_db()
    return application


def test_every_admin_declares_personal_data():
    """P25: these pages are for trained staff only (the gate reads this declaration)."""
    from django.contrib import admin

    for model in (Application, Membership, Invoice):
        assert holds_personal_data(admin.site._registry[model])
    assert {ApplicationAdmin, MembershipAdmin, InvoiceAdmin} >= {
        type(admin.site._registry[m]) for m in (Application, Membership, Invoice)
    }


def test_changelist_shows_open_applications_first(
    admin_client_trained, django_assert_max_num_queries
):
    now = timezone.now()
    closed = in_state(S.REJECTED, submitted_at=now - datetime.timedelta(days=10))
    newer = ApplicationFactory(submitted_at=now - datetime.timedelta(days=1))
    older = in_state(S.IN_REVIEW, submitted_at=now - datetime.timedelta(days=5))
    for _ in range(20):
        ApplicationFactory()
    with django_assert_max_num_queries(12):
        response = admin_client_trained.get(CHANGELIST)
    assert response.status_code == 200
    rows = list(response.context["cl"].result_list)
    assert rows[:2] == [older, newer]
    assert rows[-1] == closed


@pytest.mark.parametrize(
    ("query", "field"),
    [("state=rejected", "state"), ("region__exact=KZ-47", "region"), ("open=no", "state")],
)
def test_filters(admin_client_trained, query, field):
    target = in_state(S.REJECTED, region="KZ-47")
    ApplicationFactory(region="KZ-71")
    response = admin_client_trained.get(f"{CHANGELIST}?{query}")
    assert list(response.context["cl"].result_list) == [target]


@pytest.mark.parametrize("attribute", ["bin", "company_name", "email"])
def test_search_by_bin_company_and_email(admin_client_trained, attribute):
    target = ApplicationFactory(company_name="Steppe Robotics LLP", email="ops@steppe.kz")
    ApplicationFactory()
    response = admin_client_trained.get(CHANGELIST, {"q": getattr(target, attribute)})
    assert list(response.context["cl"].result_list) == [target]


def test_change_page_shows_history_and_only_allowed_buttons(admin_client_trained, trained_staff):
    application = ApplicationFactory()
    application.move_to(S.IN_REVIEW, by=trained_staff)
    response = admin_client_trained.get(change_url(application))
    content = response.content.decode()
    assert response.status_code == 200
    for state in (S.INFORMATION_REQUESTED, S.APPROVED, S.REJECTED):
        assert move_url(application, state) in content
    for state in (S.IN_REVIEW, S.RESUBMITTED, S.WITHDRAWN):
        assert move_url(application, state) not in content
    history = response.context["inline_admin_formsets"][0].formset.queryset
    assert list(history.values_list("to_state", flat=True)) == [S.IN_REVIEW]


def test_closed_application_shows_no_buttons(admin_client_trained):
    application = in_state(S.APPROVED)
    content = admin_client_trained.get(change_url(application)).content.decode()
    assert "/move/" not in content
    assert "no further moves" in content


def test_approve_button_approves_through_the_service(admin_client_trained, trained_staff):
    application = ApplicationFactory()
    record_consent(
        email=application.email,
        purpose=ConsentPurpose.DIRECTORY_PUBLICATION,
        wording="I consent to publication.",
        source="test",
    )
    following = ApplicationFactory()
    response = admin_client_trained.post(move_url(application, S.APPROVED), follow=True)
    application.refresh_from_db()
    assert application.state == S.APPROVED
    assert application.reviewer == trained_staff
    assert application.membership.bin == application.bin
    assert application.membership in listed_memberships()
    messages = [str(m) for m in response.context["messages"]]
    assert any(following.reference in m for m in messages)  # straight on to the next one
    assert [m.to for m in sent_mail()] == [[application.email]]


def test_move_needs_post(admin_client_trained):
    application = ApplicationFactory()
    assert admin_client_trained.get(move_url(application, S.IN_REVIEW)).status_code == 405
    assert admin_client_trained.get(move_url(application, S.APPROVED)).status_code == 200  # confirm
    application.refresh_from_db()
    assert application.state == S.SUBMITTED


def test_rejection_asks_for_the_reason(admin_client_trained):
    application = in_state(S.IN_REVIEW)
    page = admin_client_trained.get(move_url(application, S.REJECTED))
    assert page.status_code == 200
    assert 'name="reason"' in page.content.decode()
    empty = admin_client_trained.post(move_url(application, S.REJECTED), {"reason": ""})
    assert empty.status_code == 200
    application.refresh_from_db()
    assert application.state == S.IN_REVIEW
    admin_client_trained.post(move_url(application, S.REJECTED), {"reason": "Out of scope."})
    application.refresh_from_db()
    assert (application.state, application.decision_reason) == (S.REJECTED, "Out of scope.")
    assert "Out of scope." in sent_mail()[0].body


def test_information_request_button_sends_the_signed_link(admin_client_trained):
    application = in_state(S.IN_REVIEW)
    admin_client_trained.post(
        move_url(application, S.INFORMATION_REQUESTED), {"reason": "Send your charter."}
    )
    application.refresh_from_db()
    assert application.state == S.INFORMATION_REQUESTED
    (email,) = sent_mail()
    assert f"/en/accreditation/applications/{application.reference}/" in email.body


def test_illegal_move_from_the_admin_is_refused(admin_client_trained):
    application = in_state(S.REJECTED)
    response = admin_client_trained.post(move_url(application, S.APPROVED), follow=True)
    application.refresh_from_db()
    assert application.state == S.REJECTED
    assert not Membership.objects.exists()
    assert any("not possible" in str(m) for m in response.context["messages"])


def test_staff_without_change_permission_cannot_move(client, staff_user):
    client.force_login(staff_user)
    application = ApplicationFactory()
    response = client.post(move_url(application, S.APPROVED))
    assert response.status_code == 403
    application.refresh_from_db()
    assert application.state == S.SUBMITTED


def test_bulk_approve_is_confirmed_on_a_page_saying_what_will_happen(admin_client_trained):
    first, second = ApplicationFactory(), ApplicationFactory(publication_consent=False)
    selected = {"action": "approve_selected", ACTION_CHECKBOX_NAME: [first.pk, second.pk]}
    page = admin_client_trained.post(CHANGELIST, selected).content.decode()
    assert first.reference in page and second.reference in page
    assert "becomes a member from" in page
    assert "not listed in the public directory" in page  # the second did not consent
    assert f"&lt;{first.email}&gt;" in page  # who will be emailed
    assert 'name="apply"' in page
    first.refresh_from_db()
    assert first.state == S.SUBMITTED and not Membership.objects.exists()  # nothing done yet


def test_approve_from_the_change_page_is_confirmed_first(admin_client_trained):
    application = ApplicationFactory(language="ru")
    url = move_url(application, S.APPROVED)
    change = admin_client_trained.get(f"/admin/accreditation/application/{application.pk}/change/")
    assert f'href="{url}"' in change.content.decode()  # a link to the confirmation, not a form
    page = admin_client_trained.get(url).content.decode()
    assert "becomes a member from" in page and application.email in page and "Russian" in page
    application.refresh_from_db()
    assert application.state == S.SUBMITTED
    russian = admin_client_trained.get(url, HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "(язык: русский)" in russian
    assert "г.." not in russian and "включительно." in russian
    admin_client_trained.post(url)
    application.refresh_from_db()
    assert application.state == S.APPROVED


def test_bulk_approve_uses_the_same_service(admin_client_trained):
    first, second = ApplicationFactory(), ApplicationFactory(publication_consent=False)
    closed = in_state(S.REJECTED)
    response = admin_client_trained.post(
        CHANGELIST,
        {
            "action": "approve_selected",
            "apply": "yes",
            ACTION_CHECKBOX_NAME: [first.pk, second.pk, closed.pk],
        },
        follow=True,
    )
    for application in (first, second, closed):
        application.refresh_from_db()
    assert (first.state, second.state, closed.state) == (S.APPROVED, S.APPROVED, S.REJECTED)
    assert first.membership.is_active and second.membership.is_active
    assert Membership.objects.count() == 2
    messages = " ".join(str(m) for m in response.context["messages"])
    assert "2 applications" in messages and closed.reference in messages


@pytest.mark.parametrize(("state", "data"), [(S.APPROVED, {}), (S.REJECTED, {"reason": "No."})])
def test_move_of_a_blocked_applicant_is_refused_with_a_clear_error(
    admin_client_trained, state, data
):
    """P19: the button does nothing for an address blocked since submission, and says why."""
    application = ApplicationFactory()
    block_email(email=application.email)
    response = admin_client_trained.post(move_url(application, state), data, follow=True)
    assert response.status_code == 200
    application.refresh_from_db()
    assert application.state == S.SUBMITTED
    assert not Membership.objects.exists()
    errors = [str(m) for m in response.context["messages"] if m.level_tag == "error"]
    assert errors == [
        "The applicant's email address is blocked at its owner's request, so the "
        "application cannot be processed further until the block is lifted."
    ]
    assert sent_mail() == []


def test_bulk_approve_leaves_blocked_applicants_and_names_them(admin_client_trained):
    """P19: bulk approval moves the others and names the blocked ones in an error."""
    blocked, other = ApplicationFactory(), ApplicationFactory()
    block_email(email=blocked.email)
    response = admin_client_trained.post(
        CHANGELIST,
        {
            "action": "approve_selected",
            "apply": "yes",
            ACTION_CHECKBOX_NAME: [blocked.pk, other.pk],
        },
        follow=True,
    )
    assert response.status_code == 200
    blocked.refresh_from_db()
    other.refresh_from_db()
    assert (blocked.state, other.state) == (S.SUBMITTED, S.APPROVED)
    assert list(Membership.objects.all()) == [other.membership]
    errors = [str(m) for m in response.context["messages"] if m.level_tag == "error"]
    assert errors == [
        "Not moved, as the applicant's email address is blocked at its owner's request: "
        + blocked.reference
    ]


def test_bulk_reject_leaves_blocked_applicants_and_names_them(admin_client_trained):
    """P19"""
    blocked, other = ApplicationFactory(), ApplicationFactory()
    block_email(email=blocked.email)
    selected = {"action": "reject_selected", ACTION_CHECKBOX_NAME: [blocked.pk, other.pk]}
    response = admin_client_trained.post(
        CHANGELIST, {**selected, "apply": "yes", "reason": "Duplicate."}, follow=True
    )
    assert response.status_code == 200
    blocked.refresh_from_db()
    other.refresh_from_db()
    assert (blocked.state, other.state) == (S.SUBMITTED, S.REJECTED)
    messages = {m.level_tag: str(m) for m in response.context["messages"]}
    assert blocked.reference in messages["error"] and "blocked" in messages["error"]
    assert [m.to for m in sent_mail()] == [[other.email]]


def test_bulk_reject_asks_for_the_reason_on_an_intermediate_page(admin_client_trained):
    first, second = ApplicationFactory(), in_state(S.IN_REVIEW)
    selected = {"action": "reject_selected", ACTION_CHECKBOX_NAME: [first.pk, second.pk]}
    page = admin_client_trained.post(CHANGELIST, selected)
    assert page.status_code == 200
    assert 'name="reason"' in page.content.decode()
    assert first.reference in page.content.decode()
    first.refresh_from_db()
    assert first.state == S.SUBMITTED
    admin_client_trained.post(CHANGELIST, {**selected, "apply": "yes", "reason": "Duplicate."})
    for application in (first, second):
        application.refresh_from_db()
        assert (application.state, application.decision_reason) == (S.REJECTED, "Duplicate.")
    assert sorted(m.to[0] for m in sent_mail()) == sorted([first.email, second.email])


def test_next_open_application(admin_client_trained):
    now = timezone.now()
    first = ApplicationFactory(submitted_at=now - datetime.timedelta(days=2))
    second = ApplicationFactory(submitted_at=now - datetime.timedelta(days=1))
    url = reverse("admin:accreditation_application_next_open")
    assert admin_client_trained.get(f"{url}?after={first.pk}")["Location"] == change_url(second)
    assert admin_client_trained.get(url)["Location"] == change_url(first)
    Application.objects.update(state=S.WITHDRAWN)
    assert admin_client_trained.get(url)["Location"] == CHANGELIST


def test_csv_export(admin_client_trained):
    application = ApplicationFactory(company_name="Қазақ Cloud")
    response = admin_client_trained.post(
        CHANGELIST, {"action": "export_csv", ACTION_CHECKBOX_NAME: [application.pk]}
    )
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 1
    assert rows[0]["Reference number"] == application.reference
    assert rows[0]["Company name"] == "Қазақ Cloud"
    assert rows[0]["BIN"] == application.bin
    assert rows[0]["Consents to publication"] in {"yes", "no"}


def test_csv_export_speaks_the_staff_members_language(admin_client_trained):
    application = ApplicationFactory(publication_consent=True)
    response = admin_client_trained.post(
        CHANGELIST,
        {"action": "export_csv", ACTION_CHECKBOX_NAME: [application.pk]},
        HTTP_ACCEPT_LANGUAGE="ru",
    )
    header, row = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert header[header.index("БИН") + 1] == "Название компании"
    assert "reference" not in header and "Decided" not in header
    assert row[header.index("Согласие на публикацию")] == "да"


def test_applications_are_not_added_in_the_admin(admin_client_trained):
    assert admin_client_trained.get(f"{CHANGELIST}add/").status_code == 403


# --- memberships and invoices -------------------------------------------------------------------


def test_membership_admin_pages(admin_client_trained, django_assert_max_num_queries):
    member = MembershipFactory()
    MembershipFactory(ends_on=timezone.localdate() - datetime.timedelta(days=3))
    for _ in range(15):
        MembershipFactory()
    with django_assert_max_num_queries(10):
        response = admin_client_trained.get("/admin/accreditation/membership/?status=ended")
    assert response.context["cl"].result_count == 1
    page = admin_client_trained.get(
        reverse("admin:accreditation_membership_change", args=[member.pk])
    )
    assert page.status_code == 200


def test_end_membership_action_unlists_at_once(admin_client_trained):
    member = MembershipFactory()
    admin_client_trained.post(
        "/admin/accreditation/membership/",
        {"action": "end_today", ACTION_CHECKBOX_NAME: [member.pk]},
    )
    member.refresh_from_db()
    assert member.ended_on == timezone.localdate()
    assert member not in listed_memberships()


def test_invoice_is_issued_in_the_admin_with_a_payer_snapshot(admin_client_trained):
    member = MembershipFactory(company_name="Nomad Payments", contact_person="Timur Ospanov")
    response = admin_client_trained.post(
        "/admin/accreditation/invoice/add/",
        {
            "number": "",
            "membership": member.pk,
            "amount_kzt": "150000",
            "issued_on": "2026-03-01",
            "due_on": "2026-03-31",
            "paid_on": "",
            "payer_company_name": "",
            "payer_bin": "",
            "payer_contact_person": "",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    invoice = Invoice.objects.get()
    assert invoice.number == "DKZ-2026-0001"
    assert (invoice.payer_company_name, invoice.payer_bin, invoice.payer_contact_person) == (
        "Nomad Payments",
        member.bin,
        "Timur Ospanov",
    )
    assert invoice.payer_email == member.email


def test_invoice_list_and_filters(admin_client_trained, django_assert_max_num_queries):
    today = timezone.localdate()
    overdue = InvoiceFactory(
        issued_on=today - datetime.timedelta(days=60), due_on=today - datetime.timedelta(days=30)
    )
    for _ in range(10):
        InvoiceFactory(paid_on=today)
    with django_assert_max_num_queries(10):
        response = admin_client_trained.get("/admin/accreditation/invoice/?payment=overdue")
    assert list(response.context["cl"].result_list) == [overdue]
    page = admin_client_trained.get(
        reverse("admin:accreditation_invoice_change", args=[overdue.pk])
    )
    assert page.status_code == 200
    assert 'name="amount_kzt"' not in page.content.decode()  # an issued invoice is not rewritten


def test_staff_hold_a_year_under_audit_and_the_invoice_page_says_so(admin_client_trained):
    invoice = InvoiceFactory(
        issued_on=datetime.date(2026, 1, 15), due_on=datetime.date(2026, 2, 14)
    )
    change = reverse("admin:accreditation_invoice_change", args=[invoice.pk])
    assert "31 декабря 2031" in page(admin_client_trained, change)
    response = admin_client_trained.post(
        reverse("admin:accreditation_accountinghold_add"),
        {"year": 2026, "reason": "audit", "note": "Order 17", "held_since": "2026-12-03"},
    )
    assert response.status_code == 302
    assert AccountingHold.objects.in_force().get().year == 2026
    listing = admin_client_trained.get(reverse("admin:accreditation_accountinghold_changelist"))
    assert listing.status_code == 200 and "Order 17" in listing.content.decode()
    assert "идёт проверка" in page(admin_client_trained, change)


def page(client, url):
    return client.get(url, HTTP_ACCEPT_LANGUAGE="ru").content.decode()

"""The staff's admin for the association: content pages open, attendee lists for trained staff only, the
workflow actions go through the services, and the reports count and export."""

import csv
import datetime
import io

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from django.utils import timezone

from accreditation.models import ApplicationState
from association import services
from association.models import FeeSchedule, Registration
from tests.accreditation.factories import ApplicationFactory, InvoiceFactory, MembershipFactory

from .factories import (
    DocumentFactory,
    EventFactory,
    NewsPostFactory,
    PersonFactory,
    RegistrationFactory,
    WorkingGroupFactory,
    in_days,
    tariff,
)

pytestmark = pytest.mark.django_db

REGISTRATIONS = "/admin/association/registration/"
REPORTS = "/admin/association/staffreport/"


@pytest.fixture(autouse=True)
def _english_admin(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def test_every_association_admin_page_opens(admin_client_trained):
    objects = {
        "event": EventFactory(),
        "newspost": NewsPostFactory(),
        "workinggroup": WorkingGroupFactory(),
        "person": PersonFactory(),
        "document": DocumentFactory(),
        "feeschedule": tariff(),
        "registration": RegistrationFactory(),
    }
    for model in ("page", "office", "calculationindex", *objects):
        assert admin_client_trained.get(f"/admin/association/{model}/").status_code == 200, model
        if model != "registration":
            assert (
                admin_client_trained.get(f"/admin/association/{model}/add/").status_code == 200
            ), model
    for model, obj in objects.items():
        url = reverse(f"admin:association_{model}_change", args=[obj.pk])
        assert admin_client_trained.get(url).status_code == 200, model


def test_p25_attendee_lists_are_for_trained_staff_only(client, staff_user):
    """P25: names and addresses of attendees are personal data."""
    from django.contrib.auth.models import Permission

    staff_user.user_permissions.set(
        Permission.objects.filter(content_type__app_label="association")
    )
    client.force_login(staff_user)
    registration = RegistrationFactory()
    assert client.get(REGISTRATIONS).status_code == 403
    assert (
        client.get(
            reverse("admin:association_registration_change", args=[registration.pk])
        ).status_code
        == 403
    )
    assert (
        client.get("/admin/association/event/").status_code == 200
    )  # events themselves are not personal
    assert client.get(REPORTS).status_code == 200  # counts only
    index = client.get("/admin/").content.decode()
    assert REGISTRATIONS not in index and "/admin/association/event/" in index


def test_staff_cancel_a_place_and_the_waiting_list_moves(admin_client_trained):
    event = EventFactory(capacity=1)
    holder = RegistrationFactory(event=event)
    waiting = RegistrationFactory(
        event=event, status=Registration.Status.WAITING, confirmed_at=None
    )
    response = admin_client_trained.post(
        REGISTRATIONS, {"action": "cancel_selected", ACTION_CHECKBOX_NAME: [holder.pk]}, follow=True
    )
    messages = [str(m) for m in response.context["messages"]]
    assert (
        "1 registration cancelled." in messages
        and "1 person on the waiting list got a place." in messages
    )
    holder.refresh_from_db()
    waiting.refresh_from_db()
    assert holder.cancelled_by == "staff" and waiting.status == Registration.Status.CONFIRMED


def test_staff_record_attendance_after_the_event(admin_client_trained):
    came = RegistrationFactory(event=EventFactory(starts_at=in_days(-1)))
    upcoming = RegistrationFactory()
    response = admin_client_trained.post(
        REGISTRATIONS,
        {"action": "mark_attended", ACTION_CHECKBOX_NAME: [came.pk, upcoming.pk]},
        follow=True,
    )
    messages = [str(m) for m in response.context["messages"]]
    assert "Attendance recorded for 1 person." in messages
    assert any("events that have started" in m for m in messages)
    came.refresh_from_db()
    upcoming.refresh_from_db()
    assert came.attended is True and upcoming.attended is None


def test_attendee_list_exports_as_csv(admin_client_trained):
    registration = RegistrationFactory(name="Айгерім", email="a@example.kz")
    response = admin_client_trained.post(
        REGISTRATIONS, {"action": "export_csv", ACTION_CHECKBOX_NAME: [registration.pk]}
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Event", "Full name", "Email"]
    assert rows[1][1:3] == ["Айгерім", "a@example.kz"]


def test_more_places_in_the_admin_give_places_to_the_people_waiting(admin_client_trained):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    waiting = RegistrationFactory(
        event=event, status=Registration.Status.WAITING, confirmed_at=None
    )
    url = reverse("admin:association_event_change", args=[event.pk])
    form = admin_client_trained.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.update(
        capacity=2,
        starts_at_0=event.starts_at.astimezone().strftime("%Y-%m-%d"),
        starts_at_1=timezone.localtime(event.starts_at).strftime("%H:%M:%S"),
        ends_at_0=timezone.localtime(event.ends_at).strftime("%Y-%m-%d"),
        ends_at_1=timezone.localtime(event.ends_at).strftime("%H:%M:%S"),
    )
    data.pop("starts_at", None)
    data.pop("ends_at", None)
    data.pop("registration_closes_at", None)
    response = admin_client_trained.post(url, data, follow=True)
    assert response.status_code == 200
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED


def test_a_tariff_with_a_gap_is_refused_in_the_admin(admin_client_trained):
    data = {
        "valid_from": "2027-01-01",
        "entrance_fee_mci": "10",
        "bands-TOTAL_FORMS": "2",
        "bands-INITIAL_FORMS": "0",
        "bands-MIN_NUM_FORMS": "1",
        "bands-MAX_NUM_FORMS": "1000",
        "bands-0-min_headcount": "1",
        "bands-0-max_headcount": "10",
        "bands-0-annual_fee_mci": "15",
        "bands-1-min_headcount": "20",
        "bands-1-max_headcount": "",
        "bands-1-annual_fee_mci": "40",
    }
    response = admin_client_trained.post("/admin/association/feeschedule/add/", data)
    assert response.status_code == 200 and "must start right after" in response.content.decode()
    assert not FeeSchedule.objects.exists()
    data["bands-1-min_headcount"] = "11"
    response = admin_client_trained.post("/admin/association/feeschedule/add/", data)
    assert response.status_code == 302 and FeeSchedule.objects.get().bands.count() == 2


# --- reports ------------------------------------------------------------------------------------


def _report(client, slug):
    response = client.get(f"{REPORTS}{slug}/")
    assert response.status_code == 200
    return response.context["table"]


def test_members_by_status_and_region(admin_client_trained):
    today = timezone.localdate()
    MembershipFactory(region="KZ-71")
    MembershipFactory(region="KZ-71", is_published=False)
    MembershipFactory(region="KZ-75", ends_on=today - datetime.timedelta(days=2))
    MembershipFactory(region="KZ-75", starts_on=today + datetime.timedelta(days=3))
    table = _report(admin_client_trained, "members-by-region")
    rows = {row[0]: row[1:] for row in table.rows}
    assert rows["Astana"] == [1, 1, 0, 0, 2]
    assert rows["Almaty"] == [0, 0, 1, 1, 2]
    assert len(table.rows) == 20 and table.totals[1:] == [1, 1, 1, 1, 4]


def test_applications_and_time_to_decision(admin_client_trained):
    submitted = timezone.now() - datetime.timedelta(days=10)
    for days in (2, 4):
        application = ApplicationFactory(submitted_at=submitted)
        application.move_to(ApplicationState.IN_REVIEW)
        application.move_to(
            ApplicationState.REJECTED, reason="No.", at=submitted + datetime.timedelta(days=days)
        )
    ApplicationFactory(submitted_at=submitted)  # still open
    withdrawn = ApplicationFactory(submitted_at=submitted)
    withdrawn.move_to(ApplicationState.WITHDRAWN)
    (row,) = _report(admin_client_trained, "applications").rows
    assert row == [timezone.localtime(submitted).year, 4, 0, 2, 1, 1, 3.0, 3.0, 4.0]


def test_invoices_issued_paid_and_overdue(admin_client_trained):
    today = timezone.localdate()
    InvoiceFactory(amount_kzt=100, paid_on=today)
    InvoiceFactory(amount_kzt=200, due_on=today + datetime.timedelta(days=5))
    InvoiceFactory(
        amount_kzt=300,
        issued_on=today - datetime.timedelta(days=40),
        due_on=today - datetime.timedelta(days=10),
    )
    rows = _report(admin_client_trained, "invoices").rows
    by_year = {row[0]: row[1:] for row in rows}
    this_year = by_year[today.year]
    if (today - datetime.timedelta(days=40)).year == today.year:
        assert this_year == [3, 600, 1, 100, 1, 200, 1, 300]
    else:
        assert this_year[:6] == [2, 300, 1, 100, 1, 200]


def test_events_attendance_and_its_csv(admin_client_trained):
    event = EventFactory(title_en="Seminar", starts_at=in_days(-5), capacity=10)
    RegistrationFactory(event=event, attended=True)
    RegistrationFactory(event=event, attended=False)
    RegistrationFactory(event=event, status=Registration.Status.CANCELLED)
    (row,) = _report(admin_client_trained, "events-attendance").rows
    assert row[0] == "Seminar" and row[2:] == [10, 2, 0, 1, 1, 50]
    response = admin_client_trained.get(f"{REPORTS}events-attendance/csv/")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Event" and rows[1][0] == "Seminar" and rows[1][-1] == "50"


def test_reports_index_and_unknown_report(admin_client_trained):
    index = admin_client_trained.get(REPORTS).content.decode()
    for slug in ("members-by-region", "applications", "invoices", "events-attendance"):
        assert f"{REPORTS}{slug}/" in index and f"{REPORTS}{slug}/csv/" in index
    assert admin_client_trained.get(f"{REPORTS}no-such-report/").status_code == 404


def test_reports_need_the_view_permission(client, staff_user):
    client.force_login(staff_user)
    assert client.get(f"{REPORTS}invoices/").status_code == 403
    assert client.get(f"{REPORTS}invoices/csv/").status_code == 403


def test_cancel_action_is_the_service(admin_client_trained, monkeypatch):
    called = []
    monkeypatch.setattr(services, "cancel_registration", lambda **kw: called.append(kw) or [])
    registration = RegistrationFactory()
    admin_client_trained.post(
        REGISTRATIONS, {"action": "cancel_selected", ACTION_CHECKBOX_NAME: [registration.pk]}
    )
    assert called and called[0]["by"] == Registration.CancelledBy.STAFF

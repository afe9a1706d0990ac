"""Staff's admin for data-subject requests: work order, filters, steps that call the services, the dashboard."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from privacy.models import DataSubjectRequest, RequestEvent, RequestState, RetentionRun
from privacy.retention import run_retention
from privacy.services import is_blocked
from tests.queue import sent_mail

from .factories import ConsentRecordFactory, DataSubjectRequestFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/privacy/datasubjectrequest/"


@pytest.fixture
def admin_client_trained(admin_client_trained):
    """The admin in English, so that assertions read the source strings."""
    admin_client_trained.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return admin_client_trained


def step_url(request, step):
    return reverse("admin:privacy_datasubjectrequest_step", args=[request.pk, step])


def change_url(request):
    return reverse("admin:privacy_datasubjectrequest_change", args=[request.pk])


def test_the_model_admin_declares_personal_data():
    from django.contrib import admin

    from dkz_site.admin_site import holds_personal_data

    assert holds_personal_data(admin.site._registry[DataSubjectRequest])


def test_changelist_puts_overdue_first_and_shows_days_left(
    admin_client_trained, django_assert_max_num_queries
):
    today = timezone.localdate()
    later = DataSubjectRequestFactory(verified=True, due_on=today + datetime.timedelta(days=20))
    overdue = DataSubjectRequestFactory(verified=True, due_on=today - datetime.timedelta(days=7))
    done = DataSubjectRequestFactory(verified=True, state="completed")
    DataSubjectRequestFactory.create_batch(5, verified=True)

    with django_assert_max_num_queries(12):
        response = admin_client_trained.get(CHANGELIST)

    assert response.status_code == 200
    content = response.content.decode()
    positions = [content.index(r.reference) for r in (overdue, later, done)]
    assert positions == sorted(positions)
    assert "working days overdue" in content
    assert "dsr-overdue" in content


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("deadline=overdue", {"overdue"}),
        ("deadline=open", {"overdue", "later"}),
        ("request_type__exact=deletion", {"later"}),
        ("state__exact=completed", {"done"}),
    ],
)
def test_filters_by_deadline_type_and_state(admin_client_trained, query, expected):
    today = timezone.localdate()
    made = {
        "overdue": DataSubjectRequestFactory(
            verified=True, due_on=today - datetime.timedelta(days=3)
        ),
        "later": DataSubjectRequestFactory(
            verified=True, request_type="deletion", due_on=today + datetime.timedelta(days=9)
        ),
        "done": DataSubjectRequestFactory(verified=True, state="completed"),
    }
    content = admin_client_trained.get(f"{CHANGELIST}?{query}").content.decode()
    shown = {name for name, request in made.items() if f">{request.reference}<" in content}
    assert shown == expected


def test_change_page_offers_only_the_steps_the_request_allows(admin_client_trained):
    deletion = DataSubjectRequestFactory(verified=True, request_type="deletion")
    content = admin_client_trained.get(change_url(deletion)).content.decode()
    assert step_url(deletion, "erase") in content
    assert step_url(deletion, "refuse") in content
    assert step_url(deletion, "rectify") not in content
    assert "history" in content.lower()

    closed = DataSubjectRequestFactory(verified=True, request_type="deletion", state="completed")
    content = admin_client_trained.get(change_url(closed)).content.decode()
    assert "/step/" not in content
    response = admin_client_trained.post(step_url(closed, "erase"))
    assert response.status_code == 302
    closed.refresh_from_db()
    assert closed.state == RequestState.COMPLETED
    assert not closed.events.exists()


def test_deletion_preview_then_execute_from_the_admin(admin_client_trained, trained_staff):
    ConsentRecordFactory(email="subject@example.kz")
    request = DataSubjectRequestFactory(
        email="subject@example.kz", verified=True, request_type="deletion"
    )

    preview = admin_client_trained.get(step_url(request, "erase"))
    assert preview.status_code == 200
    assert b"Proof of the consent you gave" in preview.content
    request.refresh_from_db()
    assert request.state == RequestState.OPEN

    response = admin_client_trained.post(step_url(request, "erase"))

    assert response.status_code == 302
    request.refresh_from_db()
    assert request.state == RequestState.COMPLETED
    event = request.events.get()
    assert event.action == RequestEvent.Action.ERASED
    assert event.actor == trained_staff
    assert sent_mail()[-1].to == ["subject@example.kz"]


def test_rectification_needs_a_note_from_staff(admin_client_trained):
    request = DataSubjectRequestFactory(verified=True, request_type="rectification")
    response = admin_client_trained.post(step_url(request, "rectify"), {"note": ""})
    assert response.status_code == 200
    assert b'class="errorlist' in response.content
    request.refresh_from_db()
    assert request.state == RequestState.OPEN

    admin_client_trained.post(step_url(request, "rectify"), {"note": "Company name corrected."})
    request.refresh_from_db()
    assert request.state == RequestState.COMPLETED
    assert "Company name corrected." in sent_mail()[-1].body


def test_refusal_from_the_admin_needs_reasons(admin_client_trained):
    request = DataSubjectRequestFactory(verified=True, request_type="deletion")
    response = admin_client_trained.post(step_url(request, "refuse"), {"reason": ""})
    assert response.status_code == 200
    admin_client_trained.post(step_url(request, "refuse"), {"reason": "Invoices must stay."})
    request.refresh_from_db()
    assert request.state == RequestState.REFUSED
    assert request.refusal_reason == "Invoices must stay."


def test_block_and_unblock_from_the_admin(admin_client_trained):
    request = DataSubjectRequestFactory(verified=True, request_type="blocking")
    admin_client_trained.post(step_url(request, "block"), {"note": ""})
    assert is_blocked(request.email)
    content = admin_client_trained.get(change_url(request)).content.decode()
    assert step_url(request, "unblock") in content
    admin_client_trained.post(step_url(request, "unblock"), {"note": "Asked by phone."})
    assert not is_blocked(request.email)


def test_access_copy_can_be_prepared_again_by_staff(admin_client_trained):
    request = DataSubjectRequestFactory(verified=True, request_type="access")
    admin_client_trained.post(step_url(request, "send_copy"))
    request.refresh_from_db()
    assert request.state == RequestState.COMPLETED
    assert request.export_file
    assert "/en/privacy/requests/copy/" in sent_mail()[-1].body


def test_admin_index_dashboard_shows_deadlines_and_the_last_retention_run(admin_client_trained):
    today = timezone.localdate()
    overdue = DataSubjectRequestFactory(verified=True, due_on=today - datetime.timedelta(days=3))
    due_today = DataSubjectRequestFactory(verified=True, due_on=today)
    far = DataSubjectRequestFactory(verified=True, due_on=today + datetime.timedelta(days=30))
    DataSubjectRequestFactory(created_at=timezone.now() - datetime.timedelta(days=2))
    run_retention()

    content = admin_client_trained.get("/admin/").content.decode()

    assert "Data-subject requests overdue" in content
    assert "Data-subject requests due soon" in content
    assert overdue.reference in content and due_today.reference in content
    assert far.reference not in content
    assert "privacy.unconfirmed_requests: 1" in content
    assert "due today" in content
    assert overdue.email not in content  # counts and references only


def test_dashboard_says_when_retention_never_ran(admin_client_trained):
    content = admin_client_trained.get("/admin/").content.decode()
    assert "has never run" in content


def test_retention_runs_and_erasure_log_are_visible_read_only(admin_client_trained):
    run_retention(dry_run=True)
    run = RetentionRun.objects.get()
    assert admin_client_trained.get("/admin/privacy/retentionrun/").status_code == 200
    detail = admin_client_trained.get(f"/admin/privacy/retentionrun/{run.pk}/change/")
    assert detail.status_code == 200
    assert b"privacy.unconfirmed_requests" in detail.content
    assert admin_client_trained.get("/admin/privacy/erasurelogentry/").status_code == 200
    assert admin_client_trained.get("/admin/privacy/retentionrun/add/").status_code == 403


def test_counters_other_apps_register_appear_on_the_dashboard(admin_client_trained):
    from privacy import registry

    counter = registry.DashboardCounter(
        name="test.open_enquiries",
        label="Open enquiries",
        count=lambda: 4,
        url=lambda: "/admin/enquiries/enquiry/?state=open",
    )
    registry.register_dashboard_counter(counter)
    try:
        content = admin_client_trained.get("/admin/").content.decode()
    finally:
        registry._dashboard_counters.pop(counter.name)
    assert '<a href="/admin/enquiries/enquiry/?state=open">Open enquiries</a>' in content
    assert "<td>4</td>" in content


def test_staff_without_change_permission_cannot_run_a_step(client, django_user_model):
    from django.contrib.auth.models import Permission

    viewer = django_user_model.objects.create_user(
        email="viewer@digitalkazakhstan.org",
        password="a-long-staff-password-42",
        is_staff=True,
        pd_training_completed_on=timezone.localdate(),
    )
    viewer.user_permissions.add(Permission.objects.get(codename="view_datasubjectrequest"))
    client.force_login(viewer)
    request = DataSubjectRequestFactory(verified=True, request_type="deletion")
    assert client.get(change_url(request)).status_code == 200
    assert client.post(step_url(request, "erase")).status_code == 403
    request.refresh_from_db()
    assert request.state == RequestState.OPEN


def test_two_staff_refusing_one_request_at_once_give_one_outcome_and_the_second_is_told(
    admin_client_trained, trained_staff
):
    """Both opened the request while it was open; the first refusal wins, the second changes nothing."""
    from django.utils import translation

    from privacy.subject_requests import services
    from tests.privacy.factories import DataSubjectRequestFactory

    request = DataSubjectRequestFactory(verified=True, request_type="deletion")
    stale = DataSubjectRequest.objects.get(pk=request.pk)  # the second staff member's copy
    services.refuse_request(subject_request=request, reason="Reason one.", actor=trained_staff)
    with pytest.raises(services.StepAlreadyTaken) as taken, translation.override("en"):
        services.refuse_request(subject_request=stale, reason="Reason two.")
    assert request.reference in str(taken.value) and "refused with reasons" in str(taken.value)
    request.refresh_from_db()
    assert request.refusal_reason == "Reason one."
    assert RequestEvent.objects.filter(request=request, action="refused").count() == 1
    assert [m.body.count("Reason") for m in sent_mail()] == [1]

import datetime
import re

import pytest
from django.contrib import admin
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from dkz_site.admin_site import holds_personal_data_anywhere
from privacy import registry
from privacy.models import BlockedEmail, ConsentRecord, CookieConsentLog, PolicyVersion

from .factories import ConsentRecordFactory, ProcessorFactory

pytestmark = pytest.mark.django_db

PERSONAL_PAGES = [
    "admin:privacy_consentrecord_changelist",
    "admin:privacy_cookieconsentlog_changelist",
    "admin:privacy_blockedemail_changelist",
    "admin:privacy_blockedemail_add",
]
OPEN_PAGES = [
    "admin:privacy_policyversion_changelist",
    "admin:privacy_policyversion_add",
    "admin:privacy_processor_changelist",
    "admin:privacy_processor_add",
    "admin:privacy_retentionscheduleentry_changelist",
]


@pytest.fixture
def client():
    """The admin follows Accept-Language (Kazakh by default); these tests read it in English."""
    return Client(HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def untrained_superuser(django_user_model):
    return django_user_model.objects.create_superuser(
        email="boss@digitalkazakhstan.org", password="a-long-staff-password-42"
    )


def _trained_on(user, day):
    user.pd_training_completed_on = day
    user.save()
    return user


# --- only trained staff see personal data (P25) ---


def test_privacy_admins_of_personal_data_declare_it():
    for model in (ConsentRecord, CookieConsentLog, BlockedEmail):
        assert holds_personal_data_anywhere(admin.site._registry[model]), model
    assert not holds_personal_data_anywhere(admin.site._registry[PolicyVersion])


@pytest.mark.parametrize("url_name", PERSONAL_PAGES)
def test_P25_untrained_superuser_gets_403_with_an_explanation(
    client, untrained_superuser, url_name
):
    client.force_login(untrained_superuser)
    response = client.get(reverse(url_name))
    assert response.status_code == 403
    html = response.content.decode()
    assert "Personal-data training required" in html
    assert "No personal-data training is recorded for your account." in html


def test_P25_every_view_of_a_personal_data_admin_is_gated(client, untrained_superuser):
    record = ConsentRecordFactory()
    client.force_login(untrained_superuser)
    for url in (
        reverse("admin:privacy_consentrecord_change", args=[record.pk]),
        reverse("admin:privacy_consentrecord_history", args=[record.pk]),
        reverse("admin:privacy_consentrecord_delete", args=[record.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 403, url
        assert record.email not in response.content.decode()


def test_P25_explanation_is_translated(client, untrained_superuser):
    client.force_login(untrained_superuser)
    response = client.get(
        reverse("admin:privacy_consentrecord_changelist"), HTTP_ACCEPT_LANGUAGE="ru"
    )
    assert response.status_code == 403
    assert "Требуется обучение по персональным данным" in response.content.decode()


@pytest.mark.parametrize("url_name", PERSONAL_PAGES + OPEN_PAGES)
def test_trained_staff_open_every_privacy_admin_page(admin_client_trained, url_name):
    assert admin_client_trained.get(reverse(url_name)).status_code == 200


@pytest.mark.parametrize("url_name", OPEN_PAGES)
def test_pages_without_personal_data_stay_open_to_untrained_staff(
    client, untrained_superuser, url_name
):
    client.force_login(untrained_superuser)
    assert client.get(reverse(url_name)).status_code == 200


@override_settings(PD_TRAINING_VALID_DAYS=365)
def test_P25_training_counts_365_days_then_the_gate_closes(client, untrained_superuser):
    today = timezone.localdate()
    url = reverse("admin:privacy_consentrecord_changelist")
    client.force_login(_trained_on(untrained_superuser, today - datetime.timedelta(days=364)))
    assert client.get(url).status_code == 200  # last valid day
    _trained_on(untrained_superuser, today - datetime.timedelta(days=365))
    response = client.get(url)
    assert response.status_code == 403  # expired the day after
    assert "needs renewing" in response.content.decode()


def test_P25_admin_index_hides_personal_data_models_from_untrained_staff(
    client, untrained_superuser
):
    client.force_login(untrained_superuser)
    html = client.get(reverse("admin:index")).content.decode()
    assert reverse("admin:privacy_consentrecord_changelist") not in html
    assert reverse("admin:privacy_blockedemail_changelist") not in html
    assert reverse("admin:privacy_policyversion_changelist") in html
    app = client.get(reverse("admin:app_list", args=["privacy"])).content.decode()
    assert reverse("admin:privacy_cookieconsentlog_changelist") not in app

    _trained_on(untrained_superuser, timezone.localdate())
    html = client.get(reverse("admin:index")).content.decode()
    assert reverse("admin:privacy_consentrecord_changelist") in html


def test_P25_recent_actions_naming_people_are_hidden_once_training_lapses(
    client, untrained_superuser
):
    from django.contrib.admin.models import CHANGE, LogEntry
    from django.contrib.contenttypes.models import ContentType

    record = ConsentRecordFactory(email="aigerim@dala.kz")
    LogEntry.objects.log_actions(
        untrained_superuser.pk, [record], CHANGE, change_message="checked", single_object=True
    )
    LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(record)).update(
        object_repr="Aigerim Bekova"
    )
    _trained_on(untrained_superuser, timezone.localdate())
    client.force_login(untrained_superuser)
    assert "Aigerim Bekova" in client.get(reverse("admin:index")).content.decode()

    untrained_superuser.pd_training_completed_on = None
    untrained_superuser.save()
    html = client.get(reverse("admin:index")).content.decode()
    assert "Aigerim Bekova" not in html
    assert "shown only with a current personal-data training record" in html


def test_anonymous_visitors_still_go_to_the_login_page(client):
    response = client.get(reverse("admin:privacy_consentrecord_changelist"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_staff_without_model_permission_still_get_the_admins_own_refusal(client, staff_user):
    _trained_on(staff_user, timezone.localdate())
    client.force_login(staff_user)
    assert client.get(reverse("admin:privacy_consentrecord_changelist")).status_code == 403


# --- read-only proof records ---


def test_consent_records_are_read_only_in_the_admin(admin_client_trained):
    record = ConsentRecordFactory()
    change = admin_client_trained.get(
        reverse("admin:privacy_consentrecord_change", args=[record.pk])
    )
    assert change.status_code == 200
    assert 'name="_save"' not in change.content.decode()
    assert admin_client_trained.get(reverse("admin:privacy_consentrecord_add")).status_code == 403
    response = admin_client_trained.post(
        reverse("admin:privacy_consentrecord_delete", args=[record.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert ConsentRecord.objects.filter(pk=record.pk).exists()


def test_consent_record_list_is_searchable_by_email_with_pinned_queries(
    admin_client_trained, django_assert_max_num_queries
):
    ConsentRecordFactory.create_batch(15)
    ConsentRecordFactory(email="needle@example.kz")
    url = reverse("admin:privacy_consentrecord_changelist")
    with django_assert_max_num_queries(12):
        response = admin_client_trained.get(url, {"q": "needle@"})
    assert response.status_code == 200
    assert response.context["cl"].result_count == 1


# --- policy versions: the 14-day rule in the admin (P27) ---


def _version_form(published, effective, material="on"):
    return {
        "label": "next",
        "published_on": published.isoformat(),
        "effective_on": effective.isoformat(),
        "is_material": material,
        "body_kk": "Құпиялылық саясаты\n\nМәтін.",
        "body_ru": "Политика\n\nТекст.",
        "body_en": "Privacy Policy\n\nText.",
        "summary_kk": "Өзгеріс.",
        "summary_ru": "Изменение.",
        "summary_en": "A change.",
    }


def test_P27_admin_refuses_a_material_change_with_13_days_notice(admin_client_trained):
    published = timezone.localdate() + datetime.timedelta(days=2)
    response = admin_client_trained.post(
        reverse("admin:privacy_policyversion_add"),
        _version_form(published, published + datetime.timedelta(days=13)),
    )
    assert response.status_code == 200
    assert "at least 14 days after it is" in response.content.decode()
    assert not PolicyVersion.objects.filter(label="next").exists()

    response = admin_client_trained.post(
        reverse("admin:privacy_policyversion_add"),
        _version_form(published, published + datetime.timedelta(days=14)),
    )
    assert response.status_code == 302
    assert PolicyVersion.objects.filter(label="next").exists()


def test_a_published_version_cannot_be_changed_or_deleted(admin_client_trained):
    version = PolicyVersion.objects.get(label="2026-05-14")
    page = admin_client_trained.get(
        reverse("admin:privacy_policyversion_change", args=[version.pk])
    )
    assert 'name="_save"' not in page.content.decode()
    admin_client_trained.post(
        reverse("admin:privacy_policyversion_change", args=[version.pk]),
        _version_form(version.published_on, version.effective_on, material=""),
    )
    version.refresh_from_db()
    assert version.label == "2026-05-14"


# --- processors register (P15, P16) and blocking ---


def test_P16_processors_register_flags_those_needing_cross_border_consent(admin_client_trained):
    ProcessorFactory(name="Faraway Mail Inc", country_code="US", country_is_adequate=False)
    response = admin_client_trained.get(reverse("admin:privacy_processor_changelist"))
    html = response.content.decode()
    assert "Faraway Mail Inc" in html
    assert "Needs cross-border consent" in html
    assert 'alt="True"' in html


def test_blocking_from_the_admin_goes_through_the_service(admin_client_trained):
    response = admin_client_trained.post(
        reverse("admin:privacy_blockedemail_add"),
        {"email": "Blocked@Example.kz", "reason": "subject's request"},
    )
    assert response.status_code == 302
    block = BlockedEmail.objects.get()
    assert block.email == "blocked@example.kz" and block.unblocked_at is None
    admin_client_trained.post(
        reverse("admin:privacy_blockedemail_changelist"),
        {"action": "unblock_selected", "_selected_action": [block.pk]},
    )
    block.refresh_from_db()
    assert block.unblocked_at is not None


# --- the retention schedule lists the registered rules ---


def test_retention_schedule_lists_registered_rules(admin_client_trained):
    rule = registry.RetentionRule(
        name="test_old_consents",
        app="privacy",
        description="Consent records of a test",
        period=lambda: datetime.timedelta(days=90),
        measured_from="given_at",
        action="anonymise",
        expired=lambda now: ConsentRecord.objects.filter(
            given_at__lt=now - datetime.timedelta(days=90)
        ),
        apply=lambda queryset: 0,
        legal_basis="legitimate interest",
    )
    ConsentRecordFactory(given_at=timezone.now() - datetime.timedelta(days=91))
    ConsentRecordFactory()
    registry.register_retention_rule(rule)
    try:
        response = admin_client_trained.get(
            reverse("admin:privacy_retentionscheduleentry_changelist")
        )
    finally:
        registry._rules.pop(rule.name)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<code>test_old_consents</code>" in html
    assert "Consent records of a test" in html and "given_at" in html
    assert "<td>90 days</td>" in html and "<td>1</td>" in html  # period and rows due now
    assert "5 full years after the end of the year" in html  # accounting records: years, not days
    assert "legitimate interest" in html
    assert "<td>privacy</td>" not in html  # the app's name for people, not its code label


def test_P25_autocomplete_does_not_answer_with_personal_data_to_untrained_staff(
    rf, untrained_superuser, monkeypatch
):
    from django.contrib.admin.views.autocomplete import AutocompleteJsonView
    from django.core.exceptions import PermissionDenied

    from dkz_site.admin_site import GatedAutocompleteJsonView

    consent_admin = admin.site._registry[ConsentRecord]
    policy_admin = admin.site._registry[PolicyVersion]
    searched = {"admin": consent_admin}
    monkeypatch.setattr(
        AutocompleteJsonView,
        "process_request",
        lambda self, request: ("term", searched["admin"], None, "pk"),
    )
    request = rf.get("/admin/autocomplete/")
    request.user = untrained_superuser
    view = GatedAutocompleteJsonView(admin_site=admin.site)
    with pytest.raises(PermissionDenied):
        view.process_request(request)
    searched["admin"] = policy_admin
    assert view.process_request(request)[1] is policy_admin
    _trained_on(untrained_superuser, timezone.localdate())
    searched["admin"] = consent_admin
    assert view.process_request(request)[1] is consent_admin


def test_an_inline_showing_personal_data_gates_the_whole_admin():
    class ConsentInline:
        model = ConsentRecord  # declares holds_personal_data on the model

    class VersionAdmin:
        model = PolicyVersion
        inlines = [ConsentInline]

    assert holds_personal_data_anywhere(VersionAdmin)
    VersionAdmin.inlines = []
    assert not holds_personal_data_anywhere(VersionAdmin)


def test_P27_a_new_version_cannot_be_backdated_to_skip_the_notice(admin_client_trained):
    published = timezone.localdate() - datetime.timedelta(days=1)
    response = admin_client_trained.post(
        reverse("admin:privacy_policyversion_add"),
        _version_form(published, published + datetime.timedelta(days=14)),
    )
    assert response.status_code == 200
    assert "never in the past" in response.content.decode()
    assert not PolicyVersion.objects.filter(label="next").exists()


def test_policy_version_list_labels_each_status_in_pinned_queries(
    admin_client_trained, django_assert_num_queries
):
    """The status column knows the version in force without a query per row."""
    from .factories import PolicyVersionFactory

    today = timezone.localdate()
    for n in range(3):
        PolicyVersionFactory(label=f"old-{n}", published_on=datetime.date(2026, 1, 1 + n))
    PolicyVersionFactory(label="in-force", published_on=today, effective_on=today)
    PolicyVersionFactory(
        label="announced", published_on=today, effective_on=today + datetime.timedelta(days=30)
    )
    url = reverse("admin:privacy_policyversion_changelist")
    admin_client_trained.get(url)  # the cookie groups, read once into the cache
    # session, user, two counts, the page of versions, the date hierarchy's range and months
    with django_assert_num_queries(7):
        response = admin_client_trained.get(url)
    labels = {v.label: v.status() for v in response.context["cl"].result_list}
    assert labels["in-force"] == "in_force"
    assert labels["announced"] == "upcoming"
    assert labels["old-0"] == labels["2026-05-14"] == "superseded"


def test_p19_staff_are_told_of_submissions_refused_for_a_blocked_address(admin_client_trained):
    """The public forms answer a blocked address like any other; the admin index and the block say it happened."""
    from privacy.services import block_email, refuse_if_blocked

    block = block_email(email="blocked@example.kz")
    assert refuse_if_blocked(email="Blocked@Example.kz") is True
    assert refuse_if_blocked(email="free@example.kz") is False

    index = admin_client_trained.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="en")
    html = index.content.decode()
    label = "Blocked addresses whose form submissions were refused in the last 30 days"
    assert re.search(label + r"</th>\s*<td[^>]*>1</td>", html), html
    listing = admin_client_trained.get(reverse("admin:privacy_blockedemail_changelist"))
    assert "field-refused_submissions" in listing.content.decode()
    block.refresh_from_db()
    assert block.refused_submissions == 1


@pytest.mark.parametrize("action", ["change", "history", "delete"])
def test_the_retention_schedule_has_no_row_pages(admin_client_trained, action):
    """The schedule is one page listing the registered rules: a row's change/history/delete URL is a 404."""
    response = admin_client_trained.get(f"/admin/privacy/retentionscheduleentry/1/{action}/")
    assert response.status_code == 404
    page = admin_client_trained.get(reverse("admin:privacy_retentionscheduleentry_changelist"))
    assert page.status_code == 200
    assert "/admin/privacy/retentionscheduleentry/1/" not in page.content.decode()

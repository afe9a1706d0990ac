"""The breach register: deadline in working days, notice to the authority in Kazakh and Russian, the subjects found
through the registry and told through the outbox, trained staff only, registered with privacy."""

import datetime

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from dkz_site.admin_site import holds_personal_data_anywhere
from outbox.models import Email
from privacy.breaches import services
from privacy.models import Breach, BreachSubject, WorkingDayCorrection
from privacy.registry import providers, retention_rules
from privacy.retention import apply_rule
from privacy.services import block_email
from tests.accreditation.factories import MembershipFactory
from tests.queue import sent_mail

pytestmark = pytest.mark.django_db

AUTHORITY = {
    "kk": "Қазақстан Республикасының Жасанды интеллект және цифрлық даму министрлігі",
    "ru": "Министерство искусственного интеллекта и цифрового развития Республики Казахстан",
}


def moment(day, hour=14):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def breach(**fields):
    values = {
        "detected_at": moment(datetime.date(2026, 12, 1)),
        "description": "A backup copy of the members' table was left on a public link for two hours.",
        "data_categories": "names, emails and phone numbers of contact persons",
        "subjects_description": "contact persons of member companies",
        "affected_sources": ["accreditation"],
        "subjects_count": 3,
        "measures": "The link was removed and the storage keys rotated.",
        **fields,
    }
    return services.record_breach(breach=Breach(**values))


@pytest.fixture
def admin_client_trained(admin_client_trained):
    admin_client_trained.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return admin_client_trained


def test_the_authority_is_due_one_working_day_after_detection():
    friday = breach(detected_at=moment(datetime.date(2026, 11, 27), hour=23))
    assert friday.notify_authority_by == datetime.date(2026, 11, 30)  # Monday
    before_independence_day = breach(detected_at=moment(datetime.date(2026, 12, 15)))
    assert before_independence_day.notify_authority_by == datetime.date(2026, 12, 17)
    assert before_independence_day.days_left(datetime.date(2026, 12, 15)) == 1
    assert before_independence_day.days_left(datetime.date(2026, 12, 18)) == -1
    assert list(Breach.objects.notice_overdue(datetime.date(2026, 12, 1))) == [friday]


def test_the_deadline_follows_the_staff_corrections_of_the_calendar():
    WorkingDayCorrection.objects.create(
        day=datetime.date(2026, 12, 2), kind=WorkingDayCorrection.Kind.DAY_OFF, reason="test"
    )
    assert breach().notify_authority_by == datetime.date(2026, 12, 3)


def test_recording_a_breach_tells_the_staff_mailbox_in_the_same_transaction(settings):
    recorded = breach()
    (email,) = Email.objects.filter(template="privacy/email/staff_breach_recorded")
    assert email.to == settings.STAFF_NOTIFICATION_EMAIL
    assert recorded.reference in email.subject
    assert "02.12.2026" in email.body  # in Kazakh, the staff's language, with the deadline


def test_staff_record_a_breach_in_the_admin_and_see_its_deadline(
    admin_client_trained, trained_staff
):
    response = admin_client_trained.post(
        reverse("admin:privacy_breach_add"),
        {
            "detected_at_0": "2026-12-01",
            "detected_at_1": "10:00:00",
            "description": "Lost laptop",
            "data_categories": "enquiry messages",
            "subjects_description": "people who wrote to us",
            "affected_sources": ["enquiries"],
            "subjects_count": "12",
            "measures": "Disk was encrypted; passwords changed.",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    recorded = Breach.objects.get()
    assert recorded.recorded_by == trained_staff
    assert recorded.notify_authority_by == datetime.date(2026, 12, 2)
    listing = admin_client_trained.get(reverse("admin:privacy_breach_changelist"))
    assert recorded.reference in listing.content.decode()


def test_the_notice_to_the_authority_is_drafted_in_kazakh_and_russian(admin_client_trained):
    recorded = breach(consequences="")
    kk = services.authority_notice(recorded, "kk")
    ru = services.authority_notice(recorded, "ru")
    assert AUTHORITY["kk"] in kk and AUTHORITY["ru"] in ru
    assert "Дербес деректердің қауіпсіздігі бұзылғаны туралы хабарлама" in kk
    assert "Уведомление о нарушении безопасности персональных данных" in ru
    for text in (kk, ru):
        assert recorded.reference in text and recorded.description in text and "3" in text
    assert "01.12.2026 14:00" in kk  # the detection, as a date and time
    assert "Субъектілерге хабарланған уақыты: әлі хабарланған жоқ" in kk  # not "not yet paid"
    assert "Субъекты уведомлены: пока нет" in ru
    page = admin_client_trained.get(
        reverse("admin:privacy_breach_step", args=[recorded.pk, "notice"])
    )
    html = page.content.decode()
    assert AUTHORITY["kk"] in html and AUTHORITY["ru"] in html


def test_the_authority_is_named_from_the_setting(settings):
    settings.PRIVACY_COMPLAINT_AUTHORITY = "Agency for Personal Data Protection"
    assert "Agency for Personal Data Protection" in services.authority_notice(breach(), "ru")


def test_recording_the_notice_stops_the_deadline(admin_client_trained):
    recorded = breach()
    response = admin_client_trained.post(
        reverse("admin:privacy_breach_step", args=[recorded.pk, "notice"]),
        {"reference": "Letter No. 12 via eOtinish"},
    )
    assert response.status_code == 302
    recorded.refresh_from_db()
    assert recorded.authority_notified_at is not None
    assert recorded.authority_notice_reference == "Letter No. 12 via eOtinish"
    assert recorded.days_left() is None
    assert not Breach.objects.notice_overdue(datetime.date(2027, 1, 1)).exists()


def test_the_subjects_are_found_through_the_registry_and_told_once_through_the_outbox(
    admin_client_trained,
):
    members = [MembershipFactory(email=f"contact{n}@member.kz") for n in range(3)]
    block_email(email=members[2].email, reason="their own request")
    recorded = breach()
    response = admin_client_trained.post(
        reverse("admin:privacy_breach_step", args=[recorded.pk, "find_subjects"]),
        {"extra_emails": "Someone@Elsewhere.kz\n"},
    )
    assert response.status_code == 302
    listed = {s.email: s.found_in for s in recorded.subjects.all()}
    assert listed == {
        "contact0@member.kz": ["accreditation"],
        "contact1@member.kz": ["accreditation"],
        "contact2@member.kz": ["accreditation"],
        "someone@elsewhere.kz": ["staff"],
    }
    assert services.find_affected_subjects(breach=recorded) == 0  # nothing listed twice

    admin_client_trained.post(
        reverse("admin:privacy_breach_step", args=[recorded.pk, "notify_subjects"])
    )
    told = {m.to[0]: m for m in sent_mail() if "contact" in m.to[0] or "elsewhere" in m.to[0]}
    assert set(told) == {"contact0@member.kz", "contact1@member.kz", "someone@elsewhere.kz"}
    body = told["contact0@member.kz"].body
    assert recorded.description in body and recorded.measures in body
    assert AUTHORITY["kk"] in body  # in Kazakh: nothing was written to them before
    blocked = recorded.subjects.get(email="contact2@member.kz")
    assert blocked.not_emailed and blocked.notified_at is None
    recorded.refresh_from_db()
    assert recorded.subjects_notified_at is not None
    assert services.notify_subjects(breach=recorded) == (0, 0)  # nobody is told twice


def test_a_subject_is_told_in_the_language_we_last_wrote_to_them_in():
    from outbox.services import queue_email

    member = MembershipFactory(email="ru@member.kz")
    queue_email(
        to=member.email,
        template="privacy/email/request_received",
        context={"subject_request": None},
        language="ru",
    )
    recorded = breach()
    services.find_affected_subjects(breach=recorded)
    services.notify_subjects(breach=recorded)
    notice = Email.objects.get(template="privacy/email/breach_notice")
    assert notice.language == "ru" and AUTHORITY["ru"] in notice.body


def test_only_trained_staff_see_breaches(client, django_user_model):
    recorded = breach()
    assert holds_personal_data_anywhere(admin.site._registry[Breach])
    assert holds_personal_data_anywhere(admin.site._registry[BreachSubject])
    untrained = django_user_model.objects.create_superuser(
        email="untrained@digitalkazakhstan.org", password="a-long-staff-password-42"
    )
    client.force_login(untrained)
    for url in (
        reverse("admin:privacy_breach_changelist"),
        reverse("admin:privacy_breach_change", args=[recorded.pk]),
        reverse("admin:privacy_breach_step", args=[recorded.pk, "notice"]),
        reverse("admin:privacy_breachsubject_changelist"),
    ):
        assert client.get(url).status_code == 403, url
    index = client.get(reverse("admin:index")).content.decode()
    assert recorded.reference not in index


def test_the_dashboard_shows_open_breaches_and_their_deadlines_to_trained_staff(
    admin_client_trained,
):
    recorded = breach(detected_at=timezone.now())
    closed = breach(detected_at=timezone.now())
    services.close_breach(breach=closed)
    html = admin_client_trained.get(reverse("admin:index")).content.decode()
    assert "Open personal-data breaches" in html
    assert recorded.reference in html and closed.reference not in html
    assert "working day left" in html or "due today" in html


def test_registered_with_privacy_export_erase_and_retention():
    recorded = breach()
    BreachSubject.objects.create(breach=recorded, email="Subject@Example.kz", found_in=["staff"])
    (provider,) = [p for p in providers() if p.name == "breaches"]
    assert provider.count("subject@example.kz") == 1
    (rows,) = provider.export("subject@example.kz").values()
    assert rows[0]["breach"] == recorded.reference
    report = provider.erase("subject@example.kz")
    assert sum(report.erased.values()) == 1 and provider.count("subject@example.kz") == 0
    assert Breach.objects.filter(pk=recorded.pk).exists()  # the record of the breach stays

    (rule,) = [r for r in retention_rules() if r.name == "privacy.breaches"]
    services.close_breach(breach=recorded)
    assert list(rule.expired_at(timezone.now())) == []
    later = timezone.now() + datetime.timedelta(days=3 * 365 + 1)
    assert list(rule.expired_at(later)) == [recorded]
    assert apply_rule(rule, later, dry_run=False, batch_size=10) == 1
    assert not Breach.objects.exists()


def test_a_closed_breach_takes_no_more_steps():
    recorded = breach()
    services.close_breach(breach=recorded)
    with pytest.raises(services.BreachClosed):
        services.notify_subjects(breach=recorded)


def test_the_change_page_offers_the_open_steps_and_each_says_what_it_will_do(admin_client_trained):
    MembershipFactory(email="contact@member.kz")
    recorded = breach()
    services.find_affected_subjects(breach=recorded)
    change = admin_client_trained.get(reverse("admin:privacy_breach_change", args=[recorded.pk]))
    for step in ("notice", "find_subjects", "notify_subjects", "close"):
        assert (
            reverse("admin:privacy_breach_step", args=[recorded.pk, step])
            in change.content.decode()
        )
    page = admin_client_trained.get(
        reverse("admin:privacy_breach_step", args=[recorded.pk, "notify_subjects"])
    )
    html = page.content.decode()
    assert recorded.reference in html and "notify the authorised body by" in html
    assert "1 subject will be emailed what happened" in html


def test_a_step_on_a_closed_breach_is_refused_with_a_message(admin_client_trained):
    recorded = breach()
    services.close_breach(breach=recorded)
    change = admin_client_trained.get(reverse("admin:privacy_breach_change", args=[recorded.pk]))
    assert "/step/" not in change.content.decode()
    response = admin_client_trained.post(
        reverse("admin:privacy_breach_step", args=[recorded.pk, "close"]), follow=True
    )
    assert "That step is not open for this breach." in response.content.decode()

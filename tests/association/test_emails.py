"""A registration's emails: queued through the outbox in the attendee's language, with the event and the signed
link, at each step; the reminder as a scheduled job, once."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from association import links, services
from association.models import Registration
from outbox.models import Email
from privacy.mail import render_email
from privacy.models import ConsentPurpose
from privacy.services import block_email, withdraw_consent
from tests.queue import sent_mail

from .factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

TEMPLATES = ["registration_confirmed", "registration_waiting", "registration_promoted",
             "registration_cancelled", "event_reminder"]  # fmt: skip


def register(event, email, language="ru"):
    return services.register_for_event(
        event=event,
        name="Дана",
        email=email,
        company="",
        language=language,
        consent_wording="Согласен.",
    ).registration


def queued(email):
    return list(Email.objects.filter(to=email).order_by("pk").values_list("template", flat=True))


@pytest.mark.parametrize("template", TEMPLATES)
def test_every_registration_email_renders_in_each_language(template):
    event = EventFactory(
        title_en="Q&A <live>", title_kk="", title_ru=""
    )  # the same title in every language
    registration = RegistrationFactory(name="Smith & Co", event=event)
    context = {
        "registration": registration,
        "event": registration.event,
        "event_url": "https://digitalkazakhstan.org/en/events/x/",
        "ics_url": "https://digitalkazakhstan.org/en/events/x/calendar.ics",
        "cancel_url": "https://digitalkazakhstan.org/en/registrations/token/",
        "retention_period": "6 months",
    }
    subjects = {}
    for language in ("en", "ru", "kk"):
        subject, body = render_email(f"association/email/{template}", context, language)
        subjects[language] = subject
        assert subject and "\n" not in subject and "&amp;" not in subject + body
        assert "Digital Kazakhstan" in body and "calendar.ics" in body
    assert all("Q&A <live>" in subject for subject in subjects.values())
    assert len(set(subjects.values())) == 3, subjects  # translated, not English three times


def test_a_place_is_confirmed_by_email_with_the_calendar_and_the_cancel_link():
    event = EventFactory(title_ru="Семинар")
    registration = register(event, "dana@example.kz")
    (message,) = sent_mail()
    assert message.to == ["dana@example.kz"]
    assert message.subject == "Ваше место на «Семинар» подтверждено"
    cancel = re.search(r"http://\S+/ru/registrations/(\S+)/", message.body)
    assert links.registration_for_token(cancel.group(1)) == registration
    assert f"/ru/events/{event.slug}/calendar.ics" in message.body
    email = Email.objects.get()
    assert email.is_acknowledgement and email.regarding == registration


def test_the_waiting_list_is_told_its_place_and_gets_the_place_that_comes_free():
    event = EventFactory(capacity=1)
    holder = register(event, "holder@example.kz", language="en")
    register(event, "waiting@example.kz", language="kk")
    assert queued("waiting@example.kz") == ["association/email/registration_waiting"]
    services.cancel_registration(registration=holder, by=Registration.CancelledBy.ATTENDEE)
    assert queued("holder@example.kz")[-1] == "association/email/registration_cancelled"
    assert queued("waiting@example.kz")[-1] == "association/email/registration_promoted"
    bodies = {message.to[0]: message for message in sent_mail()}
    assert "number 1 in the queue" not in bodies["waiting@example.kz"].body  # Kazakh, not English
    assert "As you asked" in bodies["holder@example.kz"].body


def test_staff_cancellation_says_who_cancelled():
    registration = register(EventFactory(), "dana@example.kz", language="en")
    services.cancel_registration(registration=registration, by=Registration.CancelledBy.STAFF)
    assert "Our staff have cancelled your registration" in sent_mail()[-1].body


def test_registering_again_sends_the_same_answer_again_within_the_daily_limit(settings):
    settings.OUTBOX_ACKNOWLEDGEMENTS_PER_DAY = 2
    event = EventFactory()
    for _ in range(3):
        register(event, "again@example.kz")
    statuses = list(Email.objects.filter(to="again@example.kz").values_list("status", flat=True))
    assert len(statuses) == 3 and statuses.count(Email.Status.LIMITED) == 1


def test_p21_withdrawal_cancels_the_unsent_mail_and_tells_nobody():
    event = EventFactory(capacity=1)
    register(event, "dana@example.kz")
    register(event, "next@example.kz")
    withdraw_consent(email="dana@example.kz", purpose=ConsentPurpose.EVENT_REGISTRATION)
    mine = Email.objects.filter(to="dana@example.kz")
    assert set(mine.values_list("status", flat=True)) == {Email.Status.CANCELLED}
    assert queued("next@example.kz")[-1] == "association/email/registration_promoted"
    assert [m.to for m in sent_mail()] == [["next@example.kz"], ["next@example.kz"]]


def test_p19_a_blocked_person_waiting_is_passed_over():
    event = EventFactory(capacity=1)
    holder = register(event, "holder@example.kz")
    blocked = register(event, "blocked@example.kz")
    register(event, "next@example.kz")
    block_email(email="blocked@example.kz")
    promoted = services.cancel_registration(
        registration=holder, by=Registration.CancelledBy.ATTENDEE
    )
    assert [r.email for r in promoted] == ["next@example.kz"]
    blocked.refresh_from_db()
    assert blocked.status == Registration.Status.WAITING


def test_reminders_go_once_to_confirmed_places_in_the_window(settings):
    settings.EVENT_REMINDER_HOURS = 24
    now = timezone.now()
    soon = EventFactory(starts_at=now + datetime.timedelta(hours=20))
    later = EventFactory(starts_at=now + datetime.timedelta(hours=30))
    confirmed = register(soon, "soon@example.kz")
    cancelled = register(soon, "cancelled@example.kz")
    services.cancel_registration(registration=cancelled, by=Registration.CancelledBy.ATTENDEE)
    register(later, "later@example.kz")
    blocked = register(soon, "blocked@example.kz")
    block_email(email="blocked@example.kz")
    assert services.send_event_reminders(dry_run=True) == 2
    assert services.send_event_reminders() == 1
    assert services.send_event_reminders() == 0  # once
    confirmed.refresh_from_db()
    blocked.refresh_from_db()
    assert confirmed.reminder_sent_at and blocked.reminder_sent_at is None
    assert queued("soon@example.kz")[-1] == "association/email/event_reminder"
    assert "association/email/event_reminder" not in queued("later@example.kz")
    reminder = sent_mail()[-1]
    assert reminder.to == ["soon@example.kz"] and reminder.subject.startswith("Напоминание")


def test_the_reminders_are_a_scheduled_job_with_a_dry_run(settings, capsys):
    from jobs.schedule import JOBS, SCHEDULE

    assert "send_event_reminders" in JOBS
    assert any(entry.job.name == "send_event_reminders" for entry in SCHEDULE)
    register(
        EventFactory(starts_at=timezone.now() + datetime.timedelta(hours=3)), "dana@example.kz"
    )
    call_command("run_job", "send_event_reminders", "--dry-run")
    assert Registration.objects.get().reminder_sent_at is None
    call_command("run_job", "send_event_reminders")
    assert Registration.objects.get().reminder_sent_at is not None

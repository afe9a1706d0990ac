"""The accreditation workflows in accreditation.services, with the real database and mail outbox."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from accreditation import services
from accreditation.models import Application, ApplicationState, IllegalMove, Membership
from accreditation.regions import Region
from directory.models import listed_memberships
from outbox.models import Email
from privacy.models import ConsentPurpose, ConsentRecord
from privacy.services import block_email, withdraw_consent
from tests.accreditation.factories import ApplicationFactory, MembershipFactory, distinct_bin
from tests.queue import run_retries_now, sent_mail

pytestmark = pytest.mark.django_db

S = ApplicationState
TECHNICAL = {"client_ip": "203.0.113.7", "user_agent": "Firefox/140", "referrer": "https://x.kz/"}


def submit(**overrides) -> Application:
    data = {
        "bin": distinct_bin(900),
        "company_name": "Qazaq Cloud LLP",
        "region": Region.ASTANA,
        "contact_person": "Aigerim Sadykova",
        "email": "Aigerim@QazaqCloud.kz",
        "phone": "+7 701 111 22 33",
        "description": "Облачные сервисы для государственных органов.",
        "language": "ru",
        "processing_wording": "I consent to processing.",
        "publication_wording": "I consent to publication.",
        "technical": TECHNICAL,
    }
    return services.submit_application(**{**data, **overrides})


# --- submission -----------------------------------------------------------------------------------


def test_submission_stores_the_application_with_its_history_and_technical_data():
    """P05, P10: the accreditation data the policy names, and the request's technical data."""
    application = submit()
    assert application.state == S.SUBMITTED
    assert (application.bin, application.region, application.email) == (
        distinct_bin(900),
        "KZ-71",
        "aigerim@qazaqcloud.kz",
    )
    assert application.client_ip == "203.0.113.7"
    assert application.user_agent == "Firefox/140"
    assert application.referrer == "https://x.kz/"
    assert application.technical_recorded_at is not None
    assert list(application.events.values_list("from_state", "to_state")) == [("", S.SUBMITTED)]


def test_submission_records_both_consents_with_the_wording_shown():
    """P07: separate consent records for processing and for publication."""
    application = submit()
    records = ConsentRecord.objects.for_email("aigerim@qazaqcloud.kz")
    assert {(r.purpose, r.wording) for r in records} == {
        (ConsentPurpose.ACCREDITATION_PROCESSING, "I consent to processing."),
        (ConsentPurpose.DIRECTORY_PUBLICATION, "I consent to publication."),
    }
    assert {r.source_object for r in records} == {f"application {application.reference}"}
    assert {r.language for r in records} == {"ru"}
    assert application.publication_consent is True


def test_without_publication_consent_only_processing_is_recorded():
    """P07"""
    application = submit(publication_wording=None)
    purposes = ConsentRecord.objects.for_email(application.email).values_list("purpose", flat=True)
    assert list(purposes) == [ConsentPurpose.ACCREDITATION_PROCESSING]
    assert application.publication_consent is False


def test_applicant_is_emailed_in_their_language_and_staff_notified(settings):
    application = submit()
    applicant, staff = sent_mail()
    assert applicant.to == ["aigerim@qazaqcloud.kz"]
    assert application.reference in applicant.subject
    assert "получили" in applicant.subject  # Russian, the language of the page
    assert f"/ru/accreditation/applications/{application.reference}/" in applicant.body
    assert staff.to == [settings.STAFF_NOTIFICATION_EMAIL]
    assert application.reference in staff.subject
    assert f"/admin/accreditation/application/{application.pk}/change/" in staff.body
    assert application.events.get().applicant_notified is True


def test_open_application_for_the_bin_is_refused_with_a_clear_message():
    first = submit()
    sent_mail().clear()
    with pytest.raises(services.ApplicationRefused) as excinfo:
        submit(email="someone.else@example.kz")
    assert excinfo.value.code == "open_application"
    assert "already being reviewed" in str(excinfo.value.message)
    assert list(Application.objects.filter(bin=first.bin)) == [first]
    assert sent_mail() == []
    assert not ConsentRecord.objects.for_email("someone.else@example.kz").exists()


def test_active_member_is_told_it_is_already_a_member():
    member = MembershipFactory()
    with pytest.raises(services.ApplicationRefused) as excinfo:
        submit(bin=member.bin)
    assert excinfo.value.code == "already_member"
    assert "already an accredited member" in str(excinfo.value.message)
    assert not Application.objects.exists()


def test_member_may_apply_to_renew_in_the_last_30_days(trained_staff, settings):
    settings.MEMBERSHIP_TERM_DAYS = 365
    today = timezone.localdate()
    member = MembershipFactory(
        ends_on=today + datetime.timedelta(days=20),
        renewal_reminder_sent_on=today - datetime.timedelta(days=10),
        is_published=False,
    )
    application = submit(bin=member.bin, company_name="Renamed LLP")
    approved = services.move_by_reviewer(
        state="approved", application=application, reviewer=trained_staff
    )
    member.refresh_from_db()
    assert approved.membership == member  # the same profile and directory address, extended
    assert member.ends_on == today + datetime.timedelta(days=20 + 365)
    assert member.renewal_reminder_sent_on is None  # reminded again before the new end
    assert member.company_name == "Renamed LLP"
    assert member.profile.is_published is True  # the renewal's publication consent
    assert Membership.objects.count() == 1


def test_former_member_may_apply_again():
    member = MembershipFactory(ends_on=timezone.localdate() - datetime.timedelta(days=1))
    assert submit(bin=member.bin).state == S.SUBMITTED


def test_race_past_the_check_is_caught_by_the_constraint(monkeypatch):
    """Two submissions that both pass the friendly check: the database refuses the second."""
    first = submit()
    monkeypatch.setattr(services, "_refuse_if_member_or_open", lambda bin: None)
    with pytest.raises(services.ApplicationRefused) as excinfo:
        submit(email="second@example.kz")
    assert excinfo.value.code == "open_application"
    assert Application.objects.filter(bin=first.bin).count() == 1
    assert not ConsentRecord.objects.for_email("second@example.kz").exists()


def test_blocked_address_cannot_apply():
    """P19: a blocked address is excluded from new processing."""
    block_email(email="aigerim@qazaqcloud.kz")
    with pytest.raises(services.ApplicationRefused) as excinfo:
        submit()
    assert excinfo.value.code == "blocked"
    assert not Application.objects.exists()


def test_blocked_refusal_names_the_configured_contact_address(settings):
    """P19, P28: the refusal points to the association's contact address as configured."""
    settings.ASSOCIATION = {**settings.ASSOCIATION, "email": "privacy@dkz.example"}
    block_email(email="aigerim@qazaqcloud.kz")
    with pytest.raises(services.ApplicationRefused) as excinfo:
        submit()
    assert "privacy@dkz.example" in str(excinfo.value.message)
    assert "info@digitalkazakhstan.org" not in str(excinfo.value.message)


REVIEWER_MOVES = [
    (S.IN_REVIEW, ""),
    (S.INFORMATION_REQUESTED, "Send your charter."),
    (S.APPROVED, ""),
    (S.REJECTED, "Out of scope."),
]


@pytest.mark.parametrize(("state", "reason"), REVIEWER_MOVES)
def test_reviewer_moves_are_refused_once_the_address_is_blocked(trained_staff, state, reason):
    """P19: blocked after submission, the application is not processed further (not only not mailed)."""
    application = submit()
    if state == S.INFORMATION_REQUESTED:
        application = services.move_by_reviewer(
            state="in_review", application=application, reviewer=trained_staff
        )
    before = list(application.events.values_list("to_state", flat=True))
    reviewer_before = application.reviewer_id
    block_email(email=application.email)
    sent_mail().clear()
    with pytest.raises(services.ApplicationRefused) as excinfo:
        services.move_by_reviewer(
            application=application, state=state, reviewer=trained_staff, reason=reason
        )
    assert excinfo.value.code == "blocked"
    assert excinfo.value.message == services.ADDRESS_BLOCKED
    application.refresh_from_db()
    assert application.state == before[-1]
    assert list(application.events.values_list("to_state", flat=True)) == before
    assert application.reviewer_id == reviewer_before
    assert application.membership is None
    assert not Membership.objects.exists()
    assert sent_mail() == []


def test_resubmission_is_refused_once_the_address_is_blocked(trained_staff):
    """P19: the applicant's corrections are not taken in once their address is blocked."""
    application = services.move_by_reviewer(
        state="in_review", application=submit(), reviewer=trained_staff
    )
    application = services.move_by_reviewer(
        state="information_requested",
        application=application,
        reviewer=trained_staff,
        reason="Send your charter.",
    )
    block_email(email=application.email)
    sent_mail().clear()
    with pytest.raises(services.ApplicationRefused) as excinfo:
        services.resubmit_application(
            application=application,
            changes={"description": "Routers.", "note": "Charter attached."},
            technical={"client_ip": "198.51.100.1", "user_agent": "Chrome", "referrer": ""},
        )
    assert excinfo.value.code == "blocked"
    application.refresh_from_db()
    assert application.state == S.INFORMATION_REQUESTED
    assert application.description == "Облачные сервисы для государственных органов."
    assert application.client_ip == "203.0.113.7"
    assert application.events.last().to_state == S.INFORMATION_REQUESTED
    assert sent_mail() == []


def test_mail_failure_does_not_lose_the_application(mail_server_down):
    application = submit()
    assert sent_mail() == []  # the worker tried; the server was down
    assert Application.objects.get() == application
    event = application.events.get()
    assert event.applicant_notified is True  # queued, and retried until it is delivered
    event.email.refresh_from_db()
    assert event.email.status == Email.Status.RETRYING
    assert not event.applicant_emailed


# --- the review moves -----------------------------------------------------------------------------


def test_each_move_is_emailed_to_the_applicant_in_their_language(trained_staff):
    application = submit()
    sent_mail().clear()
    application = services.move_by_reviewer(
        state="in_review", application=application, reviewer=trained_staff
    )
    application = services.move_by_reviewer(
        state="information_requested",
        application=application,
        reviewer=trained_staff,
        reason="Пришлите устав компании.",
    )
    application = services.resubmit_application(
        application=application,
        changes={"description": "Облако и ЦОД.", "note": "Устав отправлен."},
        technical=TECHNICAL,
    )
    application = services.move_by_reviewer(
        state="approved", application=application, reviewer=trained_staff
    )
    to_applicant = [m for m in sent_mail() if m.to == ["aigerim@qazaqcloud.kz"]]
    assert len(to_applicant) == 4
    in_review, info, resubmitted, approved = to_applicant
    assert "рассматривается" in in_review.subject
    assert "Пришлите устав компании." in info.body
    assert f"/ru/accreditation/applications/{application.reference}/" in info.body
    assert application.reference in resubmitted.subject
    assert "аккредитована" in approved.subject
    history = list(application.events.values_list("to_state", "actor", "reason"))
    assert history == [
        (S.SUBMITTED, None, ""),
        (S.IN_REVIEW, trained_staff.pk, ""),
        (S.INFORMATION_REQUESTED, trained_staff.pk, "Пришлите устав компании."),
        (S.RESUBMITTED, None, "Устав отправлен."),
        (S.APPROVED, trained_staff.pk, ""),
    ]
    assert all(application.events.values_list("applicant_notified", flat=True))


def test_rejection_reason_goes_to_the_applicant(trained_staff):
    application = ApplicationFactory(language="kk")
    services.move_by_reviewer(
        state="rejected",
        application=application,
        reviewer=trained_staff,
        reason="Компания IT саласында емес.",
    )
    (email,) = sent_mail()
    assert "Компания IT саласында емес." in email.body
    assert email.to == [application.email]
    application.refresh_from_db()
    assert (application.state, application.reviewer) == (S.REJECTED, trained_staff)
    assert not Membership.objects.exists()


def test_resubmission_changes_only_what_the_applicant_may_change():
    application = ApplicationFactory()
    Application.objects.filter(pk=application.pk).update(state=S.INFORMATION_REQUESTED)
    services.resubmit_application(
        application=application,
        changes={"company_name": "New Name LLP", "bin": "000000000000", "note": "Fixed."},
    )
    application.refresh_from_db()
    assert application.company_name == "New Name LLP"
    assert application.bin != "000000000000"
    assert application.state == S.RESUBMITTED


def test_withdrawal_by_the_applicant():
    application = ApplicationFactory()
    services.withdraw_application(application=application)
    application.refresh_from_db()
    assert application.state == S.WITHDRAWN
    assert application.withdrawn_at is not None
    assert [m.to for m in sent_mail()] == [[application.email], ["info@digitalkazakhstan.org"]]


# --- approval ----------------------------------------------------------------------------------


def test_approval_creates_the_membership_and_profile(trained_staff, settings):
    """P07: with the consent to publication, the member is listed."""
    settings.MEMBERSHIP_TERM_DAYS = 365
    application = submit()
    approved = services.move_by_reviewer(
        state="approved", application=application, reviewer=trained_staff
    )
    membership = approved.membership
    today = timezone.localdate()
    assert membership.starts_on == today
    assert membership.ends_on == today + datetime.timedelta(days=365)
    assert (membership.company_name, membership.bin, membership.region) == (
        "Qazaq Cloud LLP",
        application.bin,
        "KZ-71",
    )
    assert membership.profile.description_ru == "Облачные сервисы для государственных органов."
    assert membership.language == "ru"
    assert membership.profile.is_published is True
    assert membership in listed_memberships()


def test_approval_without_publication_consent_is_unlisted(trained_staff):
    """P07: accredited, but not listed, without the consent to publication."""
    application = submit(publication_wording=None)
    membership = services.move_by_reviewer(
        state="approved", application=application, reviewer=trained_staff
    ).membership
    assert membership.is_active
    assert membership.profile.is_published is False
    assert membership not in listed_memberships()


def test_approval_after_publication_consent_was_withdrawn_is_unlisted(trained_staff):
    """P07, P21: a withdrawal before approval is honoured."""
    application = submit()
    withdraw_consent(email=application.email, purpose=ConsentPurpose.DIRECTORY_PUBLICATION)
    membership = services.move_by_reviewer(
        state="approved", application=application, reviewer=trained_staff
    ).membership
    assert membership.profile.is_published is False


def test_approval_twice_is_refused(trained_staff):
    application = ApplicationFactory()
    services.move_by_reviewer(state="approved", application=application, reviewer=trained_staff)
    with pytest.raises(IllegalMove):
        services.move_by_reviewer(state="approved", application=application, reviewer=trained_staff)
    assert Membership.objects.count() == 1


def test_approval_refused_when_the_bin_became_a_member_meanwhile(trained_staff):
    application = ApplicationFactory()
    MembershipFactory(bin=application.bin)
    with pytest.raises(services.ApplicationRefused):
        services.move_by_reviewer(state="approved", application=application, reviewer=trained_staff)
    application.refresh_from_db()
    assert application.state == S.SUBMITTED


# --- memberships: reminders and ending ------------------------------------------------------------


def test_renewal_reminder_is_sent_30_days_before_the_end_once():
    today = timezone.localdate()
    due = MembershipFactory(ends_on=today + datetime.timedelta(days=30), language="kk")
    MembershipFactory(ends_on=today + datetime.timedelta(days=45))
    assert services.send_renewal_reminders(today=today) == 1
    (email,) = sent_mail()
    assert email.to == [due.email]
    assert due.company_name in email.subject
    assert "/kk/cabinet/#renewal" in email.body  # one-click renewal in the member cabinet
    due.refresh_from_db()
    assert due.renewal_reminder_sent_on == today
    assert services.send_renewal_reminders(today=today) == 0
    assert services.send_renewal_reminders(today=today + datetime.timedelta(days=1)) == 0
    assert len(sent_mail()) == 1


def test_reminder_command_dry_run_and_real_run(capsys):
    today = timezone.localdate()
    MembershipFactory(ends_on=today + datetime.timedelta(days=10))
    call_command("send_renewal_reminders", "--dry-run")
    assert "due: 1" in capsys.readouterr().out
    assert sent_mail() == []
    call_command("send_renewal_reminders")
    assert "queued: 1" in capsys.readouterr().out
    call_command("send_renewal_reminders")
    assert "queued: 0" in capsys.readouterr().out
    assert len(sent_mail()) == 1


def test_a_reminder_is_queued_once_and_delivered_after_an_outage(mail_server_down, monkeypatch):
    today = timezone.localdate()
    member = MembershipFactory(ends_on=today + datetime.timedelta(days=5))
    assert services.send_renewal_reminders(today=today) == 1
    assert sent_mail() == []
    member.refresh_from_db()
    assert member.renewal_reminder_sent_on == today  # stamped with the queued email
    assert services.send_renewal_reminders(today=today) == 0  # never queued twice
    monkeypatch.undo()  # the mail server is back
    run_retries_now()
    assert [message.to for message in sent_mail()] == [[member.email]]


def test_blocked_member_gets_no_reminder():
    """P19"""
    member = MembershipFactory(ends_on=timezone.localdate() + datetime.timedelta(days=5))
    block_email(email=member.email)
    assert services.send_renewal_reminders() == 0
    assert sent_mail() == []


def test_ending_a_membership_unlists_it_at_once():
    member = MembershipFactory()
    assert member in listed_memberships()
    services.end_membership(membership=member)
    assert member not in listed_memberships()
    assert member in Membership.objects.ended()


# --- consent withdrawal ---------------------------------------------------------------------------


def test_withdrawing_publication_consent_unlists_the_member_at_once(trained_staff):
    """P07, P21: listing rests on the publication consent; withdrawal stops it from now on."""
    application = submit()
    membership = services.move_by_reviewer(
        state="approved", application=application, reviewer=trained_staff
    ).membership
    assert membership in listed_memberships()
    withdraw_consent(email="AIGERIM@qazaqcloud.kz", purpose=ConsentPurpose.DIRECTORY_PUBLICATION)
    membership.refresh_from_db()
    assert membership.profile.is_published is False
    assert membership not in listed_memberships()
    assert membership.is_active  # still a member, just not listed


def test_withdrawing_processing_consent_stops_accreditation():
    """P21: open applications are withdrawn, the membership ends today; the records stay."""
    application = submit()
    member = MembershipFactory(email="aigerim@qazaqcloud.kz")
    sent_mail().clear()
    withdraw_consent(email="aigerim@qazaqcloud.kz", purpose=ConsentPurpose.ACCREDITATION_PROCESSING)
    application.refresh_from_db()
    member.refresh_from_db()
    assert application.state == S.WITHDRAWN
    assert application.events.last().reason == "Consent to processing was withdrawn."
    assert member.ended_on == timezone.localdate()
    assert member not in listed_memberships()
    assert [m.to for m in sent_mail()] == [["info@digitalkazakhstan.org"]]  # staff only


@pytest.mark.parametrize("state", [S.RESUBMITTED, S.WITHDRAWN])
def test_a_reviewer_cannot_make_the_applicants_moves(trained_staff, state):
    application = services.move_by_reviewer(
        application=submit(), state=S.IN_REVIEW, reviewer=trained_staff
    )
    with pytest.raises(IllegalMove):
        services.move_by_reviewer(application=application, state=state, reviewer=trained_staff)
    application.refresh_from_db()
    assert application.state == S.IN_REVIEW

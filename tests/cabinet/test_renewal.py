"""One-click renewal in the last 30 days: from the reminder's link to the cabinet, confirmed details submitted as
a renewal application that staff see as such in the queue; approval extends the term."""

import datetime

import pytest
from django.utils import timezone

from accreditation import services as accreditation
from accreditation.models import Application, ApplicationState
from cabinet.models import CabinetSession
from tests.accreditation.factories import MembershipFactory
from tests.queue import sent_mail

from .helpers import sign_in

pytestmark = pytest.mark.django_db

FORM = {
    "renewal-company_name": "Altyn Soft LLP",
    "renewal-region": "KZ-71",
    "renewal-contact_person": "Aigerim Nurlanovna",
    "renewal-phone": "+7 701 000 00 00",
    "renewal-description": "Software development.",
    "renewal-consent_processing": "on",
    "renewal-consent_publication": "on",
}


@pytest.fixture
def member():
    today = timezone.localdate()
    return MembershipFactory(
        email="contact@example.kz",
        company_name="Altyn Soft",
        region="KZ-71",
        starts_on=today - datetime.timedelta(days=340),
        ends_on=today + datetime.timedelta(days=25),
        language="ru",
    )


def test_the_reminder_links_to_the_cabinet(client, member):
    assert accreditation.send_renewal_reminders() == 1
    [email] = sent_mail()
    assert "/ru/cabinet/#renewal" in email.body


def test_renewal_from_the_cabinet_is_a_renewal_in_the_staff_queue(
    client, member, admin_client_trained
):
    page = sign_in(client, "contact@example.kz")
    assert b'name="renewal-company_name"' in page.content and b"Altyn Soft" in page.content
    response = client.post("/en/cabinet/renewal/", FORM)
    assert response.status_code == 302
    application = Application.objects.get()
    assert (application.bin, application.email, application.company_name) == (
        member.bin,
        "contact@example.kz",
        "Altyn Soft LLP",
    )
    assert application.state == ApplicationState.SUBMITTED
    assert Application.objects.with_renewal().get().is_renewal
    queue = admin_client_trained.get("/admin/accreditation/application/", HTTP_ACCEPT_LANGUAGE="ru")
    assert "Продление" in queue.content.decode()  # the admin speaks the staff's language
    assert b"is with the association" in client.get("/en/cabinet/").content
    # Approval extends the term without a gap.
    accreditation.move_by_reviewer(state="approved", application=application, reviewer=None)
    member.refresh_from_db()
    assert member.ends_on == timezone.localdate() + datetime.timedelta(days=25 + 365)
    assert member.company_name == "Altyn Soft LLP"


def test_a_new_members_application_is_not_a_renewal(member):
    from tests.accreditation.factories import ApplicationFactory

    ApplicationFactory()
    assert not Application.objects.with_renewal().get().is_renewal


def test_renewal_needs_the_consent_to_processing(client, member):
    sign_in(client, "contact@example.kz")
    response = client.post("/en/cabinet/renewal/", {**FORM, "renewal-consent_processing": ""})
    assert response.status_code == 400 and not Application.objects.exists()


def test_no_renewal_before_the_last_30_days(client, member):
    member.ends_on = timezone.localdate() + datetime.timedelta(days=90)
    member.save()
    page = sign_in(client, "contact@example.kz")
    assert b'name="renewal-company_name"' not in page.content
    assert client.post("/en/cabinet/renewal/", FORM).status_code == 409
    assert not Application.objects.exists()


def test_renewal_only_once_while_under_review(client, member):
    sign_in(client, "contact@example.kz")
    client.post("/en/cabinet/renewal/", FORM)
    assert client.post("/en/cabinet/renewal/", FORM).status_code == 409
    assert Application.objects.count() == 1


def test_an_ended_membership_cannot_renew_here(client, member):
    member.ended_on = timezone.localdate()
    member.save()
    sign_in(client, "contact@example.kz")
    assert client.post("/en/cabinet/renewal/", FORM).status_code == 409
    assert CabinetSession.objects.exists() and not Application.objects.exists()

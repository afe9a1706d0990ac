"""Every accreditation email renders in each language, with its own subject, and leaves no escaping."""

import pytest

from accreditation.models import ApplicationState
from privacy.mail import render_email
from tests.accreditation.factories import ApplicationFactory, MembershipFactory

pytestmark = pytest.mark.django_db

APPLICANT_TEMPLATES = [f"accreditation/email/{state}" for state in ApplicationState.values]
STAFF_TEMPLATES = [
    "accreditation/email/staff_new_application",
    "accreditation/email/staff_resubmitted",
    "accreditation/email/staff_withdrawn",
]


@pytest.mark.parametrize("template", [*APPLICANT_TEMPLATES, "accreditation/email/renewal_reminder"])
def test_applicant_emails_in_each_language(template):
    application = ApplicationFactory(company_name="Smith & Sons LLP")
    member = MembershipFactory(company_name="Smith & Sons LLP")
    context = {
        "application": application,
        "membership": member,
        "reason": "Because <reasons>.",
        "link": "https://digitalkazakhstan.org/x/",
        "apply_url": "https://digitalkazakhstan.org/apply/",
        "cabinet_url": "https://digitalkazakhstan.org/kk/cabinet/#renewal",
    }
    subjects = {}
    for language in ("en", "ru", "kk"):
        subject, body = render_email(template, context, language)
        subjects[language] = subject
        assert subject and "\n" not in subject
        assert "&amp;" not in subject + body and "&lt;" not in body  # plain text, not HTML
        assert "Digital Kazakhstan" in body  # the signature names the controller (P29)
    assert len(set(subjects.values())) == 3, subjects  # translated, not English three times


@pytest.mark.parametrize("template", STAFF_TEMPLATES)
def test_staff_emails_link_to_the_admin(template):
    application = ApplicationFactory()
    subject, body = render_email(
        template, {"application": application, "admin_url": "https://x/admin/1/"}, "kk"
    )
    assert application.reference in subject
    assert "https://x/admin/1/" in body


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_the_approval_email_links_the_new_profile_and_says_what_comes_next(
    language, trained_staff, settings
):
    from accreditation import services
    from tests.accreditation.test_services import submit
    from tests.queue import sent_mail

    settings.SITE_URL = "http://127.0.0.1:8765"
    application = submit(language=language)
    services.move_by_reviewer(state="in_review", application=application, reviewer=trained_staff)
    approved = services.move_by_reviewer(
        state="approved", application=application, reviewer=trained_staff
    )
    body = sent_mail()[-1].body
    assert f"http://127.0.0.1:8765/{language}/members/{approved.membership.profile.slug}/" in body
    assert f"http://127.0.0.1:8765/{language}/membership/" in body
    # The logo and public contacts are proposed in the member cabinet, not by a reply to staff.
    assert f"http://127.0.0.1:8765/{language}/cabinet/sign-in/" in body
    assert ".." not in body  # "… 2027 г.." once ended a Russian sentence

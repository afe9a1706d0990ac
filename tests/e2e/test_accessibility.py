"""axe-core on every public page, in Kazakh, Russian and English: 0 violations.

One browser page per language walks the site the way a visitor does — lists with results, filters and none;
each form empty, with errors and sent; every emailed link (a real one, from the mail the site sent) and its
broken twin; the cookie banner and the message after a choice; the 404 and 429 pages. Every page is checked
and the failures are reported together, so one run shows every page that needs work.
"""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from accreditation import services as accreditation_services
from accreditation.links import application_url
from accreditation.models import Application
from accreditation.regions import Region
from enquiries.models import Enquiry
from enquiries.services import reply_to_enquiry
from privacy.cookies import LISTED_COOKIES
from privacy.models import PolicyVersion
from tests.accreditation.factories import MembershipFactory, distinct_bin
from tests.directory.factories import EquipmentFactory, with_specs
from tests.queue import sent_mail

pytestmark = pytest.mark.django_db(transaction=True)

ALLOWED_COOKIES = LISTED_COOKIES  # the cookies page lists exactly these


@pytest.fixture
def site_data(trained_staff):
    member = MembershipFactory(
        company_name="Жұлдыз Желілері",
        region=Region.PAVLODAR,
        description_kk="Телекоммуникациялық интегратор.",
        description_ru="Телекоммуникационный интегратор.",
        description_en="Telecommunications integrator.",
        website="https://zhuldyz.example.kz/",
    )
    MembershipFactory(company_name="Qazaq Cloud", region=Region.ASTANA)
    items = [
        with_specs(EquipmentFactory(member=member, name="Core switch C48"), Ports="48"),
        with_specs(EquipmentFactory(member=member, name="Access switch A24"), Ports="24"),
    ]
    return {"member": member, "items": items, "staff": trained_staff}


def live_link(site_url, pattern):
    """The link of the last email that matches `pattern`, pointed at the live server."""
    url = re.findall(pattern, sent_mail()[-1].body)[-1]
    return site_url + urlsplit(url).path


def submit(page, form_selector="main form[method=post]"):
    page.locator(f"{form_selector} button[type=submit]").last.click()


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_every_public_page_has_no_violations(
    language, page, site_url, site_data, assert_accessible, foreign_requests, settings
):
    """0 axe violations anywhere; and at the end of the walk (P02, P03) only listed cookies, no foreign host."""
    # Two POSTs of the request form are allowed below; the third shows the 429 page.
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "privacy_request": "2/h"}
    failures = {}
    base = f"{site_url}/{language}"

    def check(name, expected_status=200, response=None):
        if response is not None and expected_status is not None:
            assert response.status == expected_status, (name, response.status)
        try:
            assert_accessible(page)
        except AssertionError as error:
            failures[name] = str(error)

    def visit(name, path, status=200):
        check(name, status, page.goto(base + path))

    member, items = site_data["member"], site_data["items"]

    # Directory, with the cookie banner still waiting for a choice.
    visit("home", "/")
    expect(page.locator(".cookie-banner")).to_be_visible()
    visit("members", "/members/")
    visit("members filtered", f"/members/?q=%D0%96%D2%B0%D0%9B&region={Region.PAVLODAR.value}")
    expect(page.get_by_role("link", name=member.company_name)).to_be_visible()
    visit("members none found", "/members/?q=zzzzzz")
    visit("member profile", f"/members/{member.profile.slug}/")
    visit("equipment", "/equipment/")
    visit("equipment detail", f"/equipment/{items[0].pk}/")
    visit("compare empty", "/equipment/compare/")
    visit("compare shared", f"/equipment/compare/?items={items[0].pk},{items[1].pk}")

    # Contact: empty, with errors, sent; the staff reply's link, the answer sent, a broken link.
    visit("contact", "/contact/")
    submit(page)
    expect(page.locator("[role=alert]")).to_be_visible()
    check("contact with errors")
    page.locator("#id_name").fill("Айгерім")
    page.locator("#id_email").fill("aigerim@example.kz")
    page.locator("#id_message").fill("Мүшелік туралы сұрақ.")
    page.locator("#id_consent").check()
    submit(page)
    expect(page).to_have_url(re.compile(r"/contact/thanks/$"))
    check("contact thanks")
    enquiry = Enquiry.objects.get()
    reply_to_enquiry(
        enquiry=enquiry, author=site_data["staff"], body="Which region?", expects_answer=True
    )
    visit(
        "enquiry answer", live_link(site_url, r"https?://\S+/contact/\d+/answer/\S+/")[len(base) :]
    )
    submit(page)
    check("enquiry answer with errors")
    page.locator("main textarea").fill("Павлодар.")
    submit(page)
    expect(page).to_have_url(re.compile(r"/contact/answer/sent/$"))
    check("enquiry answer sent")
    visit("enquiry bad link", f"/contact/{enquiry.pk}/answer/not-a-token/", status=None)

    # Accreditation: empty, with errors, submitted; the correction link and a broken one.
    visit("apply", "/accreditation/apply/")
    submit(page)
    expect(page.locator("[aria-invalid=true]").first).to_be_visible()
    check("apply with errors")
    bin_number = distinct_bin({"kk": 7001, "ru": 7002, "en": 7003}[language])
    page.locator("#id_bin").fill(bin_number)
    page.locator("#id_company_name").fill("Kokshe Robotics LLP")
    page.locator("#id_region").select_option(Region.AKMOLA.value)
    page.locator("#id_contact_person").fill("Aigerim Sadykova")
    page.locator("#id_email").fill("aigerim@kokshe-robotics.kz")
    page.locator("#id_phone").fill("+7 701 111 22 33")
    page.locator("#id_description").fill("Robots for grain elevators.")
    page.locator("#id_consent_processing").check()
    submit(page)
    expect(page).to_have_url(re.compile(r"/accreditation/apply/submitted/"))
    check("application reference")
    application = Application.objects.get(bin=bin_number)
    accreditation_services.move_by_reviewer(
        state="in_review", application=application, reviewer=site_data["staff"]
    )
    accreditation_services.move_by_reviewer(
        state="information_requested",
        application=application,
        reviewer=site_data["staff"],
        reason="Please send the charter.",
    )
    visit(
        "application correction", urlsplit(application_url(application)).path[len(language) + 1 :]
    )
    expect(page.locator("main form").first).to_be_visible()
    visit(
        "application bad link",
        f"/accreditation/applications/{application.reference}/not-a-token/",
        status=None,
    )

    # Privacy: the policy, a version, cookies; the request form through to its confirmation.
    visit("privacy policy", "/privacy/")
    visit("policy version", f"/privacy/versions/{PolicyVersion.objects.current().pk}/")
    visit("cookies", "/cookies/")
    visit("request form", "/privacy/requests/new/")
    submit(page)
    expect(page.locator("[aria-invalid=true]").first).to_be_visible()
    check("request form with errors")
    page.locator("#id_email").fill("aigerim@example.kz")
    page.locator("input[value=access]").check()
    submit(page)
    expect(page).to_have_url(re.compile(r"/privacy/requests/sent/$"))
    check("request sent")
    visit(
        "request confirmation",
        live_link(site_url, r"https?://\S+/privacy/requests/confirm/\S+/")[len(base) :],
    )
    submit(page)
    check("request confirmed")
    visit("request bad link", "/privacy/requests/confirm/not-a-token/", status=None)

    # Error pages.
    visit("404", "/no-such-page/", status=404)
    page.goto(base + "/privacy/requests/new/")
    response_waiter = page.expect_response(lambda r: r.request.method == "POST")
    with response_waiter as response_info:
        page.locator("#id_email").fill("someone@example.kz")
        page.locator("input[value=access]").check()
        submit(page)
    check("429", 429, response_info.value)

    # The cookie choice in the banner: the message after it; the compare cart with items.
    page.goto(f"{base}/equipment/")
    page.locator(".cookie-banner form").first.locator("button").click()
    expect(page.get_by_role("status")).to_be_visible()
    check("message after the cookie choice")
    page.locator("main form[action$='/compare/add/'] button").first.click()
    expect(page.get_by_role("status")).to_be_visible()
    check("equipment after adding to compare")
    visit("compare cart", "/equipment/compare/")

    assert failures == {}, "\n\n".join(f"== {name}\n{report}" for name, report in failures.items())
    # P02/P03: after the whole walk, only cookies the policy lists, and nothing asked of another host.
    assert {cookie["name"] for cookie in page.context.cookies()} <= ALLOWED_COOKIES
    assert foreign_requests == []

"""Representatives are data subjects: the cabinet's provider finds, exports and erases their data; the retention
schedule clears sign-in technical data after 90 days and representatives a year after the membership ends; only
trained staff see the cabinet's admin pages; the cabinet cookie is a disclosed necessary cookie."""

import datetime

import pytest
from cookie_consent.models import Cookie
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from cabinet.models import CabinetSession, Representative, SignInLink, SignInRequest
from privacy import registry
from privacy.retention import apply_rule
from tests.accreditation.factories import MembershipFactory
from tests.queue import run_queued_tasks

from .helpers import ask_for_link, sign_in

pytestmark = pytest.mark.django_db


def _provider():
    return next(p for p in registry.providers() if p.name == "cabinet")


def _rule(name):
    return next(rule for rule in registry.retention_rules() if rule.name == name)


@pytest.fixture
def member():
    return MembershipFactory(email="contact@example.kz", company_name="Altyn Soft")


def test_P17_the_provider_finds_and_exports_a_representative(client, member):
    Representative.objects.create(
        membership=member, name="Dana", email="dana@example.kz", added_by="contact@example.kz"
    )
    sign_in(client, "Dana@Example.kz")
    provider = _provider()
    assert provider.count("DANA@example.kz") == 3  # the representative, the link, the session
    with translation.override("en"):
        exported = provider.export("dana@example.kz")
    (row,) = exported["Company representatives"]
    assert row["company_name"] == "Altyn Soft" and row["added_by"] == "contact@example.kz"
    (link,) = exported["Cabinet sign-in links"]
    assert link["client_ip"] == "127.0.0.1" and link["used_at"]
    assert len(exported["Cabinet sessions"]) == 1
    assert provider.count("contact@example.kz") == 0


def test_P20_erasure_deletes_the_representative_and_their_sessions(client, member):
    Representative.objects.create(membership=member, name="Dana", email="dana@example.kz")
    sign_in(client, "dana@example.kz")
    dry = _provider().erase("dana@example.kz", dry_run=True)
    assert dry.erased == {
        "representatives": 1,
        "sign_in_links": 1,
        "sessions": 1,
        "profile_changes": 0,
        "sign_in_requests": 0,
    }
    assert Representative.objects.exists()
    report = _provider().erase("dana@example.kz")
    assert report.erased_total == 3 and report.kept == []
    assert client.get("/en/cabinet/").status_code == 302  # signed out with it


def test_P10_sign_in_technical_data_is_deleted_after_90_days_not_before(member):
    ask_for_link(Client(), "contact@example.kz")
    run_queued_tasks()
    link = SignInLink.objects.get()
    rule = _rule("cabinet.sign_in_links")
    at_boundary = link.created_at + datetime.timedelta(days=90)
    assert apply_rule(rule, at_boundary, dry_run=False, batch_size=100) == 0
    after = at_boundary + datetime.timedelta(seconds=1)
    assert apply_rule(rule, after, dry_run=False, batch_size=100) == 1
    assert not SignInLink.objects.exists()
    assert apply_rule(rule, after, dry_run=False, batch_size=100) == 0  # idempotent


def test_expired_sessions_are_deleted_by_the_short_lived_run(client, member):
    from privacy.retention import SHORT_LIVED_RULES

    sign_in(client, "contact@example.kz")
    session = CabinetSession.objects.get()
    rule = _rule("cabinet.sessions")
    assert "cabinet.sessions" in SHORT_LIVED_RULES
    assert apply_rule(rule, timezone.now(), dry_run=False, batch_size=100) == 0
    assert apply_rule(rule, session.expires_at, dry_run=False, batch_size=100) == 1


def test_P12_representatives_are_kept_for_the_membership_plus_one_year(member):
    Representative.objects.create(membership=member, name="Dana", email="dana@example.kz")
    member.ended_on = timezone.localdate() - datetime.timedelta(days=365)
    member.save()
    rule = _rule("cabinet.representatives")
    assert apply_rule(rule, timezone.now(), dry_run=False, batch_size=100) == 0
    later = timezone.now() + datetime.timedelta(days=1)
    assert apply_rule(rule, later, dry_run=False, batch_size=100) == 1


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:cabinet_representative_changelist",
        "admin:cabinet_signinlink_changelist",
        "admin:cabinet_cabinetsession_changelist",
    ],
)
def test_P25_the_cabinet_admin_is_for_trained_staff_only(
    url_name, django_user_model, admin_client_trained
):
    untrained = django_user_model.objects.create_superuser(
        email="boss@digitalkazakhstan.org", password="a-long-staff-password-42"
    )
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(untrained)
    assert client.get(reverse(url_name)).status_code == 403
    assert admin_client_trained.get(reverse(url_name)).status_code == 200


def test_P02_the_cabinet_cookie_is_a_disclosed_necessary_cookie(client, member):
    cookie = Cookie.objects.get(name="dkz_cabinet")
    assert cookie.cookiegroup.varname == "necessary"
    page = client.get("/ru/cookies/").content.decode()
    assert "dkz_cabinet" in page
    fresh = Client()
    ask_for_link(fresh, "contact@example.kz")
    from .helpers import last_link

    response = fresh.post(last_link("contact@example.kz"))
    assert set(response.cookies) <= {"dkz_cabinet", "csrftoken"}


def test_P17_P20_proposed_profile_changes_are_exported_and_who_sent_them_erased(member):
    from cabinet.models import ProfileChange

    change = ProfileChange.objects.create(
        membership=member, proposed={"website": "https://altyn.kz"}, submitted_by="dana@example.kz"
    )
    with translation.override("en"):
        (row,) = _provider().export("Dana@example.kz")[
            "Proposed changes to the profile and equipment"
        ]
    assert (
        row["proposed"] == {"website": "https://altyn.kz"} and row["company_name"] == "Altyn Soft"
    )
    report = _provider().erase("dana@example.kz")
    assert report.erased["profile_changes"] == 1
    change.refresh_from_db()
    assert change.submitted_by == "" and change.proposed == {"website": "https://altyn.kz"}


def test_decided_profile_changes_are_deleted_a_year_after_the_decision(member):
    from cabinet.models import ProfileChange

    decided = timezone.now() - datetime.timedelta(days=364)
    ProfileChange.objects.create(
        membership=member,
        proposed={},
        submitted_by="dana@example.kz",
        state=ProfileChange.State.APPROVED,
        decided_at=decided,
    )
    ProfileChange.objects.create(membership=member, proposed={}, submitted_by="x@example.kz")
    rule = _rule("cabinet.profile_changes")
    assert apply_rule(rule, timezone.now(), dry_run=False, batch_size=100) == 0
    later = timezone.now() + datetime.timedelta(days=2)
    assert apply_rule(rule, later, dry_run=False, batch_size=100) == 1
    assert ProfileChange.objects.get().state == ProfileChange.State.PENDING  # pending ones stay


def test_P10_P17_P20_an_unanswered_request_for_a_link_is_found_erased_and_gone_after_a_day(member):
    """The request for a link waits for the queue only seconds; if the queue never answers, a day at most."""
    ask_for_link(Client(), "Someone@Example.kz")
    request = SignInRequest.objects.get()
    assert request.email == "someone@example.kz" and request.client_ip == "127.0.0.1"
    provider = _provider()
    assert provider.count("someone@example.kz") == 1
    with translation.override("en"):
        (row,) = provider.export("someone@example.kz")[
            "Requests for a cabinet sign-in link not answered yet"
        ]
    assert row["client_ip"] == "127.0.0.1"
    rule = _rule("cabinet.sign_in_requests")
    day = request.created_at + datetime.timedelta(days=1)
    assert apply_rule(rule, day, dry_run=False, batch_size=100) == 0
    assert apply_rule(rule, day + datetime.timedelta(seconds=1), dry_run=False, batch_size=100) == 1
    ask_for_link(Client(), "someone@example.kz")
    assert provider.erase("someone@example.kz").erased["sign_in_requests"] == 1
    assert not SignInRequest.objects.exists()

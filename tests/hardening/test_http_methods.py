"""Every page that answers GET answers HEAD the same way (status and headers, no body), and HEAD changes nothing.

One URL per public page name (the table fails when a page is added without a line here), plus the pages outside the
language prefix and the admin's sign-in.
"""

import pytest
from django.core import signing

from accreditation.views import SUBMITTED_SALT
from privacy.models import DataSubjectRequest
from tests.association.factories import (
    EventFactory,
    NewsPostFactory,
    WorkingGroupFactory,
)
from tests.directory.factories import EquipmentFactory
from tests.hardening.test_rate_limits import (
    _application_link,
    _enquiry_answer_link,
    _public_patterns,
    _registration_link,
    _request_confirmation_link,
)

pytestmark = pytest.mark.django_db


def _item(client):
    return f"/kk/equipment/{EquipmentFactory().pk}/"


def _member(client):
    return f"/kk/members/{EquipmentFactory().member.profile.slug}/"


def _submitted(client):
    return (
        f"/kk/accreditation/apply/submitted/{signing.dumps('AC-2026-ABC123', salt=SUBMITTED_SALT)}/"
    )


GET_PAGES = {
    "home": lambda c: "/kk/",
    "enquiries:contact": lambda c: "/kk/contact/",
    "enquiries:contact_thanks": lambda c: "/kk/contact/thanks/",
    "enquiries:answer": lambda c: _enquiry_answer_link(),
    "enquiries:answer_sent": lambda c: "/kk/contact/answer/sent/",
    "accreditation:apply": lambda c: "/kk/accreditation/apply/",
    "accreditation:submitted": _submitted,
    "accreditation:application": lambda c: _application_link(),
    "directory:members": lambda c: "/kk/members/?q=cloud",
    "directory:member": _member,
    "directory:equipment_list": lambda c: "/kk/equipment/",
    "directory:equipment_detail": _item,
    "directory:compare": lambda c: "/kk/equipment/compare/?items=1,2",
    "privacy:policy": lambda c: "/kk/privacy/",
    "privacy:cookies": lambda c: "/kk/cookies/",
    "privacy:request_new": lambda c: "/kk/privacy/requests/new/",
    "privacy:request_sent": lambda c: "/kk/privacy/requests/sent/",
    "privacy:request_verify": _request_confirmation_link,
    # Answer a page of their own (a missing image, a broken link): HEAD must answer it the same way.
    "directory:equipment_image": lambda c: "/kk/equipment/999999/image/",
    "privacy:version": lambda c: "/kk/privacy/versions/999999/",
    "privacy:request_download": lambda c: "/kk/privacy/requests/copy/broken-link/",
    "directory:members_json": lambda c: "/kk/members.json",
    "directory:members_csv": lambda c: "/kk/members.csv",
    "directory:members_feed": lambda c: "/kk/members/feed/",
    "directory:map": lambda c: "/kk/members/map/",
    "association:about": lambda c: "/kk/about/",
    "association:person_photo": lambda c: "/kk/about/people/999999/photo/",
    "association:document": lambda c: "/kk/documents/999999/",
    "association:membership": lambda c: "/kk/membership/",
    "association:news": lambda c: "/kk/news/",
    "association:news_feed": lambda c: "/kk/news/feed/",
    "association:news_post": lambda c: f"/kk/news/{NewsPostFactory().slug}/",
    "association:events": lambda c: "/kk/events/",
    "association:event": lambda c: f"/kk/events/{EventFactory().slug}/",
    "association:event_ics": lambda c: f"/kk/events/{EventFactory().slug}/calendar.ics",
    "association:registered": lambda c: f"/kk/events/{EventFactory().slug}/registered/",
    "association:waiting": lambda c: f"/kk/events/{EventFactory().slug}/waiting-list/",
    "association:cancelled": lambda c: f"/kk/events/{EventFactory().slug}/cancelled/",
    "association:registration": lambda c: _registration_link(),
    "association:working_groups": lambda c: "/kk/working-groups/",
    "association:working_group": lambda c: f"/kk/working-groups/{WorkingGroupFactory().slug}/",
    "directory:member_logo": lambda c: f"{_member(c)}logo/",
    # The member cabinet: without a session its pages send to the sign-in page; unknown codes are not found.
    "cabinet:sign_in": lambda c: "/kk/cabinet/sign-in/",
    "cabinet:sign_in_sent": lambda c: "/kk/cabinet/sign-in/sent/",
    "cabinet:link": lambda c: "/kk/cabinet/sign-in/broken-link/",
    "cabinet:home": lambda c: "/kk/cabinet/",
    "cabinet:invoice_pdf": lambda c: "/kk/cabinet/invoices/DKZ-2026-0001/kk.pdf",
    "cabinet:certificate_pdf": lambda c: "/kk/cabinet/certificate/en.pdf",
    "cabinet:my_data": lambda c: "/kk/cabinet/my-data/",
    "cabinet:verify": lambda c: "/kk/members/verify/ABCDEFGHJKLM/",
    "cabinet:verify_json": lambda c: "/kk/members/verify/ABCDEFGHJKLM/status.json",
    "cabinet:badge": lambda c: "/kk/members/verify/ABCDEFGHJKLM/badge.svg",
    "cabinet:equipment_new": lambda c: "/kk/cabinet/equipment/new/servers/",
    "cabinet:equipment_change": lambda c: "/kk/cabinet/equipment/1/",
    "cabinet:equipment_picture": lambda c: "/kk/cabinet/equipment/1/picture/",
    "cabinet:equipment_change_picture": lambda c: "/kk/cabinet/equipment/changes/1/picture/",
}
POST_ONLY = {
    "directory:compare_add",
    "directory:compare_remove",
    "directory:compare_clear",
    "privacy:cookies_accept",
    "privacy:cookies_decline",
    "cabinet:sign_out",
    "cabinet:sign_out_everywhere",
    "cabinet:representative_add",
    "cabinet:representative_rename",
    "cabinet:representative_remove",
    "cabinet:profile_change",
    "cabinet:withdraw_publication",
    "cabinet:publication_again",
    "cabinet:renew",
    "cabinet:equipment_withdraw",
    "cabinet:equipment_change_cancel",
}
OUTSIDE_THE_PREFIX = ["/healthz", "/robots.txt", "/sitemap.xml", "/admin/login/"]


def test_the_table_names_every_public_page():
    assert set(_public_patterns()) == set(GET_PAGES) | POST_ONLY


@pytest.mark.parametrize("name", sorted(GET_PAGES))
def test_head_answers_like_get(client, name):
    path = GET_PAGES[name](client)
    get = client.get(path)
    head = client.head(path)
    assert get.status_code != 405
    assert head.status_code == get.status_code, path
    assert head["Content-Type"] == get["Content-Type"]
    assert head.content == b""


@pytest.mark.parametrize("path", OUTSIDE_THE_PREFIX)
def test_head_answers_outside_the_language_prefix(client, path):
    assert client.head(path).status_code == client.get(path).status_code == 200


def test_head_on_a_confirmation_link_confirms_nothing(client):
    path = _request_confirmation_link(client)
    assert client.head(path).status_code == 200
    assert DataSubjectRequest.objects.get().verified_at is None

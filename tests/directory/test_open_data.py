"""The directory as open data (members.json, members.csv, the new-members feed): consented public fields only,
a stated licence, Last-Modified, and the page cache's versioning."""

import csv
import datetime
import io
import json

import pytest
from django.utils import timezone

from accreditation.regions import Region
from directory.models import Category
from privacy.models import ConsentPurpose
from privacy.services import block_email, withdraw_consent
from tests.accreditation.factories import MembershipFactory
from tests.atom import entries, validate_atom

from .factories import EquipmentFactory

pytestmark = pytest.mark.django_db

PUBLIC_KEYS = {
    "name", "profile_url", "bin", "region", "member_since", "website", "email", "phone", "description",
    "equipment_categories",
}  # fmt: skip
PRIVATE = ["Private Person", "private@contact.kz", "+7 701 999 99 99"]


@pytest.fixture
def members():
    today = timezone.localdate()
    listed = MembershipFactory(
        company_name="Qazaq Cloud",
        region=Region.ASTANA,
        contact_person="Private Person",
        email="private@contact.kz",
        phone="+7 701 999 99 99",
        headcount=40,
        website="https://qazaq.example.kz/",
        public_email="info@qazaq.example.kz",
        public_phone="+7 7172 00 00 00",
        description_kk="Бұлтты хостинг.",
        description_ru="Облачный хостинг.",
        description_en="Cloud hosting.",
    )
    EquipmentFactory(member=listed, category=Category.SERVERS)
    EquipmentFactory(member=listed, category=Category.STORAGE)
    MembershipFactory(company_name="Blocked LLP", email="blocked@example.kz")
    block_email(email="blocked@example.kz")
    return {
        "listed": listed,
        "not consented": MembershipFactory(company_name="Unpublished LLP", is_published=False),
        "ended": MembershipFactory(
            company_name="Ended LLP", ends_on=today - datetime.timedelta(days=1)
        ),
    }


def _json(client, language="en"):
    response = client.get(f"/{language}/members.json")
    assert response.status_code == 200
    return response, json.loads(response.content)


def test_json_holds_only_listed_members_and_only_their_public_fields(client, members):
    response, document = _json(client)
    assert response["Content-Type"] == "application/json; charset=utf-8"
    (member,) = document["members"]
    assert set(member) == PUBLIC_KEYS
    assert member["name"] == "Qazaq Cloud" and member["bin"] == members["listed"].bin
    assert (
        member["profile_url"] == f"http://testserver/en/members/{members['listed'].profile.slug}/"
    )
    assert member["region"] == {"code": "KZ-71", "name": "Astana"}
    assert member["email"] == "info@qazaq.example.kz" and member["phone"] == "+7 7172 00 00 00"
    assert member["description"] == {
        "kk": "Бұлтты хостинг.",
        "ru": "Облачный хостинг.",
        "en": "Cloud hosting.",
    }
    assert [c["code"] for c in member["equipment_categories"]] == ["servers", "storage"]
    assert document["count"] == 1
    assert document["licence"] == {
        "name": "CC BY 4.0",
        "url": "https://creativecommons.org/licenses/by/4.0/",
    }
    body = response.content.decode()
    for private in PRIVATE + ["headcount", "ends_on", "Unpublished", "Ended LLP", "Blocked LLP"]:
        assert private not in body


def test_names_follow_the_language_of_the_address(client, members):
    _, document = _json(client, "ru")
    assert document["language"] == "ru" and document["members"][0]["region"]["name"] == "Астана"


def test_csv_holds_the_same_public_fields(client, members):
    response = client.get("/kk/members.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8; header=present"
    assert response["Content-Disposition"] == 'attachment; filename="members-kk.csv"'
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))
    assert len(rows) == 1
    row = rows[0]
    assert (
        row["name"] == "Qazaq Cloud"
        and row["region_code"] == "KZ-71"
        and row["email"] == "info@qazaq.example.kz"
    )
    assert row["description_kk"] == "Бұлтты хостинг."
    body = response.content.decode()
    assert not any(private in body for private in PRIVATE + ["Unpublished", "Ended LLP"])


@pytest.mark.parametrize("path", ["/en/members.json", "/en/members.csv"])
def test_open_data_states_its_licence_and_last_modified_and_answers_304(client, members, path):
    response = client.get(path)
    assert response["Link"] == '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'
    assert response["Last-Modified"] and response["ETag"]
    assert "public" in response["Cache-Control"]
    assert client.get(path, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"]).status_code == 304
    assert client.get(path, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_withdrawn_consent_leaves_the_open_data_at_once_and_is_not_answered_304(client, members):
    """P07, P21: a member that withdrew its consent to publication must not stay in a reader's copy."""
    first, document = _json(client)
    assert document["count"] == 1
    withdraw_consent(email=members["listed"].email, purpose=ConsentPurpose.DIRECTORY_PUBLICATION)
    again = client.get("/en/members.json", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert json.loads(again.content)["count"] == 0


def test_the_document_is_built_once_per_version(client, members, django_assert_num_queries):
    client.get("/en/members.json")
    with django_assert_num_queries(0):
        assert client.get("/en/members.json").status_code == 200


def test_the_same_content_keeps_its_last_modified_across_versions(client, members):
    first = client.get("/en/members.json")
    members[
        "not consented"
    ].company_name = "Still Unpublished LLP"  # a change nobody sees in the data
    members["not consented"].save()
    second = client.get("/en/members.json")
    assert second["Last-Modified"] == first["Last-Modified"]


def test_new_members_feed_is_valid_atom_with_public_fields_only(client, members):
    response = client.get("/ru/members/feed/")
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    root = validate_atom(response.content)
    (entry,) = entries(root)
    assert entry["title"] == "Qazaq Cloud"
    assert entry["link"] == f"http://testserver/ru/members/{members['listed'].profile.slug}/"
    assert "Облачный хостинг." in entry["summary"] and "Астана" in entry["summary"]
    assert "creativecommons.org/licenses/by/4.0/" in response.content.decode()
    assert not any(private in response.content.decode() for private in PRIVATE)
    assert client.get("/ru/members/feed/", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_the_newest_members_come_first_in_the_feed(client):
    today = timezone.localdate()
    MembershipFactory(company_name="Older", starts_on=today - datetime.timedelta(days=90))
    MembershipFactory(company_name="Newer", starts_on=today - datetime.timedelta(days=2))
    titles = [e["title"] for e in entries(validate_atom(client.get("/en/members/feed/").content))]
    assert titles == ["Newer", "Older"]


def test_feed_and_map_addresses_never_become_a_member_s_profile(client):
    for name in ("Feed", "Map"):
        member = MembershipFactory(company_name=name)
        assert member.profile.slug not in ("feed", "map")

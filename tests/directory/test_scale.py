"""What keeps the directory and the catalogue light at 100,000 members: a capped count, no select of every member."""

import pytest

from directory import listing
from tests.accreditation.factories import MembershipFactory

from .factories import EquipmentFactory

pytestmark = pytest.mark.django_db


def test_count_stops_at_the_page_limit_and_says_so(client, monkeypatch):
    monkeypatch.setattr(listing, "MAX_PAGES", 2)  # 40 rows counted at most
    MembershipFactory.create_batch(41)
    first = client.get("/en/members/")
    assert first.context["page_obj"].paginator.num_pages == 2
    assert "More than 40 members found" in first.content.decode()
    last = client.get("/en/members/", {"page": "2"}).content.decode()
    assert "Only the first 2 pages are shown" in last


def test_count_below_the_limit_is_exact(client, monkeypatch):
    monkeypatch.setattr(listing, "MAX_PAGES", 2)
    MembershipFactory.create_batch(40)
    response = client.get("/en/members/", {"q": "company"})
    assert "40 members found" in response.content.decode()
    assert "More than" not in response.content.decode()


def test_short_search_results_keep_the_name_order(client, monkeypatch):
    for name in ["Tulpar Data", "Altyn Tulpar", "Dala Cloud", "Tulpar Aero"]:
        MembershipFactory(company_name=name)
    response = client.get("/en/members/", {"q": "tulpar"})
    assert [m.company_name for m in response.context["page_obj"]] == [
        "Altyn Tulpar",
        "Tulpar Aero",
        "Tulpar Data",
    ]


def test_catalogue_names_the_chosen_member_instead_of_listing_every_member(client):
    chosen = MembershipFactory(company_name="Qyran Aero")
    EquipmentFactory(member=chosen, name="Survey drone")
    for other in MembershipFactory.create_batch(5):
        EquipmentFactory(member=other)
    everything = client.get("/en/equipment/").content.decode()
    assert "<select" in everything  # the category filter only
    assert everything.count("<option") == 9  # "All categories" and the eight categories
    mine = client.get("/en/equipment/", {"member": chosen.profile.slug}).content.decode()
    assert "Equipment offered by Qyran Aero." in mine
    assert f'<input type="hidden" name="member" value="{chosen.profile.slug}"' in mine
    assert "Show every member’s equipment" in mine

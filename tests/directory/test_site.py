"""Where the directory meets the rest of the site: sitemap, navigation, home page."""

import pytest

from tests.accreditation.factories import MembershipFactory

from .factories import EquipmentFactory

pytestmark = pytest.mark.django_db


def test_sitemap_lists_listed_members_and_equipment_only(client):
    shown = EquipmentFactory(member=MembershipFactory(slug="shown-member"))
    hidden = EquipmentFactory(member=MembershipFactory(slug="hidden-member", is_published=False))

    xml = client.get("/sitemap.xml").content.decode()

    assert "http://testserver/kk/members/" in xml
    assert "http://testserver/en/equipment/" in xml
    assert "/kk/members/shown-member/" in xml and 'hreflang="ru"' in xml
    assert f"/kk/equipment/{shown.pk}/" in xml
    assert "hidden-member" not in xml
    assert f"/equipment/{hidden.pk}/" not in xml


@pytest.mark.parametrize("path", ["/en/", "/en/members/", "/en/equipment/"])
def test_navigation_links_to_members_and_equipment(client, path):
    html = client.get(path).content.decode()
    assert 'href="/en/members/"' in html
    assert 'href="/en/equipment/"' in html


def test_current_page_is_marked_in_navigation(client):
    html = client.get("/en/members/").content.decode()
    assert 'href="/en/members/" aria-current="page"' in html

import re

import pytest

from accreditation.regions import Region
from directory import map as members_map
from tests.accreditation.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def test_every_region_has_one_tile_and_no_two_share_a_place():
    assert set(members_map.TILES) == set(Region)
    places = list(members_map.TILES.values())
    assert len(places) == len(set(places)) == 20
    assert all(0 <= c < members_map.COLUMNS and 0 <= r < members_map.ROWS for c, r in places)


@pytest.mark.parametrize(
    ("largest", "count", "shade"),
    [(8, 0, 0), (8, 1, 1), (8, 2, 1), (8, 3, 2), (8, 8, 4), (1, 1, 4)],
)
def test_shades_and_the_legend_agree(largest, count, shade):
    assert members_map.shade_of(count, largest) == shade
    legend = members_map.shades(largest)
    (entry,) = [s for s in legend if s.low <= count <= s.high]
    assert entry.level == shade


def test_long_names_wrap_in_at_most_three_lines():
    assert members_map._wrap("Северо-Казахстанская область") == [
        "Северо-",
        "Казахстанская",
        "область",
    ]
    assert all(len(line) <= 15 for line in members_map._wrap("West Kazakhstan Region"))


def test_map_page_draws_the_tiles_and_the_table_of_listed_members(client):
    for _ in range(3):
        MembershipFactory(region=Region.ASTANA)
    MembershipFactory(region=Region.SHYMKENT)
    MembershipFactory(region=Region.ABAI, is_published=False)
    response = client.get("/en/members/map/")
    content = response.content.decode()
    assert response.status_code == 200
    svg = content.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert svg.count("<rect") == 20 and 'role="img"' in svg and "<title" in svg
    assert "<script" not in content
    table = content.split('class="region-table"', 1)[1].split("</table>", 1)[0]
    assert (
        '<a href="/en/members/?region=KZ-71">Astana</a></th>\n          <td class="number">3</td>'
        in table
    )
    assert '<th scope="row">Abai Region</th>\n          <td class="number">0</td>' in table
    assert re.search(r"Kazakhstan</th><td class=\"number\">4</td>", table)
    assert 'href="/en/members.json"' in content and 'rel="license"' in content


def test_map_is_in_the_region_names_of_the_page(client):
    MembershipFactory(region=Region.ALMATY_REGION)
    assert "Алматы облысы" in client.get("/kk/members/map/").content.decode()

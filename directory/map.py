"""Members by region, drawn on the server as a tile map: one tile per region, placed as the regions lie.

A tile map instead of the borders: no geodata to keep current (three regions were created in 2022), no map
service, no script; each region gets the same space however small it is, so a city with many members is not a
dot. The counts are the listed members; the same figures are in the table under the map.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.db.models import Count

from accreditation.models import REGION_LABELS
from accreditation.regions import Region

from .models import listed_memberships

# (column, row) of each region's tile, west to east and north to south.
TILES = {
    Region.WEST_KAZAKHSTAN: (0, 0),
    Region.KOSTANAY: (2, 0),
    Region.NORTH_KAZAKHSTAN: (3, 0),
    Region.PAVLODAR: (5, 0),
    Region.ATYRAU: (0, 1),
    Region.AKTOBE: (1, 1),
    Region.AKMOLA: (3, 1),
    Region.ASTANA: (4, 1),
    Region.ABAI: (5, 1),
    Region.EAST_KAZAKHSTAN: (6, 1),
    Region.MANGYSTAU: (0, 2),
    Region.KYZYLORDA: (1, 2),
    Region.ULYTAU: (2, 2),
    Region.KARAGANDA: (3, 2),
    Region.ZHETYSU: (5, 2),
    Region.TURKISTAN: (2, 3),
    Region.ZHAMBYL: (3, 3),
    Region.ALMATY_REGION: (4, 3),
    Region.SHYMKENT: (2, 4),
    Region.ALMATY: (4, 4),
}
COLUMNS, ROWS = 7, 5
TILE_WIDTH, TILE_HEIGHT, GAP = 120, 92, 6
LINE_CHARACTERS = 15
SHADES = 5  # 0: no member; 1-4: a quarter of the largest count each


@dataclass(frozen=True)
class Tile:
    code: str
    name: str
    count: int
    shade: int
    x: int
    y: int
    lines: list[str]

    @property
    def text_x(self) -> int:
        return self.x + TILE_WIDTH // 2

    @property
    def name_y(self) -> int:
        return self.y + 20

    @property
    def count_y(self) -> int:
        return self.y + TILE_HEIGHT - 12


@dataclass(frozen=True)
class Shade:
    level: int
    low: int
    high: int


def _wrap(name: str) -> list[str]:
    """The name in lines of at most LINE_CHARACTERS, broken at spaces and hyphens; three lines at most."""
    words = name.replace("-", "- ").split()
    lines: list[str] = []
    for word in words:
        joiner = "" if lines and lines[-1].endswith("-") else " "
        if lines and len(lines[-1]) + len(joiner) + len(word) <= LINE_CHARACTERS:
            lines[-1] = f"{lines[-1]}{joiner}{word}".strip()
        else:
            lines.append(word)
    if len(lines) > 3:
        lines = [*lines[:2], "…"]
    return lines


def shade_of(count: int, largest: int) -> int:
    if count <= 0 or largest <= 0:
        return 0
    return min(SHADES - 1, math.ceil(count * (SHADES - 1) / largest))


def shades(largest: int) -> list[Shade]:
    """The legend: which counts each shade stands for (shades no count can reach are left out)."""
    legend = [Shade(0, 0, 0)]
    for level in range(1, SHADES):
        low = math.floor((level - 1) * largest / (SHADES - 1)) + 1
        high = math.floor(level * largest / (SHADES - 1))
        if largest > 0 and low <= high:
            legend.append(Shade(level, low, high))
    return legend


def counts_by_region() -> dict[str, int]:
    rows = listed_memberships().order_by().values_list("region").annotate(n=Count("pk"))
    return dict(rows)


def tiles(counts: dict[str, int]) -> list[Tile]:
    largest = max(counts.values(), default=0)
    result = []
    for region, (column, row) in TILES.items():
        count = counts.get(region.value, 0)
        name = str(REGION_LABELS[region.value])
        result.append(
            Tile(
                code=region.value,
                name=name,
                count=count,
                shade=shade_of(count, largest),
                x=GAP + column * (TILE_WIDTH + GAP),
                y=GAP + row * (TILE_HEIGHT + GAP),
                lines=_wrap(name),
            )
        )
    return result


def view_box() -> str:
    width = GAP + COLUMNS * (TILE_WIDTH + GAP)
    height = GAP + ROWS * (TILE_HEIGHT + GAP)
    return f"0 0 {width} {height}"

"""The directory for programs and at a glance: members.json, members.csv, the new-members feed, the map."""

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from dkz_site.machine_documents import cached_document, document_response
from dkz_site.page_cache import cache_for_visitors

from . import map as members_map
from . import open_data
from .feeds import NewMembersFeed


def _licence_link() -> dict:
    return {"Link": f'<{settings.OPEN_DATA_LICENCE["url"]}>; rel="license"'}


def _name(request, kind: str) -> str:
    return f"members-{kind}:{request.scheme}://{request.get_host()}:{get_language()}"


@require_safe
def members_json(request):
    language = get_language()
    document = cached_document(
        _name(request, "json"),
        lambda: (open_data.as_json(request, language), "application/json; charset=utf-8"),
    )
    return document_response(request, document, _licence_link())


@require_safe
def members_csv(request):
    document = cached_document(
        _name(request, "csv"),
        lambda: (open_data.as_csv(request), "text/csv; charset=utf-8; header=present"),
    )
    headers = {
        **_licence_link(),
        "Content-Disposition": f'attachment; filename="members-{get_language()}.csv"',
    }
    return document_response(request, document, headers)


members_feed = require_safe(NewMembersFeed())


@require_safe
@cache_for_visitors()
def members_by_region(request):
    counts = members_map.counts_by_region()
    tiles = members_map.tiles(counts)
    total = sum(counts.values())
    table = [
        {"tile": tile, "share": round(100 * tile.count / total) if total else 0}
        for tile in sorted(tiles, key=lambda tile: (-tile.count, tile.name))
    ]
    return render(
        request,
        "directory/map.html",
        {
            "tiles": tiles,
            "table": table,
            "total": total,
            "legend": members_map.shades(max(counts.values(), default=0)),
            "view_box": members_map.view_box(),
            "tile_width": members_map.TILE_WIDTH,
            "tile_height": members_map.TILE_HEIGHT,
            "licence": settings.OPEN_DATA_LICENCE,
        },
    )

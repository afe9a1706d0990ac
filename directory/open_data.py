"""The directory as open data: every listed member's public profile, as JSON and CSV, under a stated licence.

Only what the member's public profile shows, and only for members the directory lists (active, consented to
publication, not blocked): the company's name, BIN, region, member-since date, the website, public email and
public phone the member chose to publish, its descriptions and its equipment categories. Never the contact person,
the contact email or phone, the headcount or the membership's end date.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from accreditation.models import REGION_LABELS

from .models import CATEGORY_LABELS, Equipment, listed_memberships

PUBLIC_FIELDS = (
    "pk",
    "company_name",
    "profile__slug",
    "bin",
    "region",
    "starts_on",
    "profile__website",
    "profile__public_email",
    "profile__public_phone",
    "profile__description_kk",
    "profile__description_ru",
    "profile__description_en",
)

CSV_COLUMNS = [
    "name",
    "profile_url",
    "bin",
    "region_code",
    "region",
    "member_since",
    "website",
    "email",
    "phone",
    "description_kk",
    "description_ru",
    "description_en",
    "equipment_categories",
]


@dataclass(frozen=True)
class PublicMember:
    name: str
    profile_url: str
    bin: str
    region_code: str
    region: str
    member_since: str
    website: str
    email: str
    phone: str
    descriptions: dict[str, str]
    categories: list[str]

    def as_json(self) -> dict:
        return {
            "name": self.name,
            "profile_url": self.profile_url,
            "bin": self.bin,
            "region": {"code": self.region_code, "name": self.region},
            "member_since": self.member_since,
            "website": self.website,
            "email": self.email,
            "phone": self.phone,
            "description": self.descriptions,
            "equipment_categories": [
                {"code": code, "name": str(CATEGORY_LABELS.get(code, code))}
                for code in self.categories
            ],
        }

    def as_csv(self) -> list[str]:
        return [
            self.name,
            self.profile_url,
            self.bin,
            self.region_code,
            self.region,
            self.member_since,
            self.website,
            self.email,
            self.phone,
            self.descriptions["kk"],
            self.descriptions["ru"],
            self.descriptions["en"],
            "; ".join(str(CATEGORY_LABELS.get(code, code)) for code in self.categories),
        ]


def _categories(listed) -> dict[int, list[str]]:
    pairs = (
        Equipment.objects.filter(member__in=listed.values("pk"))
        .values_list("member_id", "category")
        .distinct()
        .order_by("member_id", "category")
    )
    result: dict[int, list[str]] = {}
    for member_id, category in pairs:
        result.setdefault(member_id, []).append(category)
    return result


def public_members(request) -> list[PublicMember]:
    """The listed members' public fields, by name; region and category names in the page's language."""
    listed = listed_memberships()
    categories = _categories(listed)
    rows = listed.order_by("company_name", "pk").values_list(*PUBLIC_FIELDS)
    members = []
    for row in rows.iterator(chunk_size=2000):
        record = dict(zip(PUBLIC_FIELDS, row, strict=True))
        members.append(
            PublicMember(
                name=record["company_name"],
                profile_url=request.build_absolute_uri(
                    reverse("directory:member", args=[record["profile__slug"]])
                ),
                bin=record["bin"],
                region_code=record["region"],
                region=str(REGION_LABELS.get(record["region"], record["region"])),
                member_since=record["starts_on"].isoformat(),
                website=record["profile__website"],
                email=record["profile__public_email"],
                phone=record["profile__public_phone"],
                descriptions={
                    code: record[f"profile__description_{code}"] for code in ("kk", "ru", "en")
                },
                categories=categories.get(record["pk"], []),
            )
        )
    return members


def licence() -> dict:
    return {"name": settings.OPEN_DATA_LICENCE["name"], "url": settings.OPEN_DATA_LICENCE["url"]}


def as_json(request, language: str) -> bytes:
    members = public_members(request)
    document = {
        "title": _("Digital Kazakhstan: members directory"),
        "publisher": settings.ASSOCIATION["name"],
        "licence": licence(),
        "source": request.build_absolute_uri(reverse("directory:members")),
        "language": language,
        "count": len(members),
        "members": [member.as_json() for member in members],
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode()


def as_csv(request) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(member.as_csv() for member in public_members(request))
    return out.getvalue().encode()

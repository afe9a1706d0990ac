"""What the benchmark puts in the database, which URLs it drives, and which jobs it times.

Seeding writes with PostgreSQL COPY (psycopg) in one transaction per table: 100,000 members with 5 items each
and their specification rows take a few minutes at most, where the ORM would take an hour. Each row is what
the model's own `save()` would store: `search_text` normalised as `Membership.save()` does, unique slugs made the
way `_unique_slug()` makes them, valid BINs, emails in normalised form.
"""

from __future__ import annotations

import datetime
import json
import os
import random
from pathlib import Path

from bench.runner import django_env, log

SEARCH_WORD = "tulpar"  # one name stem in 22: about 3% of members match
BATCH_ROWS = 50_000  # rows per COPY statement, so memory stays flat at any size

MIDDLE_WORDS = [
    "Digital", "Tech", "Data", "Smart", "Info", "Soft", "Net", "Logic", "Micro", "Nova",
    "Orda", "Steppe", "Kaz", "Astana", "Atlas", "Vector", "Pixel", "Quantum", "Signal", "Cyber",
    "Sapa", "Ult", "Iz", "Zher", "Aspan", "Bolashaq", "Kemel", "Nur", "Sarbaz", "Jas",
]  # fmt: skip
FIRST_NAMES = ["Aigerim", "Nurlan", "Dana", "Yerlan", "Aliya", "Marat", "Saule", "Timur", "Asel"]
LAST_NAMES = ["Abenova", "Seitkali", "Omarova", "Zhakupov", "Bekova", "Nurpeisov", "Iskakova"]
ITEMS_PER_MEMBER = 5
UNLISTED_SHARE = 50  # one extra unlisted member (no publication consent) per 50 listed ones


def _django(config: dict) -> None:
    """Configure Django in this process with the benchmark's settings (once)."""
    import django
    from django.conf import settings

    if not settings.configured:
        os.environ.update(django_env(config))
        django.setup()


# --- seeding ---------------------------------------------------------------------------------------------------


def seed_database(config: dict, size: int) -> None:
    """`size` listed members across all 20 regions, each with 5 items with specifications, and consents."""
    _django(config)
    from django.db import connection

    connection.close()  # the database was dropped and created again since the last size
    rng = random.Random(size)
    today = datetime.date.today()
    policy_id = _policy_version_id()
    members = list(_members(size, today, rng))
    _copy("accreditation.Membership", members)
    ids = _ids("accreditation.Membership")
    items, specifications = _equipment(members, ids, rng)
    _copy("directory.Equipment", items)
    _copy("directory.Specification", specifications)
    _copy("privacy.ConsentRecord", list(_member_consents(members, policy_id)))
    for label, rows in _extra_tables(members, ids, policy_id, rng):
        _copy(label, rows)
    _reset_sequences()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    connection.close()
    log(
        f"   {len(members)} memberships, {len(items)} items, {len(specifications)} specification rows"
    )


def _policy_version_id() -> int:
    """The policy in force (the privacy app's data migration loads it; a stand-in otherwise)."""
    from privacy.models import PolicyVersion

    policy = PolicyVersion.objects.current()
    if policy is None:
        policy = PolicyVersion.objects.create(
            label="bench",
            published_on=datetime.date(2026, 5, 14),
            effective_on=datetime.date(2026, 5, 14),
            body_kk="Құпиялылық саясаты",
            body_ru="Политика конфиденциальности",
            body_en="Privacy policy",
        )
    return policy.pk


def _members(size: int, today: datetime.date, rng: random.Random):
    from django.utils import timezone
    from django.utils.text import slugify

    from accreditation.regions import Region
    from accreditation.search import normalise_for_search, transliterate
    from directory.demo import SPECIALITIES, STEMS
    from privacy.models import normalise_email

    regions = [region.value for region in Region]
    slugs: dict[str, int] = {}
    now = timezone.now()
    total = size + size // UNLISTED_SHARE
    for n in range(total):
        listed = n < size
        stem_latin, stem_kazakh = STEMS[n % len(STEMS)]
        speciality = SPECIALITIES[(n // len(STEMS)) % len(SPECIALITIES)]
        middle = MIDDLE_WORDS[(n // 7) % len(MIDDLE_WORDS)]
        suffix_latin, suffix_kazakh = speciality["suffix"]
        if n % 3 == 1:
            name = f"{stem_kazakh} {middle} {suffix_kazakh}"
        else:
            name = f"{stem_latin} {middle} {suffix_latin}"
        base = slugify(transliterate(name))[:200]
        count = slugs.get(base, 0) + 1
        slugs[base] = count
        slug = base if count == 1 else f"{base}-{count}"
        domain = f"{slug}.example.kz"
        founded = 1995 + n % 30
        description = {
            "description_kk": f"{speciality['kk']} {founded} жылы құрылған. {name}.",
            "description_ru": f"{speciality['ru']} Основана в {founded} году.",
            "description_en": "" if n % 10 == 9 else f"{speciality['en']} Founded in {founded}.",
        }
        starts_on = today - datetime.timedelta(days=rng.randrange(1, 360))
        yield {
            "company_name": name,
            "slug": slug,
            "bin": _bin(n),
            "region": regions[n % len(regions)],
            "contact_person": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
            "email": normalise_email(f"office@{domain}"),
            "phone": f"+7 701 {n % 1000:03d} {n // 1000 % 100:02d} {n % 97:02d}",
            "website": f"https://{domain}/",
            "public_email": f"info@{domain}" if n % 2 else "",
            "public_phone": f"+7 717 2{n % 100:02d} {n % 89:02d} 00" if n % 3 else "",
            **description,
            "starts_on": starts_on,
            "ends_on": starts_on + datetime.timedelta(days=365),
            "ended_on": None,
            "is_published": listed,
            "search_text": normalise_for_search(
                " ".join(
                    [
                        name,
                        description["description_kk"],
                        description["description_ru"],
                        description["description_en"],
                    ]
                )
            ),
            "created_at": now,
            "updated_at": now,
        }


def _bin(n: int) -> str:
    """A valid BIN (check digit included), unique to member n."""
    from accreditation.bin import compute_check_digit

    year, serial = 5 + n // 100_000, n % 100_000
    for division in "0123":
        first11 = f"{year:02d}{1 + n % 12:02d}4{division}{serial:05d}"
        digit = compute_check_digit(first11)
        if digit is not None:
            return first11 + str(digit)
    raise ValueError(f"no valid BIN for member {n}")


def _equipment(members: list[dict], ids: list[int], rng: random.Random):
    from django.utils import timezone

    from directory.demo import CATALOGUE, SERIES, SPECIALITIES, STEMS, VALUES

    now = timezone.now()
    items, specifications = [], []
    item_id = 0
    for n, (member, member_id) in enumerate(zip(members, ids, strict=True)):
        categories = SPECIALITIES[(n // len(STEMS)) % len(SPECIALITIES)]["categories"]
        for j in range(ITEMS_PER_MEMBER):
            item_id += 1
            category = categories[j % len(categories)]
            kinds, spec_names = CATALOGUE[category]
            kind = kinds[(n + j) % len(kinds)]
            series = SERIES[(n + 2 * j) % len(SERIES)]
            number = 100 + rng.randrange(900)
            items.append(
                {
                    "id": item_id,
                    "member_id": member_id,
                    "name": f"{kind} {series}{number}",
                    "category": category.value,
                    "model": f"{member['slug'][:3].upper()}-{series}{number}",
                    "description": f"{kind} offered by {member['company_name']}.",
                    "image": "",
                    "created_at": now,
                    "updated_at": now,
                }
            )
            for order, spec_name in enumerate(spec_names):
                specifications.append(
                    {
                        "equipment_id": item_id,
                        "order": order,
                        "name": spec_name,
                        "value": rng.choice(VALUES[spec_name]),
                    }
                )
    return items, specifications


def _member_consents(members: list[dict], policy_id: int):
    """Each membership's two consents: processing of the application, and publication when listed."""
    from django.utils import timezone

    from privacy.models import ConsentPurpose

    given_at = timezone.now() - datetime.timedelta(days=400)
    for member in members:
        purposes = [ConsentPurpose.ACCREDITATION_PROCESSING]
        if member["is_published"]:
            purposes.append(ConsentPurpose.DIRECTORY_PUBLICATION)
        for purpose in purposes:
            yield {
                "email": member["email"],
                "purpose": purpose.value,
                "policy_version_id": policy_id,
                "wording": f"I agree: {purpose.label}",
                "language": "en",
                "given_at": given_at,
                "client_ip": "192.0.2.10",
                "user_agent": "Mozilla/5.0 (bench)",
                "source": "accreditation:apply",
                "source_object": member["bin"],
                "withdrawn_at": None,
            }


def _extra_tables(members, ids, policy_id, rng):
    """Tables of apps not merged into this branch yet seed nothing."""
    return []


def _copy(label: str, rows: list[dict]) -> None:
    """COPY rows (dicts keyed by field attname) into the model's table, BATCH_ROWS at a time."""
    from django.apps import apps
    from django.db import connection, transaction

    if not rows:
        return
    model = apps.get_model(label)
    names = list(rows[0])
    columns = ", ".join(connection.ops.quote_name(model._meta.get_field(n).column) for n in names)
    table = connection.ops.quote_name(model._meta.db_table)
    connection.ensure_connection()
    with transaction.atomic():
        raw = connection.connection
        with raw.cursor() as cursor:
            for start in range(0, len(rows), BATCH_ROWS):
                with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in rows[start : start + BATCH_ROWS]:
                        copy.write_row([row[n] for n in names])


def _ids(label: str) -> list[int]:
    from django.apps import apps

    return list(apps.get_model(label).objects.order_by("pk").values_list("pk", flat=True))


def _reset_sequences() -> None:
    """Rows were written with explicit ids: move every id sequence past them."""
    from django.apps import apps
    from django.core.management.color import no_style
    from django.db import connection

    statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models())
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


# --- URLs ------------------------------------------------------------------------------------------------------


def urls_for(config: dict, size: int) -> list[tuple[str, str]]:
    """The URLs the issue names, with a member and items picked from the seeded data."""
    _django(config)
    from django.db import connection

    from accreditation.models import Membership
    from directory.models import Equipment

    listed = Membership.objects.listed().order_by("pk")
    member = listed[size // 2]
    items = list(
        Equipment.objects.listed()
        .filter(member_id__in=listed.values("pk")[size // 3 : size // 3 + 4])
        .order_by("member_id", "pk")
        .distinct("member_id")
        .values_list("pk", flat=True)
    )
    connection.close()
    return [
        ("baseline", "/bench/baseline"),
        ("home", "/en/"),
        ("members", "/en/members/"),
        ("search", f"/en/members/?q={SEARCH_WORD}"),
        ("region", "/en/members/?region=KZ-71"),
        ("page 50", "/en/members/?page=50"),
        ("profile", f"/en/members/{member.slug}/"),
        ("equipment", "/en/equipment/"),
        ("compare 4", f"/en/equipment/compare/?items={','.join(map(str, items))}"),
        ("static css", _static_url(config, "css/site.css")),
    ]


def _static_url(config: dict, name: str) -> str:
    """The content-hashed name collectstatic gave the file (from whitenoise's manifest)."""
    manifest = json.loads((Path(config["static_root"]) / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"][name]


# --- timed jobs ------------------------------------------------------------------------------------------------


def timed_jobs(config: dict) -> dict:
    """Jobs that are timed rather than driven: retention and an access export (once their apps exist)."""
    results = {}
    log("\n== timed jobs")
    log("   retention and access export: not in this branch yet")
    return results

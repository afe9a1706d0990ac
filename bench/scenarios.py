"""What the benchmark puts in the database, which URLs it drives, and which jobs it times.

Seeding writes with PostgreSQL COPY (psycopg) in one transaction per table: 100,000 members with 5 items each
and their specification rows take a few minutes at most, where the ORM would take an hour. Each row is what
the model's own `save()` would store: `search_text` normalised as `MemberProfile.save()` does, the names' sort keys
(`dkz_site.collation.sort_key`), unique slugs made the
way `_unique_slug()` makes them, valid BINs, emails in normalised form.
"""

from __future__ import annotations

import datetime
import itertools
import json
import os
import random
import threading
import time
from collections import defaultdict
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

    from directory.models import categories_value

    connection.close()  # the database was dropped and created again since the last size
    rng = random.Random(size)
    today = datetime.date.today()
    policy_id = _policy_version_id()
    members = list(_members(size, today, rng))
    _copy("accreditation.Membership", ({k: m[k] for k in m if k not in PROFILE} for m in members))
    ids = _ids("accreditation.Membership")
    items, specifications = _equipment(members, ids, rng)
    offered = defaultdict(set)
    for item in items:
        offered[item["member_id"]].add(item["category"])
    _copy(
        "directory.MemberProfile",
        (
            {
                "membership_id": pk,
                **{k: m[k] for k in PROFILE},
                "updated_at": m["updated_at"],
                # As `profiles.keep_categories_with_items` keeps them.
                "categories": categories_value(offered[pk]),
            }
            for m, pk in zip(members, ids, strict=True)
        ),
    )
    _copy("directory.Equipment", items)
    _copy("directory.Specification", specifications)
    _copy(
        "privacy.ConsentRecord",
        [
            _consent(member["email"], purpose, policy_id, member["created_at"])
            | {"source_object": member["bin"]}
            for member in members
            for purpose in _member_purposes(member)
        ],
    )
    for label, rows in _extra_tables(members, ids, policy_id, rng):
        _copy(label, rows)
    _reset_sequences()
    _settle()
    connection.close()
    log(
        f"   {len(members)} memberships, {len(items)} items, {len(specifications)} specification rows"
    )


def _settle() -> None:
    """Leave the database as a running site's is, not as a bulk load leaves it: vacuumed (visibility map and
    hint bits set, so autovacuum has nothing to do on the new tables mid-measurement), analysed, and with the
    load's dirty pages written out. With a plain ANALYZE, the first 100,000-member run had p99 spikes of
    150-750 ms on cached pages while PostgreSQL's log showed a checkpoint spread over those minutes."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")
        cursor.execute("CHECKPOINT")


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


# The member's public profile (`directory.MemberProfile`), of each row `_members` makes.
PROFILE = (
    "slug",
    "website",
    "public_email",
    "public_phone",
    "description_kk",
    "description_ru",
    "description_en",
    "is_published",
    "search_text",
    "logo",
)


def _members(size: int, today: datetime.date, rng: random.Random):
    from django.utils import timezone
    from django.utils.text import slugify

    from accreditation.regions import Region
    from directory.demo import SPECIALITIES, STEMS
    from directory.search import searched_text, transliterate
    from dkz_site.collation import sort_key
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
        region = regions[n % len(regions)]
        yield {
            "company_name": name,
            "slug": slug,
            "bin": _bin(n),
            "region": region,
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
            "logo": "",  # the profile's logo (directory migration 0008): none in the benchmark
            "language": ("kk", "ru", "en")[n % 3],
            "name_sort_key": sort_key(name),
            "search_text": searched_text(
                name,
                description["description_kk"],
                description["description_ru"],
                description["description_en"],
                region=region,
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

    from directory.demo import CATALOGUE, SERIES, SPECIALITIES, STEMS, VALUES, _descriptions, _value
    from directory.models import ITEM_SEARCHED_FIELDS, SpecificationField
    from directory.search import searched_text
    from dkz_site.collation import sort_key

    now = timezone.now()
    vocabulary: dict[str, list] = {}
    for spec_field in SpecificationField.objects.prefetch_related("choices"):
        if spec_field.key in VALUES:
            vocabulary.setdefault(spec_field.category, []).append(spec_field)
    items, specifications = [], []
    item_id = 0
    for n, (member, member_id) in enumerate(zip(members, ids, strict=True)):
        categories = SPECIALITIES[(n // len(STEMS)) % len(SPECIALITIES)]["categories"]
        for j in range(ITEMS_PER_MEMBER):
            item_id += 1
            category = categories[j % len(categories)]
            kinds = CATALOGUE[category]
            kind = kinds[(n + j) % len(kinds)]
            code = f"{SERIES[(n + 2 * j) % len(SERIES)]}{100 + rng.randrange(900)}"
            name_kk = f"{kind[2]} {code}"
            name_ru, name_en = f"{kind[1]} {code}", f"{kind[0]} {code}"
            item = {
                "id": item_id,
                "member_id": member_id,
                "name": name_kk,
                "name_kk": name_kk,
                "name_ru": name_ru,
                "name_en": name_en,
                "name_sort_key": sort_key(name_kk),
                "name_sort_key_ru": sort_key(name_ru, "ru"),
                "name_sort_key_en": sort_key(name_en, "en"),
                "category": category.value,
                "model": f"{member['slug'][:3].upper()}-{code}",
                **_descriptions(kind, member["company_name"]),
                "image": "",
                "created_at": now,
                "updated_at": now,
            }
            # The catalogue's search column (directory migration 0012), as `Equipment.save` fills it.
            item["search_text"] = searched_text(*(item[name] for name in ITEM_SEARCHED_FIELDS))
            items.append(item)
            for spec_field in vocabulary.get(category.value, []):
                columns = spec_field.parse(_value(spec_field.key, category, rng.randrange(12)))
                specifications.append(
                    {
                        "equipment_id": item_id,
                        "field_id": spec_field.pk,
                        "number": columns["number"],
                        "flag": columns["flag"],
                        "choice_id": columns["choice"].pk if columns["choice"] else None,
                        "text": columns["text"],
                        "text_kk": columns["text_kk"],
                        "text_ru": columns["text_ru"],
                        "text_en": columns["text_en"],
                    }
                )
    return items, specifications


def _member_purposes(member: dict) -> list:
    """Each membership's consents: processing of the application, and publication when listed."""
    from privacy.models import ConsentPurpose

    purposes = [ConsentPurpose.ACCREDITATION_PROCESSING]
    if member["is_published"]:
        purposes.append(ConsentPurpose.DIRECTORY_PUBLICATION)
    return purposes


def _extra_tables(members, ids, policy_id, rng):
    """One enquiry per member with a consent and two messages (the visitor's, with technical data, and staff's
    answer), received over the last two months."""
    from django.utils import timezone

    from privacy.models import ConsentPurpose

    now = timezone.now()
    consents, enquiries, messages = [], [], []
    first_consent = _next_id("privacy.ConsentRecord")
    for n, member in enumerate(members):
        received = now - datetime.timedelta(minutes=rng.randrange(60 * 24 * 60))
        consent_id = first_consent + n
        consents.append(
            _consent(member["email"], ConsentPurpose.ENQUIRY_PROCESSING, policy_id, received)
            | {"id": consent_id, "source": "enquiries:contact"}
        )
        enquiries.append(
            _enquiry(n + 1, member["contact_person"], member["email"], received, consent_id)
            | {"company": member["company_name"]}
        )
        messages += _thread(n + 1, received)
    return [
        ("privacy.ConsentRecord", consents),
        ("enquiries.Enquiry", enquiries),
        ("enquiries.EnquiryMessage", messages),
    ]


def _consent(email, purpose, policy_id, given_at) -> dict:
    return {
        "email": email,
        "purpose": purpose.value,
        "policy_version_id": policy_id,
        "wording": f"I agree: {purpose.label}",
        "language": "en",
        "given_at": given_at,
        "client_ip": "192.0.2.10",
        "user_agent": "Mozilla/5.0 (bench)",
        "source": "accreditation:apply",
        "source_object": "",
        "withdrawn_at": None,
    }


def _enquiry(pk, name, email, received, consent_id) -> dict:
    return {
        "id": pk,
        "name": name,
        "email": email,
        "company": "",
        "message": "We would like to rent a GPU server for three months. What are the terms?",
        "language": "en",
        "status": "answered",
        "created_at": received,
        "last_contact_at": received + datetime.timedelta(hours=3),
        "waiting_since": None,
        "closed_at": None,
        "processing_stopped_at": None,
        "anonymised_at": None,
        "consent_id": consent_id,
    }


def _thread(enquiry_id, received, technical=True) -> list[dict]:
    return [
        {
            "enquiry_id": enquiry_id,
            "direction": "in",
            "body": "We would like to rent a GPU server for three months. What are the terms?",
            "author_id": None,
            "sent_at": received,
            "client_ip": "203.0.113.7" if technical else None,
            "user_agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0" if technical else "",
            "referrer": "https://digitalkazakhstan.org/en/contact/" if technical else "",
        },
        {
            "enquiry_id": enquiry_id,
            "direction": "out",
            "body": "Thank you for your enquiry: the member will send you its terms this week.",
            "author_id": None,
            "sent_at": received + datetime.timedelta(hours=3),
            "client_ip": None,
            "user_agent": "",
            "referrer": "",
        },
    ]


def _next_id(label: str) -> int:
    """The id the next row of that table gets when written with explicit ids (after what is there)."""
    from django.apps import apps
    from django.db.models import Max

    return (apps.get_model(label).objects.aggregate(last=Max("pk"))["last"] or 0) + 1


_COPIED: set[str] = set()


def _copy(label: str, rows) -> None:
    """COPY rows (dicts keyed by field attname, a list or a generator) into the model's table, in one
    transaction, BATCH_ROWS per COPY statement."""
    from django.apps import apps
    from django.db import connection, transaction

    rows = iter(rows)
    first = next(rows, None)
    if first is None:
        return
    model = apps.get_model(label)
    _COPIED.add(label)
    names = list(first)
    # Columns the rows do not mention get the model's default, as save() would give them: a field added to a
    # model later (the profile's address, say) does not stop the seeding.
    defaults = {
        field.attname: field.get_default()
        for field in model._meta.concrete_fields
        if field.attname not in names and not field.primary_key and not field.null
    }
    names += list(defaults)
    first = first | defaults
    rows = (row | defaults for row in rows)
    columns = ", ".join(connection.ops.quote_name(model._meta.get_field(n).column) for n in names)
    table = connection.ops.quote_name(model._meta.db_table)
    pending = itertools.chain([first], rows)
    connection.ensure_connection()
    with transaction.atomic(), connection.connection.cursor() as cursor:
        while batch := list(itertools.islice(pending, BATCH_ROWS)):
            with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in batch:
                    copy.write_row([row[n] for n in names])


def _ids(label: str) -> list[int]:
    from django.apps import apps

    return list(apps.get_model(label).objects.order_by("pk").values_list("pk", flat=True))


def _reset_sequences() -> None:
    """Rows were written with explicit ids: move every id sequence past them."""
    from django.apps import apps
    from django.core.management.color import no_style
    from django.db import connection

    statements = connection.ops.sequence_reset_sql(
        no_style(), [apps.get_model(label) for label in _COPIED]
    )
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


# --- URLs ------------------------------------------------------------------------------------------------------


def urls_for(config: dict, size: int) -> list[tuple[str, str]]:
    """The URLs the issue names, with a member and items picked from the seeded data."""
    _django(config)
    from django.db import connection

    from directory.models import Equipment, listed_memberships

    listed = listed_memberships().order_by("pk")
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
        ("profile", f"/en/members/{member.profile.slug}/"),
        ("equipment", "/en/equipment/"),
        ("compare 4", f"/en/equipment/compare/?items={','.join(map(str, items))}"),
        ("static css", _static_url(config, "css/site.css")),
    ]


def varied_url_lists(config: dict, size: int) -> dict[str, list[str]]:
    """Each kind's list of URLs for the varied-traffic runs (bench/traffic.py), from the seeded rows."""
    _django(config)
    from django.db import connection

    from bench.traffic import url_lists
    from directory.models import Equipment, listed_memberships

    members = list(listed_memberships().order_by("pk").values_list("profile__slug", "bin"))
    items = list(Equipment.objects.listed().order_by("pk").values_list("pk", flat=True))
    connection.close()
    return url_lists(size, members, items)


def sample_urls() -> list[tuple[str, str]]:
    """One URL of each kind of page, from the database Django is set up with (for `bench.profile`)."""
    from directory.models import Equipment, listed_memberships

    listed = listed_memberships().order_by("pk")
    member = listed[listed.count() // 2]
    items = list(Equipment.objects.listed().order_by("pk").values_list("pk", flat=True)[1000:1004])
    return [
        ("home", "/en/"),
        ("members", "/en/members/"),
        ("search", f"/en/members/?q={SEARCH_WORD}"),
        ("filters", "/en/members/?q=&region=KZ-71&category=drones&sort=name&page=2"),
        ("profile", f"/en/members/{member.profile.slug}/"),
        ("catalogue", "/en/equipment/?category=servers&page=3"),
        ("item", f"/en/equipment/{items[0]}/"),
        ("comparison", f"/en/equipment/compare/?items={','.join(map(str, items))}"),
    ]


def _static_url(config: dict, name: str) -> str:
    """The content-hashed name collectstatic gave the file (from whitenoise's manifest)."""
    manifest = json.loads((Path(config["static_root"]) / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"][name]


# --- timed jobs ------------------------------------------------------------------------------------------------


RETENTION_ROWS = 1_000_000
RETENTION_THREADS = 10_000  # old enquiries holding the expired messages, 100 each
EXPORT_ENQUIRIES = 100
EXPORT_APPLICATIONS = 10


def timed_jobs(config: dict) -> dict:
    """`apply_retention` on 1,000,000 expired technical-data rows while the site is probed, and an access
    export for a subject with 100 enquiries and 10 applications."""
    _django(config)
    log("\n== timed jobs")
    results = {"retention": _time_retention(config), "access_export": _time_access_export()}
    from django.db import connection

    connection.close()
    return results


def _time_retention(config: dict) -> dict:
    from django.db import connection
    from django.utils import timezone

    from bench.runner import manage, start_server, stop_server
    from privacy.registry import retention_rules

    (technical,) = [rule for rule in retention_rules() if rule.name == "enquiries.technical_data"]

    now = timezone.now()
    first = _next_id("enquiries.Enquiry")
    per_thread = RETENTION_ROWS // RETENTION_THREADS
    started = time.monotonic()
    enquiries = [
        _enquiry(first + n, "Old enquirer", f"old{n}@example.kz", _old(now, n), None)
        | {"last_contact_at": now - datetime.timedelta(days=30)}
        for n in range(RETENTION_THREADS)
    ]
    messages = (
        _thread(first + n, _old(now, n) + datetime.timedelta(minutes=k))[0] | {"body": "…"}
        for n in range(RETENTION_THREADS)
        for k in range(per_thread)
    )
    _copy("enquiries.Enquiry", enquiries)
    _copy("enquiries.EnquiryMessage", messages)
    _reset_sequences()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    expired = technical.expired_at(timezone.now()).count()
    connection.close()
    log(f"   {expired} expired technical-data rows seeded in {time.monotonic() - started:.0f} s")

    server = start_server(config)
    probe = _Probe()
    try:
        probe.start()
        started = time.monotonic()
        output = manage(config, "apply_retention")
        seconds = time.monotonic() - started
        probe.stop()
    finally:
        probe.stop()
        stop_server(server)
    left = technical.expired_at(timezone.now()).count()
    connection.close()
    figures = {"rows": expired, "seconds": round(seconds, 1), "left": left, **probe.figures()}
    log(
        f"   apply_retention: {expired} rows in {seconds:.1f} s (target <= 60 s), {left} left; "
        f"site probed {figures['probes']} times during it: {figures['failed']} failed, "
        f"p50 {figures['p50_ms']} ms, max {figures['max_ms']} ms"
    )
    log("   " + " | ".join(line.strip() for line in output.splitlines() if line.strip()))
    return figures


def _old(now, n: int):
    """Between 100 and 400 days ago: past the 90 days of technical data, within 3 years of correspondence."""
    return now - datetime.timedelta(days=400 - n % 300)


class _Probe:
    """Asks the site for an uncached directory page and /healthz, one after the other, until stopped."""

    URLS = ("/healthz", "/en/members/?region=KZ-11&probe=1")

    def __init__(self):
        self.latencies: list[float] = []
        self.failed = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self):
        self._thread.start()

    def stop(self):
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=15)

    def _run(self):
        from bench.runner import PORT, fetch

        n = 0
        while not self._stop.is_set():
            url = f"http://127.0.0.1:{PORT}{self.URLS[n % len(self.URLS)]}"
            n += 1
            started = time.monotonic()
            try:
                status, _queries, _body = fetch(url)
            except OSError:
                status = 0
            self.latencies.append((time.monotonic() - started) * 1000)
            if status != 200:
                self.failed += 1
            self._stop.wait(0.1)

    def figures(self) -> dict:
        ordered = sorted(self.latencies) or [0.0]
        return {
            "probes": len(self.latencies),
            "failed": self.failed,
            "p50_ms": round(ordered[len(ordered) // 2], 1),
            "max_ms": round(ordered[-1], 1),
        }


def _time_access_export() -> dict:
    """A verified access request of a subject with 100 enquiries and 10 applications: the time `send_copy`
    takes to build, store and mail the package."""
    from django.apps import apps
    from django.db import connection
    from django.utils import timezone

    from privacy.models import ConsentPurpose
    from privacy.subject_requests.services import send_copy

    email = "subject@bench.example.kz"
    now = timezone.now()
    policy_id = _policy_version_id()
    first_consent, first_enquiry = _next_id("privacy.ConsentRecord"), _next_id("enquiries.Enquiry")
    consents, enquiries, messages = [], [], []
    for n in range(EXPORT_ENQUIRIES):
        received = now - datetime.timedelta(days=n)
        consents.append(
            _consent(email, ConsentPurpose.ENQUIRY_PROCESSING, policy_id, received)
            | {"id": first_consent + n}
        )
        enquiries.append(
            _enquiry(first_enquiry + n, "Dana Omarova", email, received, first_consent + n)
        )
        messages += _thread(first_enquiry + n, received)
    _copy("privacy.ConsentRecord", consents)
    _copy("enquiries.Enquiry", enquiries)
    _copy("enquiries.EnquiryMessage", messages)
    applications = _seed_applications(email)
    _reset_sequences()
    request = apps.get_model("privacy.DataSubjectRequest").objects.create(
        email=email, request_type="access", language="en", state="open", verified_at=now
    )
    started = time.monotonic()
    send_copy(subject_request=request)
    seconds = time.monotonic() - started
    connection.close()
    log(
        f"   access export: {EXPORT_ENQUIRIES} enquiries, {applications} applications "
        f"in {seconds:.3f} s (target < 0.5 s)"
    )
    return {
        "enquiries": EXPORT_ENQUIRIES,
        "applications": applications,
        "seconds": round(seconds, 3),
    }


def _seed_applications(email: str) -> int:
    """The subject's applications: one per company it applied for (saved through the model, for its reference)."""
    from accreditation.models import Application

    for n in range(EXPORT_APPLICATIONS):
        Application.objects.create(
            bin=_bin(900_000 + n),
            company_name=f"Omarova Digital {n + 1}",
            region="KZ-71",
            contact_person="Dana Omarova",
            email=email,
            phone="+7 701 555 00 00",
            description="Cloud hosting and data-centre services for businesses.",
            language="en",
            decision_reason="",
            user_agent="Mozilla/5.0 (bench)",
            referrer="",
        )
    return EXPORT_APPLICATIONS

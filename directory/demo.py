"""Demo members and equipment for `make run`: enough that paging, filtering and comparing are real.

66 listed members across all 20 regions (descriptions in Kazakh, Russian and English; some Kazakh company names)
and about 170 items in eight categories whose specifications overlap, plus two members that are not listed
(no publication consent; ended early) to show the listing rules. Idempotent: members by BIN, items by
member and name, specification rows by position.
"""

import datetime

from django.utils import timezone

from accreditation.bin import compute_check_digit
from accreditation.models import Membership
from accreditation.regions import Region

from .models import Category, Equipment, MemberProfile, Specification

LISTED_MEMBERS = 66

# (Latin, Kazakh Cyrillic) name stems: some members are registered under their Kazakh name.
STEMS = [
    ("Dala", "Дала"),
    ("Altyn", "Алтын"),
    ("Tengri", "Тәңір"),
    ("Baiterek", "Бәйтерек"),
    ("Saryarqa", "Сарыарқа"),
    ("Alatau", "Алатау"),
    ("Ertis", "Ертіс"),
    ("Zhuldyz", "Жұлдыз"),
    ("Kokshe", "Көкше"),
    ("Aqjol", "Ақжол"),
    ("Turan", "Тұран"),
    ("Shugyla", "Шұғыла"),
    ("Bereke", "Береке"),
    ("Oral", "Орал"),
    ("Ulan", "Ұлан"),
    ("Qyran", "Қыран"),
    ("Orken", "Өркен"),
    ("Nomad", "Көшпелі"),
    ("Tulpar", "Тұлпар"),
    ("Samal", "Самал"),
    ("Arman", "Арман"),
    ("Kunes", "Күнес"),
]

# What a member does: name suffix (Latin, Kazakh), descriptions, and the categories of its equipment.
SPECIALITIES = [
    {
        "suffix": ("Cloud", "Бұлт"),
        "en": "Cloud hosting and data-centre services for businesses and public bodies.",
        "ru": "Облачный хостинг и услуги центров обработки данных для бизнеса и госорганов.",
        "kk": "Бизнес пен мемлекеттік органдарға арналған бұлтты хостинг және деректер орталығы қызметтері.",
        "categories": [Category.SERVERS, Category.STORAGE, Category.NETWORK],
    },
    {
        "suffix": ("Networks", "Желілері"),
        "en": "Telecommunications integrator: office and campus networks, fibre and Wi-Fi.",
        "ru": "Телекоммуникационный интегратор: офисные и кампусные сети, оптика и Wi-Fi.",
        "kk": "Телекоммуникациялық интегратор: кеңсе және кампус желілері, оптика және Wi-Fi.",
        "categories": [Category.NETWORK, Category.MEASUREMENT],
    },
    {
        "suffix": ("Systems", "Жүйелері"),
        "en": "Supplier of workstations, laptops and servers with service across the country.",
        "ru": "Поставщик рабочих станций, ноутбуков и серверов с сервисом по всей стране.",
        "kk": "Жұмыс станцияларын, ноутбуктер мен серверлерді жеткізуші, бүкіл елде қызмет көрсетеді.",
        "categories": [Category.WORKSTATIONS, Category.SERVERS],
    },
    {
        "suffix": ("Print Lab", "Баспа зертханасы"),
        "en": "Additive manufacturing and rapid prototyping for industry and universities.",
        "ru": "Аддитивное производство и быстрое прототипирование для промышленности и вузов.",
        "kk": "Өнеркәсіп пен университеттерге арналған аддитивті өндіріс және жылдам прототиптеу.",
        "categories": [Category.PRINTERS_3D, Category.WORKSTATIONS],
    },
    {
        "suffix": ("Metrology", "Метрология"),
        "en": "Accredited test and measurement laboratory for electronics and telecom.",
        "ru": "Аккредитованная лаборатория испытаний и измерений для электроники и связи.",
        "kk": "Электроника мен байланысқа арналған аккредиттелген сынақ және өлшеу зертханасы.",
        "categories": [Category.MEASUREMENT],
    },
    {
        "suffix": ("Aero", "Әуе"),
        "en": "Aerial survey, mapping and inspection of power lines and pipelines with drones.",
        "ru": "Аэросъёмка, картография и инспекция ЛЭП и трубопроводов с помощью дронов.",
        "kk": "Дрондар арқылы аэротүсірілім, картография және электр желілері мен құбырларды тексеру.",
        "categories": [Category.DRONES, Category.IOT],
    },
    {
        "suffix": ("Smart City", "Ақылды қала"),
        "en": "Sensors and gateways for smart cities: air quality, metering and lighting.",
        "ru": "Датчики и шлюзы для умных городов: качество воздуха, учёт и освещение.",
        "kk": "Ақылды қалаларға арналған датчиктер мен шлюздер: ауа сапасы, есепке алу және жарықтандыру.",
        "categories": [Category.IOT, Category.NETWORK],
    },
    {
        "suffix": ("Data", "Деректер"),
        "en": "Storage, backup and archiving of business data, with on-site support.",
        "ru": "Хранение, резервное копирование и архивирование данных с поддержкой на месте.",
        "kk": "Деректерді сақтау, сақтық көшірме жасау және мұрағаттау, орнында қолдау көрсетіледі.",
        "categories": [Category.STORAGE, Category.SERVERS],
    },
]

# Item kinds per category and the specification names they share (overlapping across items and categories).
CATALOGUE = {
    Category.SERVERS: (
        ["Rack server", "GPU server", "Edge server"],
        ["Processor", "Cores", "Memory", "Storage", "Network ports", "Power supply", "Form factor"],
    ),
    Category.STORAGE: (
        ["NAS", "SAN array", "Backup appliance"],
        ["Capacity", "Drive bays", "RAID levels", "Network ports", "Power supply", "Form factor"],
    ),
    Category.NETWORK: (
        ["Core switch", "Access switch", "Wi-Fi access point", "Edge router"],
        ["Ports", "Port speed", "Throughput", "PoE budget", "Power supply", "Form factor"],
    ),
    Category.WORKSTATIONS: (
        ["Engineering workstation", "Rugged laptop", "Thin client"],
        ["Processor", "Cores", "Memory", "Storage", "Display", "Weight"],
    ),
    Category.PRINTERS_3D: (
        ["FDM printer", "Resin printer", "SLS printer"],
        ["Build volume", "Layer height", "Materials", "Power supply", "Weight"],
    ),
    Category.MEASUREMENT: (
        ["Oscilloscope", "Spectrum analyser", "Fibre tester"],
        ["Bandwidth", "Channels", "Sample rate", "Display", "Weight"],
    ),
    Category.DRONES: (
        ["Survey drone", "Inspection drone"],
        ["Flight time", "Range", "Camera", "Weight", "Operating temperature"],
    ),
    Category.IOT: (
        ["Air quality sensor", "Smart meter gateway", "LoRaWAN gateway"],
        ["Connectivity", "Battery life", "Range", "Operating temperature", "Ingress protection"],
    ),
}

VALUES = {
    "Processor": [
        "Intel Xeon Silver 4410Y",
        "AMD EPYC 9124",
        "Intel Core i7-14700",
        "AMD Ryzen 9 7950X",
    ],
    "Cores": ["8", "12", "16", "20", "32"],
    "Memory": ["32 GB", "64 GB", "128 GB", "256 GB"],
    "Storage": ["1 TB NVMe", "2 TB NVMe", "4 × 1.92 TB SSD", "8 × 4 TB HDD"],
    "Network ports": ["2 × 10 GbE", "4 × 1 GbE", "2 × 25 GbE"],
    "Power supply": [
        "2 × 800 W redundant",
        "550 W",
        "2 × 1600 W redundant",
        "65 W adapter",
        "220 V AC",
    ],
    "Form factor": ["1U rack", "2U rack", "Tower", "Desktop"],
    "Capacity": ["48 TB", "96 TB", "192 TB", "24 TB"],
    "Drive bays": ["4", "8", "12", "24"],
    "RAID levels": ["0, 1, 5, 6, 10", "1, 5, 6", "0, 1, 10"],
    "Ports": ["8", "24", "48", "2"],
    "Port speed": ["1 Gbit/s", "10 Gbit/s", "2.5 Gbit/s"],
    "Throughput": ["100 Gbit/s", "176 Gbit/s", "2.4 Gbit/s", "960 Gbit/s"],
    "PoE budget": ["none", "370 W", "740 W"],
    "Display": ['15.6" FHD', '27" 4K', '14" FHD', '10.1" touch', '7" colour'],
    "Weight": ["1.4 kg", "2.3 kg", "3.9 kg", "12 kg", "45 kg", "0.9 kg"],
    "Build volume": ["220 × 220 × 250 mm", "300 × 300 × 400 mm", "145 × 80 × 165 mm"],
    "Layer height": ["0.05 mm", "0.1 mm", "0.025 mm"],
    "Materials": ["PLA, PETG, ABS", "Standard and tough resin", "PA12 nylon"],
    "Bandwidth": ["200 MHz", "1 GHz", "3 GHz", "500 MHz"],
    "Channels": ["2", "4", "8"],
    "Sample rate": ["1 GSa/s", "5 GSa/s", "10 GSa/s"],
    "Flight time": ["38 min", "45 min", "55 min"],
    "Range": ["8 km", "15 km", "2 km", "10 km"],
    "Camera": ["45 MP RGB", "640 × 512 thermal + 48 MP", "20 MP RGB"],
    "Operating temperature": ["−20 … +50 °C", "−40 … +60 °C", "−10 … +40 °C"],
    "Connectivity": ["LoRaWAN", "NB-IoT", "LTE-M", "Wi-Fi + LoRaWAN"],
    "Battery life": ["5 years", "3 years", "mains powered"],
    "Ingress protection": ["IP65", "IP67", "IP54"],
}

SERIES = ["S", "X", "Pro", "M", "E"]


def _bin_for(n: int) -> str:
    """A valid BIN (check digit included) unique to demo member n: resident legal entity, head office."""
    year, month, serial = 5 + n % 18, 1 + n % 12, 70_000 + n
    while True:
        first11 = f"{year:02d}{month:02d}40{serial:05d}"
        digit = compute_check_digit(first11)
        if digit is not None:
            return first11 + str(digit)
        serial += 500


def _member_fields(n: int, today: datetime.date) -> tuple[dict, dict]:
    """The membership's fields and its public profile's."""
    stem_latin, stem_kazakh = STEMS[n % len(STEMS)]
    speciality = SPECIALITIES[n % len(SPECIALITIES)]
    suffix_latin, suffix_kazakh = speciality["suffix"]
    kazakh_name = n % 3 == 1
    name = f"{stem_kazakh} {suffix_kazakh}" if kazakh_name else f"{stem_latin} {suffix_latin}"
    domain = f"{stem_latin}-{suffix_latin}".lower().replace(" ", "-")
    founded = 2005 + n % 18
    regions = list(Region)
    return {
        "company_name": name,
        "region": regions[n % len(regions)].value,
        "contact_person": "Demo contact",
        "email": f"office@{domain}.example.kz",
        "phone": f"+7 7{n % 10}1 555 {n:02d} {n % 7:02d}",
        "starts_on": today - datetime.timedelta(days=20 + (n * 37) % 1000),
        "ends_on": today + datetime.timedelta(days=60 + (n * 11) % 600),
        "ended_on": None,
    }, {
        "website": f"https://{domain}.example.kz/",
        "public_email": f"info@{domain}.example.kz",
        "public_phone": f"+7 717 255 {n:02d} 00",
        "description_en": "" if n % 10 == 9 else f"{speciality['en']} Founded in {founded}.",
        "description_ru": f"{speciality['ru']} Основана в {founded} году.",
        "description_kk": f"{speciality['kk']} {founded} жылы құрылған.",
        "is_published": True,
    }


def _seed_member(n: int, fields: dict, profile: dict) -> Membership:
    member, _ = Membership.objects.update_or_create(bin=_bin_for(n), defaults=fields)
    MemberProfile.objects.update_or_create(membership=member, defaults=profile)
    return member


def _seed_equipment(member: Membership, n: int) -> int:
    categories = SPECIALITIES[n % len(SPECIALITIES)]["categories"]
    count = 0
    for j in range(2 + n % 2 + (1 if len(categories) > 2 else 0)):
        category = categories[j % len(categories)]
        kinds, spec_names = CATALOGUE[category]
        kind = kinds[(n + j) % len(kinds)]
        series = SERIES[(n + 2 * j) % len(SERIES)]
        number = 100 + (n * 7 + j * 13) % 900
        item, _ = Equipment.objects.update_or_create(
            member=member,
            name=f"{kind} {series}{number}",
            defaults={
                "category": category,
                "model": f"{member.company_name[:3].upper()}-{series}{number}",
                "description": f"{kind} offered by {member.company_name} for rent, shared use or purchase.",
            },
        )
        for order, spec_name in enumerate(spec_names):
            options = VALUES[spec_name]
            Specification.objects.update_or_create(
                equipment=item,
                order=order,
                defaults={"name": spec_name, "value": options[(n + j + order) % len(options)]},
            )
        item.specifications.filter(order__gte=len(spec_names)).delete()
        count += 1
    return count


def seed(stdout):
    today = timezone.localdate()
    items = 0
    for n in range(LISTED_MEMBERS):
        member = _seed_member(n, *_member_fields(n, today))
        items += _seed_equipment(member, n)
    # Two accredited members the directory must not show: no publication consent; ended early.
    for n, changes, profile_changes in (
        (LISTED_MEMBERS, {}, {"is_published": False}),
        (LISTED_MEMBERS + 1, {"ended_on": today - datetime.timedelta(days=3)}, {}),
    ):
        fields, profile = _member_fields(n, today)
        fields = {**fields, **changes, "company_name": f"{fields['company_name']} (unlisted demo)"}
        _seed_member(n, fields, {**profile, **profile_changes})
    stdout.write(f"directory: {LISTED_MEMBERS} listed members, {items} equipment items")

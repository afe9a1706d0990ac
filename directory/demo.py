"""Demo members and equipment for `make run`: enough that paging, filtering and comparing are real.

66 listed members across all 20 regions (descriptions in Kazakh, Russian and English; some Kazakh company names)
and about 170 items in eight categories, named and described in Kazakh, Russian and English, with
specifications from each category's vocabulary (directory/vocabulary.py) so that comparisons line up; plus
two members that are not listed (no publication consent; ended early) to show the listing rules. Idempotent: members by BIN, items by
member and English name, specification rows by field.
"""

import datetime

from django.utils import timezone

from accreditation.bin import compute_check_digit
from accreditation.models import Membership
from accreditation.regions import Region

from .models import (
    Category,
    Equipment,
    MemberProfile,
    Specification,
    SpecificationChoice,
    SpecificationField,
)
from .vocabulary import install

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
        "oked": "J",
    },
    {
        "suffix": ("Networks", "Желілері"),
        "en": "Telecommunications integrator: office and campus networks, fibre and Wi-Fi.",
        "ru": "Телекоммуникационный интегратор: офисные и кампусные сети, оптика и Wi-Fi.",
        "kk": "Телекоммуникациялық интегратор: кеңсе және кампус желілері, оптика және Wi-Fi.",
        "categories": [Category.NETWORK, Category.MEASUREMENT],
        "oked": "JF",
    },
    {
        "suffix": ("Systems", "Жүйелері"),
        "en": "Supplier of workstations, laptops and servers with service across the country.",
        "ru": "Поставщик рабочих станций, ноутбуков и серверов с сервисом по всей стране.",
        "kk": "Жұмыс станцияларын, ноутбуктер мен серверлерді жеткізуші, бүкіл елде қызмет көрсетеді.",
        "categories": [Category.WORKSTATIONS, Category.SERVERS],
        "oked": "GJS",
    },
    {
        "suffix": ("Print Lab", "Баспа зертханасы"),
        "en": "Additive manufacturing and rapid prototyping for industry and universities.",
        "ru": "Аддитивное производство и быстрое прототипирование для промышленности и вузов.",
        "kk": "Өнеркәсіп пен университеттерге арналған аддитивті өндіріс және жылдам прототиптеу.",
        "categories": [Category.PRINTERS_3D, Category.WORKSTATIONS],
        "oked": "CM",
    },
    {
        "suffix": ("Metrology", "Метрология"),
        "en": "Accredited test and measurement laboratory for electronics and telecom.",
        "ru": "Аккредитованная лаборатория испытаний и измерений для электроники и связи.",
        "kk": "Электроника мен байланысқа арналған аккредиттелген сынақ және өлшеу зертханасы.",
        "categories": [Category.MEASUREMENT],
        "oked": "M",
    },
    {
        "suffix": ("Aero", "Әуе"),
        "en": "Aerial survey, mapping and inspection of power lines and pipelines with drones.",
        "ru": "Аэросъёмка, картография и инспекция ЛЭП и трубопроводов с помощью дронов.",
        "kk": "Дрондар арқылы аэротүсірілім, картография және электр желілері мен құбырларды тексеру.",
        "categories": [Category.DRONES, Category.IOT],
        "oked": "HMA",
    },
    {
        "suffix": ("Smart City", "Ақылды қала"),
        "en": "Sensors and gateways for smart cities: air quality, metering and lighting.",
        "ru": "Датчики и шлюзы для умных городов: качество воздуха, учёт и освещение.",
        "kk": "Ақылды қалаларға арналған датчиктер мен шлюздер: ауа сапасы, есепке алу және жарықтандыру.",
        "categories": [Category.IOT, Category.NETWORK],
        "oked": "JF",
    },
    {
        "suffix": ("Data", "Деректер"),
        "en": "Storage, backup and archiving of business data, with on-site support.",
        "ru": "Хранение, резервное копирование и архивирование данных с поддержкой на месте.",
        "kk": "Деректерді сақтау, сақтық көшірме жасау және мұрағаттау, орнында қолдау көрсетіледі.",
        "categories": [Category.STORAGE, Category.SERVERS],
        "oked": "JK",
    },
]

# Item kinds per category, named in (English, Russian, Kazakh).
CATALOGUE = {
    Category.SERVERS: [
        ("Rack server", "Стоечный сервер", "Стойкалық сервер"),
        ("GPU server", "GPU-сервер", "GPU сервері"),
        ("Edge server", "Граничный сервер", "Шеткі сервер"),
    ],
    Category.STORAGE: [
        ("NAS", "Сетевое хранилище NAS", "NAS желілік қоймасы"),
        ("SAN array", "Массив хранения SAN", "SAN сақтау массиві"),
        ("Backup appliance", "Система резервного копирования", "Сақтық көшірме жасау жүйесі"),
    ],
    Category.NETWORK: [
        ("Core switch", "Коммутатор ядра сети", "Желі ядросының коммутаторы"),
        ("Access switch", "Коммутатор доступа", "Қолжетімділік коммутаторы"),
        ("Wi-Fi access point", "Точка доступа Wi-Fi", "Wi-Fi кіру нүктесі"),
        ("Edge router", "Пограничный маршрутизатор", "Шекаралық маршрутизатор"),
    ],
    Category.WORKSTATIONS: [
        ("Engineering workstation", "Инженерная рабочая станция", "Инженерлік жұмыс станциясы"),
        ("Rugged laptop", "Защищённый ноутбук", "Қорғалған ноутбук"),
        ("Thin client", "Тонкий клиент", "Жұқа клиент"),
    ],
    Category.PRINTERS_3D: [
        ("FDM printer", "FDM-принтер", "FDM принтері"),
        ("Resin printer", "Фотополимерный принтер", "Фотополимерлі принтер"),
        ("SLS printer", "SLS-принтер", "SLS принтері"),
    ],
    Category.MEASUREMENT: [
        ("Oscilloscope", "Осциллограф", "Осциллограф"),
        ("Spectrum analyser", "Анализатор спектра", "Спектр анализаторы"),
        ("Fibre tester", "Оптический тестер", "Оптикалық тестер"),
    ],
    Category.DRONES: [
        ("Survey drone", "Дрон для аэросъёмки", "Аэротүсірілім дроны"),
        ("Inspection drone", "Инспекционный дрон", "Тексеру дроны"),
    ],
    Category.IOT: [
        ("Air quality sensor", "Датчик качества воздуха", "Ауа сапасының датчигі"),
        ("Smart meter gateway", "Шлюз умных счётчиков", "Ақылды есептегіштер шлюзі"),
        ("LoRaWAN gateway", "Шлюз LoRaWAN", "LoRaWAN шлюзі"),
    ],
}

# Values per specification key (directory/vocabulary.py): numbers in the field's unit, True/False, a choice's
# key, text (the same in every language) or texts per language. Some are per category where the same field means different things (a laptop's weight).
VALUES = {
    "processor": [
        "Intel Xeon Silver 4410Y",
        "AMD EPYC 9124",
        "Intel Core i7-14700",
        "AMD Ryzen 9 7950X",
    ],
    "cores": [8, 12, 16, 20, 32],
    "memory": [32, 64, 128, 256],
    "storage": [1, 2, 7.68, 32],
    "drive-type": ["nvme", "ssd", "hdd"],
    "network-ports": [2, 4],
    "port-speed": [1, 10, 2.5, 25],
    "power": [550, 800, 1600],
    "redundant-power": [True, False],
    "form-factor": {
        Category.SERVERS: ["rack-1u", "rack-2u", "tower"],
        Category.STORAGE: ["rack-2u", "desktop", "tower"],
        Category.NETWORK: ["rack-1u", "desktop", "wall"],
    },
    "capacity": [48, 96, 192, 24],
    "drive-bays": [4, 8, 12, 24],
    "raid": ["0, 1, 5, 6, 10", "1, 5, 6", "0, 1, 10"],
    "ports": [8, 24, 48],
    "throughput": [176, 960, 100, 2.4],
    "poe": [True, False],
    "poe-budget": [370, 740],
    "display": {Category.WORKSTATIONS: [14, 15.6, 27], Category.MEASUREMENT: [7, 10.1]},
    "weight": {
        Category.WORKSTATIONS: [1.4, 2.3, 3.9],
        Category.PRINTERS_3D: [12, 45, 28],
        Category.MEASUREMENT: [3.9, 6.5, 1.2],
        Category.DRONES: [0.9, 6.3, 3.7],
    },
    "technology": ["fdm", "sla", "sls"],
    "build-volume": [12.1, 36, 1.9],
    "layer-height": [0.1, 0.05, 0.025],
    "materials": ["PLA, PETG, ABS", "PA12", "PLA, TPU"],
    "bandwidth": [200, 1000, 3000, 500],
    "channels": [2, 4, 8],
    "sample-rate": [1, 5, 10],
    "flight-time": [38, 45, 55],
    "range": {Category.DRONES: [8, 15, 10], Category.IOT: [2, 10, 15]},
    "camera": [45, 48, 20],
    "thermal-camera": [False, True],
    "min-temperature": [-20, -40, -10],
    "max-temperature": [50, 60, 40],
    "connectivity": ["lorawan", "nb-iot", "lte-m", "wifi-lorawan"],
    "battery-life": [5, 3],
    "mains-powered": [False, True],
    "ingress-protection": ["ip65", "ip67", "ip54"],
    # A text value in words, written in each language.
    "in-the-box": {
        Category.DRONES: [
            {
                "kk": "Басқару пульті, 3\u00a0аккумулятор, зарядтағыш, кейс",
                "ru": "Пульт управления, 3\u00a0аккумулятора, зарядное устройство, кейс",
                "en": "Remote controller, 3\u00a0batteries, charger, case",
            },
            {
                "kk": "Басқару пульті, 2\u00a0аккумулятор, қосалқы пропеллерлер",
                "ru": "Пульт управления, 2\u00a0аккумулятора, запасные пропеллеры",
                "en": "Remote controller, 2\u00a0batteries, spare propellers",
            },
        ],
        Category.PRINTERS_3D: [
            {
                "kk": "Басып шығару үстелі, 1\u00a0кг PLA жібі, құралдар жиынтығы",
                "ru": "Печатный стол, 1\u00a0кг нити PLA, набор инструментов",
                "en": "Build plate, 1\u00a0kg of PLA filament, tool kit",
            },
            {
                "kk": "Жуу және қатыру станциясы, 1\u00a0л шайыр",
                "ru": "Станция промывки и засветки, 1\u00a0л смолы",
                "en": "Wash and cure station, 1\u00a0L of resin",
            },
        ],
        Category.MEASUREMENT: [
            {
                "kk": "4\u00a0зонд, қуат кабелі, USB кабелі",
                "ru": "4\u00a0щупа, кабель питания, USB-кабель",
                "en": "4\u00a0probes, power cable, USB cable",
            },
            {
                "kk": "Калибрлеу сертификаты, тасымалдауға арналған сөмке",
                "ru": "Сертификат о калибровке, сумка для переноски",
                "en": "Calibration certificate, carrying bag",
            },
        ],
    },
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


# Each region's administrative centre, and streets, for the members' public addresses.
CENTRES = {
    "KZ-10": "Семей",
    "KZ-11": "Кокшетау",
    "KZ-15": "Актобе",
    "KZ-19": "Конаев",
    "KZ-23": "Атырау",
    "KZ-27": "Уральск",
    "KZ-31": "Тараз",
    "KZ-33": "Талдыкорган",
    "KZ-35": "Караганда",
    "KZ-39": "Костанай",
    "KZ-43": "Кызылорда",
    "KZ-47": "Актау",
    "KZ-55": "Павлодар",
    "KZ-59": "Петропавловск",
    "KZ-61": "Туркестан",
    "KZ-62": "Жезказган",
    "KZ-63": "Усть-Каменогорск",
    "KZ-71": "Астана",
    "KZ-75": "Алматы",
    "KZ-79": "Шымкент",
}
STREETS = ["ул. Абая", "пр. Республики", "ул. Сатпаева", "ул. Кунаева", "пр. Тауелсиздик"]


def _member_fields(n: int, today: datetime.date) -> tuple[dict, dict]:
    """The membership's fields and its public profile's."""
    stem_latin, stem_kazakh = STEMS[n % len(STEMS)]
    speciality = SPECIALITIES[n % len(SPECIALITIES)]
    suffix_latin, suffix_kazakh = speciality["suffix"]
    kazakh_name = n % 3 == 1
    name = f"{stem_kazakh} {suffix_kazakh}" if kazakh_name else f"{stem_latin} {suffix_latin}"
    domain = f"{stem_latin}-{suffix_latin}".lower().replace(" ", "-")
    founded = 2005 + n % 18
    region = list(Region)[n % len(Region)].value
    return {
        "company_name": name,
        "region": region,
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
        "address": f"{CENTRES[region]}, {STREETS[n % len(STREETS)]}, {10 + n}",
        "oked_sections": speciality["oked"],
        "description_en": "" if n % 10 == 9 else f"{speciality['en']} Founded in {founded}.",
        "description_ru": f"{speciality['ru']} Основана в {founded} году.",
        "description_kk": f"{speciality['kk']} {founded} жылы құрылған.",
        "is_published": True,
    }


def _seed_member(n: int, fields: dict, profile: dict) -> Membership:
    member, _ = Membership.objects.update_or_create(bin=_bin_for(n), defaults=fields)
    MemberProfile.objects.update_or_create(membership=member, defaults=profile)
    return member


def _in_sentence(name: str) -> str:
    """A kind of item in the middle of a sentence: "стойкалық сервер", but "GPU сервері"."""
    return name if name[1:2].isupper() or not name[1:2].isalpha() else name[0].lower() + name[1:]


def _descriptions(kind: tuple[str, str, str], company: str) -> dict:
    en, ru, kk = kind
    return {
        "description_en": f"{en} offered by {company} for rent, shared use or purchase.",
        "description_ru": (
            f"{ru} от компании «{company}»: можно взять в аренду, использовать совместно или купить."
        ),
        "description_kk": (
            f"«{company}» компаниясы ұсынатын {_in_sentence(kk)}: жалға алуға, бірлесіп пайдалануға "
            "немесе сатып алуға болады."
        ),
    }


def _value(key: str, category: str, k: int):
    options = VALUES[key]
    if isinstance(options, dict):
        options = options[category]
    return options[k % len(options)]


def _seed_equipment(member: Membership, n: int, vocabulary: dict) -> int:
    categories = SPECIALITIES[n % len(SPECIALITIES)]["categories"]
    count = 0
    for j in range(2 + n % 2 + (1 if len(categories) > 2 else 0)):
        category = categories[j % len(categories)]
        kinds = CATALOGUE[category]
        kind = kinds[(n + j) % len(kinds)]
        series = SERIES[(n + 2 * j) % len(SERIES)]
        number = 100 + (n * 7 + j * 13) % 900
        code = f"{series}{number}"
        item, _ = Equipment.objects.update_or_create(
            member=member,
            name_en=f"{kind[0]} {code}",
            defaults={
                "name_ru": f"{kind[1]} {code}",
                "name_kk": f"{kind[2]} {code}",
                "category": category,
                "model": f"{STEMS[n % len(STEMS)][0][:3].upper()}-{code}",  # Latin, as model codes are
                **_descriptions(kind, member.company_name),
            },
        )
        kept = []
        for order, spec_field in enumerate(vocabulary[category]):
            if (n + j + order) % 7 == 6:
                continue  # not every member gives every value
            if spec_field.key == "poe-budget" and not _value("poe", category, n + j + order - 1):
                continue
            value = _value(spec_field.key, category, n + j + order)
            Specification.objects.update_or_create(
                equipment=item, field=spec_field, defaults=spec_field.parse(value)
            )
            kept.append(spec_field.pk)
        item.specifications.exclude(field__in=kept).delete()
        count += 1
    return count


def _vocabulary() -> dict[str, list[SpecificationField]]:
    """The standard vocabulary (installed by migration 0010; put back if staff removed fields)."""
    install(SpecificationField, SpecificationChoice)
    fields: dict[str, list[SpecificationField]] = {}
    for spec_field in SpecificationField.objects.prefetch_related("choices"):
        if spec_field.key in VALUES:
            fields.setdefault(spec_field.category, []).append(spec_field)
    return fields


def seed(stdout):
    today = timezone.localdate()
    items = 0
    vocabulary = _vocabulary()
    for n in range(LISTED_MEMBERS):
        member = _seed_member(n, *_member_fields(n, today))
        items += _seed_equipment(member, n, vocabulary)
    # Two accredited members the directory must not show: no publication consent; ended early.
    for n, changes, profile_changes in (
        (LISTED_MEMBERS, {}, {"is_published": False}),
        (LISTED_MEMBERS + 1, {"ended_on": today - datetime.timedelta(days=3)}, {}),
    ):
        fields, profile = _member_fields(n, today)
        fields = {**fields, **changes, "company_name": f"{fields['company_name']} (unlisted demo)"}
        _seed_member(n, fields, {**profile, **profile_changes})
    stdout.write(f"directory: {LISTED_MEMBERS} listed members, {items} equipment items")

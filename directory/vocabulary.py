"""The standard specification vocabulary: for each equipment category, the fields its items are described by.

Installed by directory migration 0010 (fields added later by the migration that adds them: 0014) and kept by
`seed_demo` (`install`), then edited by staff in the admin
("Specification fields"). Each field: key, group, type of value, label (kk, ru, en), unit (kk, ru, en), the
choices of a `choice` field, and `aliases`: names the free-text specifications used before the vocabulary,
which the migration reads as this field (labels in any language are recognised too).
"""

from __future__ import annotations

from dataclasses import dataclass, field

GENERAL, PERFORMANCE, CONNECTIVITY, POWER, PHYSICAL, ENVIRONMENT = (
    "general",
    "performance",
    "connectivity",
    "power",
    "physical",
    "environment",
)
NUMBER, BOOLEAN, CHOICE, TEXT = "number", "boolean", "choice", "text"


@dataclass(frozen=True)
class Field:
    key: str
    group: str
    value_type: str
    label: tuple[str, str, str]  # kk, ru, en
    unit: tuple[str, str, str] = ("", "", "")
    choices: tuple[tuple[str, tuple[str, str, str]], ...] = ()
    aliases: tuple[str, ...] = field(default=())


GB = ("ГБ", "ГБ", "GB")
TB = ("ТБ", "ТБ", "TB")
WATT = ("Вт", "Вт", "W")
GBITS = ("Гбит/с", "Гбит/с", "Gbit/s")
KG = ("кг", "кг", "kg")
KM = ("км", "км", "km")
MM = ("мм", "мм", "mm")
INCH = ("дюйм", "дюйм", "in")
CELSIUS = ("°C", "°C", "°C")

PROCESSOR = Field("processor", PERFORMANCE, TEXT, ("Процессор", "Процессор", "Processor"))
CORES = Field(
    "cores",
    PERFORMANCE,
    NUMBER,
    ("Процессор ядроларының саны", "Число ядер процессора", "Processor cores"),
    aliases=("Cores",),
)
MEMORY = Field("memory", PERFORMANCE, NUMBER, ("Жедел жады", "Оперативная память", "Memory"), GB)
STORAGE = Field(
    "storage",
    PERFORMANCE,
    NUMBER,
    ("Жинақтауыштардың көлемі", "Объём накопителей", "Storage"),
    TB,
)
DRIVE_TYPE = Field(
    "drive-type",
    PERFORMANCE,
    CHOICE,
    ("Жинақтауыш түрі", "Тип накопителей", "Drive type"),
    choices=(
        ("nvme", ("NVMe SSD", "NVMe SSD", "NVMe SSD")),
        ("ssd", ("SATA SSD", "SATA SSD", "SATA SSD")),
        ("hdd", ("Қатты магниттік диск (HDD)", "Жёсткий диск (HDD)", "Hard disk (HDD)")),
    ),
)
NETWORK_PORTS = Field(
    "network-ports", CONNECTIVITY, NUMBER, ("Желі порттары", "Сетевые порты", "Network ports")
)
PORT_SPEED = Field(
    "port-speed", CONNECTIVITY, NUMBER, ("Порт жылдамдығы", "Скорость порта", "Port speed"), GBITS
)
POWER_SUPPLY = Field("power", POWER, NUMBER, ("Қуат блогы", "Блок питания", "Power supply"), WATT)
REDUNDANT_POWER = Field(
    "redundant-power",
    POWER,
    BOOLEAN,
    ("Резервтік қуат блогы", "Резервный блок питания", "Redundant power supply"),
)
FORM_FACTOR = Field(
    "form-factor",
    PHYSICAL,
    CHOICE,
    ("Форм-фактор", "Форм-фактор", "Form factor"),
    choices=(
        ("rack-1u", ("Стойкаға орнатылатын, 1U", "Стоечный, 1U", "Rack, 1U")),
        ("rack-2u", ("Стойкаға орнатылатын, 2U", "Стоечный, 2U", "Rack, 2U")),
        ("tower", ("Еденге қойылатын", "Напольный", "Tower")),
        ("desktop", ("Үстелге қойылатын", "Настольный", "Desktop")),
        (
            "wall",
            ("Қабырғаға немесе төбеге орнатылатын", "Настенный или потолочный", "Wall or ceiling"),
        ),
    ),
)
WEIGHT = Field("weight", PHYSICAL, NUMBER, ("Салмағы", "Вес", "Weight"), KG)
DISPLAY = Field(
    "display", GENERAL, NUMBER, ("Экран диагоналі", "Диагональ экрана", "Screen size"), INCH,
    aliases=("Display",),
)  # fmt: skip
RANGE = Field("range", CONNECTIVITY, NUMBER, ("Байланыс қашықтығы", "Дальность связи", "Range"), KM)
MIN_TEMPERATURE = Field(
    "min-temperature",
    ENVIRONMENT,
    NUMBER,
    (
        "Ең төмен жұмыс температурасы",
        "Минимальная рабочая температура",
        "Lowest operating temperature",
    ),
    CELSIUS,
)
MAX_TEMPERATURE = Field(
    "max-temperature",
    ENVIRONMENT,
    NUMBER,
    (
        "Ең жоғары жұмыс температурасы",
        "Максимальная рабочая температура",
        "Highest operating temperature",
    ),
    CELSIUS,
)

# What comes with the item, in words: a text value written in each language.
IN_THE_BOX = Field("in-the-box", GENERAL, TEXT, ("Жинақтамасы", "Комплектация", "In the box"))

STANDARD: dict[str, list[Field]] = {
    "servers": [
        PROCESSOR, CORES, MEMORY, STORAGE, DRIVE_TYPE, NETWORK_PORTS, PORT_SPEED, POWER_SUPPLY,
        REDUNDANT_POWER, FORM_FACTOR,
    ],
    "storage": [
        Field("capacity", PERFORMANCE, NUMBER, ("Сыйымдылығы", "Ёмкость", "Capacity"), TB),
        Field("drive-bays", PERFORMANCE, NUMBER, ("Диск ұяшықтары", "Отсеки для дисков", "Drive bays")),
        Field("raid", PERFORMANCE, TEXT, ("RAID деңгейлері", "Уровни RAID", "RAID levels")),
        NETWORK_PORTS, PORT_SPEED, POWER_SUPPLY, REDUNDANT_POWER, FORM_FACTOR,
    ],
    "network": [
        Field("ports", CONNECTIVITY, NUMBER, ("Порттар саны", "Число портов", "Ports")),
        PORT_SPEED,
        Field(
            "throughput", PERFORMANCE, NUMBER,
            ("Коммутация өнімділігі", "Пропускная способность коммутации", "Switching capacity"), GBITS,
            aliases=("Throughput",),
        ),
        Field("poe", POWER, BOOLEAN, ("PoE қуаттандыру", "Питание по PoE", "Power over Ethernet (PoE)")),
        Field("poe-budget", POWER, NUMBER, ("PoE қуат бюджеті", "Бюджет мощности PoE", "PoE budget"), WATT),
        POWER_SUPPLY, FORM_FACTOR,
    ],
    "workstations": [PROCESSOR, CORES, MEMORY, STORAGE, DRIVE_TYPE, DISPLAY, WEIGHT],
    "3d-printers": [
        Field(
            "technology", GENERAL, CHOICE,
            ("Басып шығару технологиясы", "Технология печати", "Printing technology"),
            choices=(
                ("fdm", ("FDM (пластик жібі)", "FDM (пластиковая нить)", "FDM (plastic filament)")),
                ("sla", ("SLA (фотополимер)", "SLA (фотополимер)", "SLA (resin)")),
                ("sls", ("SLS (ұнтақ)", "SLS (порошок)", "SLS (powder)")),
            ),
        ),
        Field(
            "build-volume", PERFORMANCE, NUMBER,
            ("Басып шығару көлемі", "Объём области печати", "Build volume"), ("л", "л", "L"),
        ),
        Field("layer-height", PERFORMANCE, NUMBER, ("Қабат биіктігі", "Высота слоя", "Layer height"), MM),
        Field("materials", GENERAL, TEXT, ("Материалдар", "Материалы", "Materials")),
        POWER_SUPPLY, WEIGHT, IN_THE_BOX,
    ],
    "measurement": [
        Field(
            "bandwidth", PERFORMANCE, NUMBER, ("Өткізу жолағы", "Полоса пропускания", "Bandwidth"),
            ("МГц", "МГц", "MHz"),
        ),
        Field("channels", PERFORMANCE, NUMBER, ("Арналар саны", "Число каналов", "Channels")),
        Field(
            "sample-rate", PERFORMANCE, NUMBER,
            ("Дискреттеу жиілігі", "Частота дискретизации", "Sample rate"), ("Гвыб/с", "Гвыб/с", "GSa/s"),
        ),
        DISPLAY, WEIGHT, IN_THE_BOX,
    ],
    "drones": [
        Field("flight-time", PERFORMANCE, NUMBER, ("Ұшу уақыты", "Время полёта", "Flight time"),
              ("мин", "мин", "min")),
        RANGE,
        Field("camera", GENERAL, NUMBER, ("Камера ажыратымдылығы", "Разрешение камеры", "Camera resolution"),
              ("Мп", "Мп", "MP"), aliases=("Camera",)),
        Field("thermal-camera", GENERAL, BOOLEAN, ("Жылу камерасы", "Тепловизор", "Thermal camera")),
        WEIGHT, MIN_TEMPERATURE, MAX_TEMPERATURE, IN_THE_BOX,
    ],
    "iot": [
        Field(
            "connectivity", CONNECTIVITY, CHOICE, ("Байланыс түрі", "Тип связи", "Connectivity"),
            choices=(
                ("lorawan", ("LoRaWAN", "LoRaWAN", "LoRaWAN")),
                ("nb-iot", ("NB-IoT", "NB-IoT", "NB-IoT")),
                ("lte-m", ("LTE-M", "LTE-M", "LTE-M")),
                ("wifi-lorawan", ("Wi-Fi және LoRaWAN", "Wi-Fi и LoRaWAN", "Wi-Fi and LoRaWAN")),
            ),
        ),
        Field(
            "battery-life", POWER, NUMBER,
            ("Батареямен жұмыс мерзімі, жыл", "Срок работы от батареи, лет", "Battery life, years"),
            aliases=("Battery life",),
        ),
        Field("mains-powered", POWER, BOOLEAN, ("Желіден қоректенеді", "Питание от сети", "Mains powered")),
        RANGE,
        Field(
            "ingress-protection", ENVIRONMENT, CHOICE,
            ("Қорғаныс дәрежесі", "Степень защиты", "Ingress protection"),
            choices=(("ip54", ("IP54",) * 3), ("ip65", ("IP65",) * 3), ("ip67", ("IP67",) * 3)),
        ),
        MIN_TEMPERATURE, MAX_TEMPERATURE,
    ],
}  # fmt: skip


def install(field_model, choice_model) -> None:
    """Create the standard fields and choices that are missing (by category and key); fields staff edited are
    left as they are. Takes the models so that a migration can pass its historical ones."""
    for category, fields in STANDARD.items():
        for order, entry in enumerate(fields, start=1):
            kk, ru, en = entry.label
            spec_field, _created = field_model.objects.get_or_create(
                category=category,
                key=entry.key,
                defaults={
                    "group": entry.group,
                    "order": order * 10,
                    "value_type": entry.value_type,
                    "label_kk": kk,
                    "label_ru": ru,
                    "label_en": en,
                    "unit_kk": entry.unit[0],
                    "unit_ru": entry.unit[1],
                    "unit_en": entry.unit[2],
                },
            )
            for choice_order, (key, (c_kk, c_ru, c_en)) in enumerate(entry.choices, start=1):
                choice_model.objects.get_or_create(
                    field=spec_field,
                    key=key,
                    defaults={
                        "order": choice_order * 10,
                        "label_kk": c_kk,
                        "label_ru": c_ru,
                        "label_en": c_en,
                    },
                )

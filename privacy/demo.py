"""Demo data: the processors register, an announced material change so that `make run` shows the banner, and
confirmed data-subject requests so that the admin's dashboard and request pages have work in them (one overdue).

Idempotent: natural keys (processor name, version label, a request's address and type); the announced change's
dates follow today so that the banner stays visible whenever the demo is loaded. No email is sent.
"""

import datetime

from django.utils import timezone

from .models import (
    MATERIAL_CHANGE_NOTICE,
    DataSubjectRequest,
    PolicyVersion,
    Processor,
    RequestEvent,
    RequestState,
    RequestType,
)
from .subject_requests.deadlines import deadline_for, is_working_day

ANNOUNCED_LABEL = "demo-announced-change"

PROCESSORS = [
    {
        "name": "Steppe Pay LLP",
        "purpose_kk": "Мүшелік жарналарының төлемдерін қабылдау",
        "purpose_ru": "Приём оплаты членских взносов",
        "purpose_en": "Collecting membership fee payments",
        "data_categories_kk": "Компания атауы, БСН, шот сомасы, төлеушінің электрондық поштасы",
        "data_categories_ru": "Наименование компании, БИН, сумма счёта, электронная почта плательщика",
        "data_categories_en": "Company name, BIN, invoice amount, payer's email address",
        "country_code": "KZ",
        "country_kk": "Қазақстан",
        "country_ru": "Казахстан",
        "country_en": "Kazakhstan",
        "country_is_adequate": True,
        "contract_signed_on": datetime.date(2026, 3, 2),
    },
    {
        "name": "EuroMail Delivery GmbH",
        "purpose_kk": "Сайттың хаттарын жеткізу (өтініштерге жауаптар, шешімдер туралы хабарламалар)",
        "purpose_ru": "Доставка писем сайта (ответы на обращения, уведомления о решениях)",
        "purpose_en": "Delivering the site's emails (replies to enquiries, decision notices)",
        "data_categories_kk": "Алушының электрондық поштасы, аты-жөні, хат мәтіні",
        "data_categories_ru": "Электронная почта получателя, имя, текст письма",
        "data_categories_en": "Recipient's email address, name, message text",
        "country_code": "DE",
        "country_kk": "Германия",
        "country_ru": "Германия",
        "country_en": "Germany",
        "country_is_adequate": True,
        "contract_signed_on": datetime.date(2026, 4, 20),
    },
    {
        "name": "Saryarka Data Centre LLP",
        "purpose_kk": "Сайт пен дербес деректер базасын хостингтеу",
        "purpose_ru": "Хостинг сайта и базы персональных данных",
        "purpose_en": "Hosting the site and the personal-data database",
        "data_categories_kk": "Сайт сақтайтын барлық деректер",
        "data_categories_ru": "Все данные, которые хранит сайт",
        "data_categories_en": "All data the site stores",
        "country_code": "KZ",
        "country_kk": "Қазақстан",
        "country_ru": "Казахстан",
        "country_en": "Kazakhstan",
        "country_is_adequate": True,
        "contract_signed_on": datetime.date(2026, 1, 15),
    },
]

# The demo change names where the processors work (section 4), in each language.
PROCESSORS_LINE = {
    "en": (
        "(payment gateway, email provider, hosting)",
        "(payment gateway in Kazakhstan, email provider in Germany, hosting in Kazakhstan)",
    ),
    "ru": (
        "(платёжный шлюз, почтовый сервис, хостинг)",
        "(платёжный шлюз в Казахстане, почтовый сервис в Германии, хостинг в Казахстане)",
    ),
    "kk": (
        "(төлем шлюзі, электрондық пошта провайдері, хостинг)",
        "(Қазақстандағы төлем шлюзі, Германиядағы электрондық пошта провайдері, Қазақстандағы хостинг)",
    ),
}

SUMMARY = {
    "en": "Section 4 now names the country of each processor: the email provider works from Germany, "
    "a country with adequate protection of personal data.",
    "ru": "Раздел 4 теперь называет страну каждого обработчика: почтовый сервис работает из Германии — "
    "страны, обеспечивающей надлежащую защиту персональных данных.",
    "kk": "4-бөлімде енді әр өңдеушінің елі көрсетіледі: электрондық пошта провайдері дербес деректердің "
    "тиісті қорғалуын қамтамасыз ететін Германиядан жұмыс істейді.",
}


# Confirmed requests waiting for staff, by working days since the subject confirmed: with the deadlines in
# settings (one working day for these types) the first is overdue and the last still in time.
REQUESTS = [
    {
        "email": "saule.demo@example.kz",
        "request_type": RequestType.RECTIFICATION,
        "language": "ru",
        "confirmed_working_days_ago": 3,
        "details": "В моём обращении от марта неверно указана фамилия: правильно «Нурланова».",
    },
    {
        "email": "daniyar.demo@example.kz",
        "request_type": RequestType.DELETION,
        "language": "kk",
        "confirmed_working_days_ago": 1,
        "details": "Менің байланыс формасы арқылы жіберген ескі өтінішімді жойыңыздар.",
    },
    {
        "email": "olga.demo@example.kz",
        "request_type": RequestType.BLOCKING,
        "language": "en",
        "confirmed_working_days_ago": 0,
        "details": "Please stop using my data while you check whether my company's listing is correct.",
    },
]


def working_days_before(day: datetime.date, count: int) -> datetime.date:
    """The `count`-th working day before `day` (`day` itself for 0)."""
    while count > 0:
        day -= datetime.timedelta(days=1)
        if is_working_day(day):
            count -= 1
    return day


def seed_requests(stdout) -> None:
    now = timezone.now()
    for entry in REQUESTS:
        fields = dict(entry)
        confirmed_on = working_days_before(
            timezone.localdate(now), fields.pop("confirmed_working_days_ago")
        )
        confirmed_at = now - datetime.timedelta(days=(timezone.localdate(now) - confirmed_on).days)
        if DataSubjectRequest.objects.filter(
            email=fields["email"], request_type=fields["request_type"]
        ).exists():
            continue
        request = DataSubjectRequest.objects.create(
            **fields,
            state=RequestState.OPEN,
            created_at=confirmed_at - datetime.timedelta(minutes=20),
            verified_at=confirmed_at,
            due_on=deadline_for(fields["request_type"], confirmed_on),
            refusal_due_on=deadline_for("refusal", confirmed_on),
            verification_nonce="",
        )
        RequestEvent.objects.create(
            request=request, action=RequestEvent.Action.RECEIVED, at=request.created_at
        )
        RequestEvent.objects.create(
            request=request, action=RequestEvent.Action.VERIFIED, at=confirmed_at
        )
    stdout.write(f"privacy: {len(REQUESTS)} data-subject requests waiting for staff")


def seed(stdout):
    seed_requests(stdout)
    for processor in PROCESSORS:
        Processor.objects.update_or_create(name=processor["name"], defaults=processor)
    stdout.write(f"privacy: {len(PROCESSORS)} processors")
    current = PolicyVersion.objects.current()
    if current is None:
        return
    published = timezone.localdate() - datetime.timedelta(days=1)
    bodies = {
        f"body_{language}": current.body(language).replace(old, new)
        for language, (old, new) in PROCESSORS_LINE.items()
    }
    announced = PolicyVersion(
        label=ANNOUNCED_LABEL,
        published_on=published,
        effective_on=published + MATERIAL_CHANGE_NOTICE + datetime.timedelta(days=7),
        is_material=True,
        **bodies,
        **{f"summary_{language}": text for language, text in SUMMARY.items()},
    )
    announced.full_clean(exclude=["label"])
    PolicyVersion.objects.update_or_create(
        label=ANNOUNCED_LABEL,
        defaults={
            field: getattr(announced, field)
            for field in [
                "published_on",
                "effective_on",
                "is_material",
                *bodies,
                *[f"summary_{x}" for x in SUMMARY],
            ]
        },
    )
    stdout.write(f"privacy: material change announced, effective {announced.effective_on}")

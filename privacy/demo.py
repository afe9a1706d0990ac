"""Demo data: the processors register, the policy version that names the complaint authority by its current name,
and confirmed data-subject requests so that the admin's dashboard and request pages have work in them (one overdue).

Idempotent: natural keys (processor name, version label, a request's address and type). No email is sent.
"""

import datetime
from pathlib import Path

from django.utils import timezone

from .models import (
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

# The demo's policy change is the one the association really had to make: a non-material version naming the
# complaint authority by its current name and the accounting records' legal basis (and taking the reviewers'
# wording corrections), in force at once.
CURRENT_AUTHORITY_LABEL = "demo-current-authority"
CURRENT_AUTHORITY_TEXTS = Path(__file__).resolve().parent / "policy_texts"
EARLIER_DEMO_LABELS = ["demo-announced-change"]  # what older versions of this demo seeded

SUMMARY = {
    "en": "Section 3 names the laws that require us to keep accounting records and counts their 5 years from the end "
    "of the year they relate to. Section 5 names the authorised body by its current name: the Ministry of "
    "Artificial Intelligence and Digital Development of the Republic of Kazakhstan. Nothing else changes in how "
    "we process your data.",
    "ru": "В разделе 3 названы законы, которые обязывают нас хранить бухгалтерские документы, и уточнено, что 5 лет "
    "отсчитываются с окончания года, к которому они относятся. В разделе 5 уполномоченный орган назван "
    "по-новому: Министерство искусственного интеллекта и цифрового развития Республики Казахстан. В остальном "
    "порядок обработки ваших данных не меняется.",
    "kk": "3-бөлімде бухгалтерлік құжаттарды сақтауды талап ететін заңдар аталды және 5 жылдың олар қатысты жыл "
    "аяқталғаннан бастап есептелетіні нақтыланды. 5-бөлімде уәкілетті органның қазіргі атауы көрсетілді: "
    "Қазақстан Республикасының Жасанды интеллект және цифрлық даму министрлігі. Деректеріңізді өңдеудің "
    "басқа тәртібі өзгермейді.",
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
        subject_request = DataSubjectRequest.objects.create(
            **fields,
            state=RequestState.OPEN,
            created_at=confirmed_at - datetime.timedelta(minutes=20),
            verified_at=confirmed_at,
            due_on=deadline_for(fields["request_type"], confirmed_on),
            refusal_due_on=deadline_for("refusal", confirmed_on),
            verification_nonce="",
        )
        RequestEvent.objects.create(
            request=subject_request,
            action=RequestEvent.Action.RECEIVED,
            at=subject_request.created_at,
        )
        RequestEvent.objects.create(
            request=subject_request, action=RequestEvent.Action.VERIFIED, at=confirmed_at
        )
    stdout.write(f"privacy: {len(REQUESTS)} data-subject requests waiting for staff")


def seed(stdout):
    seed_requests(stdout)
    for processor in PROCESSORS:
        Processor.objects.update_or_create(name=processor["name"], defaults=processor)
    stdout.write(f"privacy: {len(PROCESSORS)} processors")
    seed_policy_version(stdout)


def seed_policy_version(stdout) -> None:
    """Publish, non-material and in force since yesterday, the version that names the current authority."""
    if not PolicyVersion.objects.filter(label="2026-05-14").exists():
        return  # the published policy itself is missing: nothing to amend
    for earlier in PolicyVersion.objects.filter(label__in=EARLIER_DEMO_LABELS):
        earlier.delete()  # the model's delete forgets the banner's cached answer
    published = timezone.localdate() - datetime.timedelta(days=1)
    version = PolicyVersion(
        label=CURRENT_AUTHORITY_LABEL,
        published_on=published,
        effective_on=published,
        is_material=False,
        **{
            f"body_{language}": (CURRENT_AUTHORITY_TEXTS / f"privacy-policy.v2.{language}.txt")
            .read_text(encoding="utf-8")
            .strip()
            for language in SUMMARY
        },
        **{f"summary_{language}": text for language, text in SUMMARY.items()},
    )
    version.full_clean(exclude=["label"])
    existing = PolicyVersion.objects.filter(label=CURRENT_AUTHORITY_LABEL).first()
    if existing is None:  # once published, a version is read-only: a second run leaves it as it is
        version.save()
        existing = version
    stdout.write(
        "privacy: policy version naming the current authority, "
        f"in force since {existing.effective_on}"
    )

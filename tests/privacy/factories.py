import datetime

import factory

from privacy.models import ConsentPurpose, ConsentRecord, PolicyVersion, Processor


class PolicyVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PolicyVersion
        django_get_or_create = ["label"]

    label = factory.Sequence(lambda n: f"test-{n}")
    published_on = datetime.date(2026, 5, 14)
    effective_on = datetime.date(2026, 5, 14)
    is_material = False
    body_en = "Privacy Policy\n\nThis document explains what data we collect."
    body_ru = "Политика конфиденциальности\n\nЭтот документ объясняет, какие данные мы собираем."
    body_kk = "Құпиялылық саясаты\n\nБұл құжат біз қандай деректер жинайтынымызды түсіндіреді."


class ProcessorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Processor
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Processor {n} LLP")
    purpose_kk = "Хостинг"
    purpose_ru = "Хостинг"
    purpose_en = "Hosting"
    data_categories_kk = "Барлық деректер"
    data_categories_ru = "Все данные"
    data_categories_en = "All data"
    country_code = "KZ"
    country_kk = "Қазақстан"
    country_ru = "Казахстан"
    country_en = "Kazakhstan"
    country_is_adequate = True
    contract_signed_on = datetime.date(2026, 1, 15)


# Data-subject requests.
from django.utils import timezone  # noqa: E402

from privacy.models import (  # noqa: E402
    DataSubjectRequest,
    RequestState,
    RequestType,
)


class ConsentRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConsentRecord

    email = factory.Sequence(lambda n: f"subject{n}@example.kz")
    purpose = ConsentPurpose.ENQUIRY_PROCESSING
    policy_version = factory.LazyFunction(lambda: PolicyVersion.objects.current())
    wording = "I agree that my enquiry is processed."
    language = "en"
    source = "contact form"
    source_object = "enquiry 1"
    client_ip = "10.0.0.1"
    user_agent = "Test browser"


class DataSubjectRequestFactory(factory.django.DjangoModelFactory):
    """An unconfirmed request; use `verified()` for one staff must handle."""

    class Meta:
        model = DataSubjectRequest

    email = factory.Sequence(lambda n: f"subject{n}@example.kz")
    request_type = RequestType.ACCESS
    language = "en"
    client_ip = "10.0.0.2"
    user_agent = "Test browser"

    class Params:
        verified = factory.Trait(
            state=RequestState.OPEN,
            verified_at=factory.LazyFunction(timezone.now),
            verification_nonce="",
            due_on=factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=1)),
        )

import datetime

import factory

from privacy.models import PolicyVersion


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

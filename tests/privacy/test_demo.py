from io import StringIO

import pytest
from django.utils import timezone

from privacy import demo
from privacy.models import PolicyVersion, Processor
from privacy.models.policy import announced_change

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_announces_a_material_change_for_the_banner():
    demo.seed(StringIO())
    demo.seed(StringIO())
    assert Processor.objects.count() == 3
    assert Processor.objects.filter(country_code="KZ", name__icontains="Data Centre").exists()
    change = PolicyVersion.objects.get(label=demo.ANNOUNCED_LABEL)
    change.full_clean()
    today = timezone.localdate()
    assert change.is_material and change.published_on <= today < change.effective_on
    assert (change.effective_on - change.published_on).days >= 14
    assert announced_change(today)["pk"] == change.pk
    assert "Germany" in change.body_en and "Германии" in change.body_ru
    assert PolicyVersion.objects.current().label == "2026-05-14"


def test_demo_gives_staff_confirmed_requests_with_one_overdue():
    from privacy.models import DataSubjectRequest, RequestState

    demo.seed(StringIO())
    demo.seed(StringIO())
    requests = DataSubjectRequest.objects.filter(email__endswith=".demo@example.kz")
    assert requests.count() == len(demo.REQUESTS)
    assert all(r.state == RequestState.OPEN and r.due_on for r in requests)
    assert {r.language for r in requests} == {"kk", "ru", "en"}
    days_left = {r.email: r.days_left() for r in requests}
    assert days_left["saule.demo@example.kz"] < 0 <= days_left["olga.demo@example.kz"]
    assert all(r.events.count() == 2 for r in requests)

import datetime
from io import StringIO

import pytest
from django.utils import timezone

from privacy import demo
from privacy.models import PolicyVersion, Processor
from privacy.models.policy import announced_change

pytestmark = pytest.mark.django_db


def test_demo_publishes_a_non_material_version_naming_the_current_authority():
    """P22, P26: the demo's policy change is the realistic one. The published policy of 14 May 2026 keeps its
    text; a non-material version, in force at once, names the Ministry of Artificial Intelligence and Digital
    Development in every language, with no banner (only material changes are announced ahead)."""
    published = PolicyVersion.objects.get(label="2026-05-14")
    before = {language: published.body(language) for language in ("kk", "ru", "en")}
    demo.seed(StringIO())
    demo.seed(StringIO())
    assert Processor.objects.count() == 3
    assert Processor.objects.filter(country_code="KZ", name__icontains="Data Centre").exists()
    version = PolicyVersion.objects.get(label=demo.CURRENT_AUTHORITY_LABEL)
    version.full_clean()
    today = timezone.localdate()
    assert not version.is_material and version.effective_on <= today
    assert PolicyVersion.objects.current() == version
    assert announced_change(today) is None
    assert (
        "Ministry of Artificial Intelligence and Digital Development of the Republic of Kazakhstan"
        in (version.body_en)
    )
    assert "Министерство искусственного интеллекта и цифрового развития Республики Казахстан" in (
        version.body_ru
    )
    assert (
        "Қазақстан Республикасының Жасанды интеллект және цифрлық даму министрлігіне"
        in version.body_kk
    )
    assert "Digital Development of Kazakhstan" not in version.body_en
    assert "каталоге членов ассоциации" in version.body_ru and "участников" not in version.body_ru
    assert "Қол жеткізу құқығы" in version.body_kk and "Өзекті нұсқа" not in version.body_kk
    published.refresh_from_db()
    assert {language: published.body(language) for language in ("kk", "ru", "en")} == before
    assert "Ministry of Digital Development of Kazakhstan" in published.body_en


def test_demo_replaces_the_material_change_older_demos_announced():
    PolicyVersion.objects.create(
        label="demo-announced-change",
        published_on=timezone.localdate(),
        effective_on=timezone.localdate() + datetime.timedelta(days=30),
        is_material=True,
        summary_kk="x",
        summary_ru="x",
        summary_en="x",
        body_kk="x",
        body_ru="x",
        body_en="x",
    )
    demo.seed(StringIO())
    assert not PolicyVersion.objects.filter(label="demo-announced-change").exists()
    assert announced_change(timezone.localdate()) is None


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

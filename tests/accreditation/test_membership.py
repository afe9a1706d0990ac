import datetime

import pytest
from django.utils import timezone

from accreditation.models import Membership
from directory.models import listed_memberships
from directory.search import search_members
from privacy.services import block_email, unblock_email
from tests.accreditation.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def test_listed_needs_active_membership_and_publication_consent():
    """P07: no listing without the consent to publication."""
    today = timezone.localdate()
    listed = MembershipFactory()
    MembershipFactory(is_published=False)
    MembershipFactory(ends_on=today - datetime.timedelta(days=1))
    MembershipFactory(starts_on=today + datetime.timedelta(days=1))
    MembershipFactory(ended_on=today)
    assert list(listed_memberships()) == [listed]


def test_blocked_email_is_not_listed():
    """P19: a blocked address's member profile leaves the directory until unblocked."""
    member = MembershipFactory(email="Blocked@Example.kz")
    block_email(email="blocked@example.kz")
    assert member not in listed_memberships()
    unblock_email(email="blocked@example.kz")
    assert member in listed_memberships()


@pytest.mark.parametrize("query", ["ҚАЗАҚ", "қазақ", "Қазақ", "ТЕЛЕКОМ", "телеком"])
def test_search_folds_case_for_kazakh_and_cyrillic(query):
    member = MembershipFactory(company_name="Қазақ Телеком Өнеркәсіп")
    MembershipFactory(company_name="Astana Software")
    assert list(search_members(listed_memberships(), query)) == [member]


def test_search_by_exact_bin():
    member = MembershipFactory()
    MembershipFactory()
    assert list(search_members(Membership.objects.all(), member.bin)) == [member]


def test_slug_is_transliterated_and_unique():
    first = MembershipFactory(company_name="Қазақ Телеком")
    second = MembershipFactory(company_name="Қазақ Телеком")
    assert first.profile.slug == "qazaq-telekom"
    assert second.profile.slug == "qazaq-telekom-2"


def test_description_falls_back_to_another_language():
    member = MembershipFactory(description_en="", description_ru="Разработка ПО", description_kk="")
    assert member.profile.description("kk") == "Разработка ПО"
    assert member.profile.description("en") == "Разработка ПО"

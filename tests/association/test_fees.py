import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from association.fees import FeeUnknown, current_tariff, quote
from association.models import CalculationIndex, FeeBand, band_problems

from .factories import tariff

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("headcount", "renewal", "annual_mci", "total"),
    [
        (1, False, "15", Decimal("108125")),  # (15 + 10) x 4325
        (15, False, "15", Decimal("108125")),
        (16, False, "40", Decimal("216250")),  # (40 + 10) x 4325
        (100, True, "40", Decimal("173000")),  # 40 x 4325, no entrance fee
        (101, True, "80", Decimal("346000")),
        (5000, False, "80", Decimal("389250")),
    ],
)
def test_fee_is_the_band_in_mci_times_the_year_index(headcount, renewal, annual_mci, total):
    tariff()
    fee = quote(headcount=headcount, renewal=renewal)
    assert fee.annual_fee_mci == Decimal(annual_mci)
    assert fee.entrance_fee_mci == (Decimal("0") if renewal else Decimal("10"))
    assert fee.mci_value_kzt == Decimal("4325")
    assert fee.total_kzt == total


def test_tenge_are_rounded_half_up_to_whole_tenge():
    tariff(bands=((1, None, "2.5"),), entrance="0", mci="3933")
    assert quote(headcount=3, renewal=True).total_kzt == Decimal("9833")  # 9832.5


def test_the_tariff_in_force_and_the_index_of_the_year_of_the_day():
    year = timezone.localdate().year
    tariff(
        bands=((1, None, "10"),),
        valid_from=datetime.date(year - 1, 1, 1),
        mci="4000",
        year=year - 1,
    )
    tariff(bands=((1, None, "20"),), valid_from=datetime.date(year, 1, 1), mci="4325", year=year)
    last_year = quote(headcount=5, renewal=True, on=datetime.date(year - 1, 6, 1))
    assert (last_year.annual_fee_mci, last_year.total_kzt) == (Decimal("10"), Decimal("40000"))
    this_year = quote(headcount=5, renewal=True, on=datetime.date(year, 6, 1))
    assert this_year.total_kzt == Decimal("86500")


@pytest.mark.parametrize(
    ("setup", "headcount", "message"),
    [
        ("none", 10, "No fee tariff"),
        ("no index", 10, "MCI of"),
        ("tariff", None, "headcount is not known"),
        ("tariff", 0, "headcount is not known"),
    ],
)
def test_a_fee_that_cannot_be_worked_out_says_why(setup, headcount, message):
    CalculationIndex.objects.all().delete()
    if setup == "tariff":
        tariff()
    elif setup == "no index":
        tariff(mci=None)
    with pytest.raises(FeeUnknown, match=message):
        quote(headcount=headcount, renewal=False)


def _bands(*ranges):
    return [
        FeeBand(min_headcount=low, max_headcount=high, annual_fee_mci=1) for low, high in ranges
    ]


@pytest.mark.parametrize(
    ("ranges", "problem"),
    [
        ([(2, None)], "start at 1"),
        ([(1, 10), (12, None)], "right after"),
        ([(1, 10), (10, None)], "right after"),
        ([(1, None), (11, None)], "Only the last"),
        ([(1, 10), (11, 20)], "no upper limit"),
        ([], "at least one"),
    ],
)
def test_bands_must_cover_every_headcount_once(ranges, problem):
    problems = band_problems(_bands(*ranges))
    assert any(problem in text for text in problems), problems


def test_contiguous_bands_are_fine():
    assert band_problems(_bands((11, 50), (1, 10), (51, None))) == []


def test_current_tariff_in_tenge_for_the_membership_page():
    tariff()
    shown = current_tariff()
    assert [row.annual_fee_kzt for row in shown.rows] == [
        Decimal("64875"),
        Decimal("173000"),
        Decimal("346000"),
    ]
    assert shown.entrance_fee_kzt == Decimal("43250")


def test_membership_page_shows_the_fees_in_tenge_for_the_current_year(client):
    tariff()
    year = timezone.localdate().year
    ru = client.get("/ru/membership/").content.decode()
    assert f"{year}" in ru and "64\xa0875 ₸" in ru and "173\xa0000 ₸" in ru
    en = client.get("/en/membership/").content.decode()
    assert "64,875 ₸" in en and "43,250 ₸" in en and "4,325 ₸" in en
    assert "1–15 employees" in en and "101 employees or more" in en


def test_membership_page_without_the_year_index_shows_mci_only(client):
    CalculationIndex.objects.all().delete()
    tariff(mci=None)
    content = client.get("/en/membership/").content.decode()
    assert "₸" not in content.split('id="fees-heading"')[1].split("</section>")[0]
    assert "shown in MCI only" in content

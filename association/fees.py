"""What a company pays: the tariff in force, its headcount band, and the MCI of the year, in tenge.

Invoices freeze the result when they are issued (accreditation.services.issue_fee_invoice); the membership page
shows the current year's figures for every band.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import CalculationIndex, FeeBand, FeeSchedule

TENGE = Decimal("1")


class FeeUnknown(Exception):
    """The fee cannot be worked out: no tariff in force, no MCI for the year, or no headcount."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


NO_TARIFF = _("No fee tariff is in force on that date.")
NO_INDEX = _("The MCI of %(year)d is not entered yet (admin: Association › MCI by year).")
NO_HEADCOUNT = _("The member's headcount is not known; enter it on the membership first.")
NO_BAND = _("No band of the tariff covers %(headcount)d employees.")


def to_tenge(mci: Decimal, mci_value_kzt: Decimal) -> Decimal:
    """MCI times the year's index, rounded to whole tenge as invoices are written."""
    return (mci * mci_value_kzt).quantize(TENGE, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class FeeQuote:
    """The fee of one company on one day, with how it was worked out (what an invoice records)."""

    headcount: int
    year: int
    band: FeeBand
    mci_value_kzt: Decimal
    annual_fee_mci: Decimal
    entrance_fee_mci: Decimal  # zero for a renewing member

    @property
    def annual_fee_kzt(self) -> Decimal:
        return to_tenge(self.annual_fee_mci, self.mci_value_kzt)

    @property
    def entrance_fee_kzt(self) -> Decimal:
        return to_tenge(self.entrance_fee_mci, self.mci_value_kzt)

    @property
    def total_kzt(self) -> Decimal:
        return self.annual_fee_kzt + self.entrance_fee_kzt


def index_for(year: int) -> CalculationIndex:
    index = CalculationIndex.objects.filter(year=year).first()
    if index is None:
        raise FeeUnknown(NO_INDEX % {"year": year})
    return index


def quote(*, headcount: int | None, on: datetime.date | None = None, renewal: bool) -> FeeQuote:
    """The fee of a company of `headcount` employees on day `on`: the annual fee of its band, plus the entrance
    fee unless it renews. Raises FeeUnknown with a message for staff when something is missing."""
    on = on or timezone.localdate()
    if not headcount:
        raise FeeUnknown(NO_HEADCOUNT)
    schedule = FeeSchedule.objects.in_force(on)
    if schedule is None:
        raise FeeUnknown(NO_TARIFF)
    band = schedule.band_for(headcount)
    if band is None:
        raise FeeUnknown(NO_BAND % {"headcount": headcount})
    index = index_for(on.year)
    return FeeQuote(
        headcount=headcount,
        year=on.year,
        band=band,
        mci_value_kzt=index.value_kzt,
        annual_fee_mci=band.annual_fee_mci,
        entrance_fee_mci=Decimal("0") if renewal else schedule.entrance_fee_mci,
    )


@dataclass(frozen=True)
class TariffRow:
    band: FeeBand
    annual_fee_kzt: Decimal | None


@dataclass(frozen=True)
class Tariff:
    """The tariff as the membership page shows it: every band in MCI, and in tenge when the year's MCI is known."""

    schedule: FeeSchedule
    year: int
    index: CalculationIndex | None
    rows: list[TariffRow]

    @property
    def entrance_fee_kzt(self) -> Decimal | None:
        if self.index is None:
            return None
        return to_tenge(self.schedule.entrance_fee_mci, self.index.value_kzt)


def current_tariff(on: datetime.date | None = None) -> Tariff | None:
    on = on or timezone.localdate()
    schedule = FeeSchedule.objects.in_force(on)
    if schedule is None:
        return None
    index = CalculationIndex.objects.filter(year=on.year).first()
    rows = [
        TariffRow(
            band=band,
            annual_fee_kzt=to_tenge(band.annual_fee_mci, index.value_kzt) if index else None,
        )
        for band in schedule.bands.all()
    ]
    return Tariff(schedule=schedule, year=on.year, index=index, rows=rows)

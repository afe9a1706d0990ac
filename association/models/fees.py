"""Membership fees as data: the tariff (fees in MCI by headcount band), and the MCI's value in tenge per year.

The MCI (monthly calculation index, айлық есептік көрсеткіш) is set for each year by the law on the republican
budget; the association's general meeting sets its fees in MCI, so that they follow the index without a new
decision every year. What a company pays is worked out by `association.fees.quote`.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .common import first_available

POSITIVE = [MinValueValidator(Decimal("0.01"))]


class CalculationIndex(models.Model):
    """The MCI of one calendar year, in tenge."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    value_kzt = models.DecimalField(
        _("value (KZT)"), max_digits=10, decimal_places=2, validators=POSITIVE
    )
    source = models.CharField(
        _("set by"),
        max_length=300,
        blank=True,
        help_text=_("The law that set it, e.g. the Law on the republican budget for 2026–2028."),
    )

    class Meta:
        verbose_name = _("monthly calculation index (MCI)")
        verbose_name_plural = _("monthly calculation index (MCI) by year")
        ordering = ["-year"]

    def __str__(self):
        return f"{self.year}: {self.value_kzt}"


class FeeScheduleQuerySet(models.QuerySet):
    def in_force(self, on=None):
        """The tariff in force on a day: the latest one valid from that day or before."""
        on = on or timezone.localdate()
        return self.filter(valid_from__lte=on).order_by("-valid_from").first()


class FeeSchedule(models.Model):
    """A tariff adopted by the general meeting: the entrance fee and the annual fee per headcount band."""

    valid_from = models.DateField(_("in force from"), unique=True)
    entrance_fee_mci = models.DecimalField(
        _("entrance fee (MCI)"),
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Paid once, with the first annual fee; a renewing member does not pay it."),
    )
    decision_kk = models.CharField(_("decision (Kazakh)"), max_length=300, blank=True)
    decision_ru = models.CharField(_("decision (Russian)"), max_length=300, blank=True)
    decision_en = models.CharField(_("decision (English)"), max_length=300, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = FeeScheduleQuerySet.as_manager()

    class Meta:
        verbose_name = _("fee tariff")
        verbose_name_plural = _("fee tariffs")
        ordering = ["-valid_from"]

    def __str__(self):
        return str(_("Tariff in force from %(date)s") % {"date": self.valid_from.isoformat()})

    def decision(self) -> str:
        return first_available(self, "decision")[0]

    def band_for(self, headcount: int):
        for band in self.bands.all():
            if band.covers(headcount):
                return band
        return None


def band_problems(bands) -> list[str]:
    """What is wrong with a tariff's bands, in order: they must start at 1 employee, follow each other without
    gap or overlap, and the last must have no upper bound, so that every company falls in exactly one."""
    bands = sorted(bands, key=lambda band: band.min_headcount)
    if not bands:
        return [str(_("A tariff needs at least one headcount band."))]
    problems = []
    if bands[0].min_headcount != 1:
        problems.append(str(_("The first band must start at 1 employee.")))
    for before, after in zip(bands, bands[1:], strict=False):
        if before.max_headcount is None:
            problems.append(str(_("Only the last band may be open-ended.")))
        elif after.min_headcount != before.max_headcount + 1:
            problems.append(
                str(
                    _("The band from %(start)d must start right after the band ending at %(end)d.")
                    % {"start": after.min_headcount, "end": before.max_headcount}
                )
            )
    if bands[-1].max_headcount is not None:
        problems.append(str(_("The last band must have no upper limit.")))
    return problems


class FeeBand(models.Model):
    """One line of the tariff: companies of this many employees pay this many MCI a year."""

    schedule = models.ForeignKey(
        FeeSchedule, on_delete=models.CASCADE, related_name="bands", verbose_name=_("tariff")
    )
    min_headcount = models.PositiveIntegerField(
        _("from (employees)"), validators=[MinValueValidator(1)]
    )
    max_headcount = models.PositiveIntegerField(
        _("to (employees)"), null=True, blank=True, help_text=_("Empty: no upper limit.")
    )
    annual_fee_mci = models.DecimalField(
        _("annual fee (MCI)"), max_digits=8, decimal_places=2, validators=POSITIVE
    )

    class Meta:
        verbose_name = _("headcount band")
        verbose_name_plural = _("headcount bands")
        ordering = ["schedule", "min_headcount"]
        constraints = [
            models.UniqueConstraint(fields=["schedule", "min_headcount"], name="one_band_per_start")
        ]

    def __str__(self):
        return self.label()

    def covers(self, headcount: int) -> bool:
        upper_ok = self.max_headcount is None or headcount <= self.max_headcount
        return self.min_headcount <= headcount and upper_ok

    def label(self) -> str:
        if self.max_headcount is None:
            return ngettext(
                "%(start)d employee or more", "%(start)d employees or more", self.min_headcount
            ) % {"start": self.min_headcount}
        return ngettext(
            "%(start)d–%(end)d employee", "%(start)d–%(end)d employees", self.max_headcount
        ) % {"start": self.min_headcount, "end": self.max_headcount}

    def clean(self):
        if self.max_headcount is not None and self.max_headcount < self.min_headcount:
            raise ValidationError(
                {"max_headcount": _("The upper limit cannot be below the lower one.")}
            )

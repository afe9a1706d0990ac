"""First-level administrative divisions of Kazakhstan, keyed by ISO 3166-2:KZ code.

The codes are the numeric ones ISO introduced in 2020-2022 (the old letter codes such as
KZ-AST were withdrawn), including the three regions created in 2022: Abai, Zhetysu and Ulytau.
Storing the ISO code rather than a name keeps stored data stable when names are re-spelled
or translated; the labels are lazy so forms and templates show the active language.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.TextChoices):
    """The 17 regions (oblystar) and 3 cities of republican significance, by ISO code."""

    ABAI = "KZ-10", _("Abai Region")
    AKMOLA = "KZ-11", _("Akmola Region")
    AKTOBE = "KZ-15", _("Aktobe Region")
    ALMATY_REGION = "KZ-19", _("Almaty Region")
    ATYRAU = "KZ-23", _("Atyrau Region")
    WEST_KAZAKHSTAN = "KZ-27", _("West Kazakhstan Region")
    ZHAMBYL = "KZ-31", _("Zhambyl Region")
    ZHETYSU = "KZ-33", _("Zhetysu Region")
    KARAGANDA = "KZ-35", _("Karaganda Region")
    KOSTANAY = "KZ-39", _("Kostanay Region")
    KYZYLORDA = "KZ-43", _("Kyzylorda Region")
    MANGYSTAU = "KZ-47", _("Mangystau Region")
    PAVLODAR = "KZ-55", _("Pavlodar Region")
    NORTH_KAZAKHSTAN = "KZ-59", _("North Kazakhstan Region")
    TURKISTAN = "KZ-61", _("Turkistan Region")
    ULYTAU = "KZ-62", _("Ulytau Region")
    EAST_KAZAKHSTAN = "KZ-63", _("East Kazakhstan Region")
    ASTANA = "KZ-71", _("Astana")
    ALMATY = "KZ-75", _("Almaty")
    SHYMKENT = "KZ-79", _("Shymkent")

    @property
    def is_city(self) -> bool:
        """True for the cities of republican significance, which belong to no region."""
        return self.value in CITY_CODES


# Defined after the class: inside the Enum body a plain set would become a member itself.
CITY_CODES = frozenset({Region.ASTANA.value, Region.ALMATY.value, Region.SHYMKENT.value})

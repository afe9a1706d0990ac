from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dkz_site.collation import Alphabetical, sort_key

from .common import localised

HOME_COUNTRY = "KZ"


class ProcessorQuerySet(models.QuerySet):
    def under_contract(self, today=None):
        """Processors the association may use today: the contract is signed and has not ended (P15)."""
        today = today or timezone.localdate()
        return self.filter(contract_signed_on__lte=today).filter(
            Q(contract_ends_on__isnull=True) | Q(contract_ends_on__gte=today)
        )

    def needing_cross_border_consent(self):
        """Outside Kazakhstan and in a country without adequate protection (art. 16 of Law No. 94-V)."""
        return self.exclude(country_code=HOME_COUNTRY).filter(country_is_adequate=False)


class Processor(models.Model):
    """A processor the association shares personal data with, only under a contract (policy section 4).

    A processor abroad in a country without adequate protection receives a subject's data only when that
    subject gave the separate cross-border consent (`privacy.services.may_transfer_to`).
    """

    name = models.CharField(_("name"), max_length=200, unique=True)
    purpose_kk = models.TextField(_("purpose (Kazakh)"))
    purpose_ru = models.TextField(_("purpose (Russian)"))
    purpose_en = models.TextField(_("purpose (English)"))
    data_categories_kk = models.TextField(_("data categories (Kazakh)"))
    data_categories_ru = models.TextField(_("data categories (Russian)"))
    data_categories_en = models.TextField(_("data categories (English)"))
    country_code = models.CharField(
        _("country code"),
        max_length=2,
        validators=[RegexValidator(r"^[A-Z]{2}$", _("Two capital letters (ISO 3166-1), e.g. KZ."))],
        help_text=_("ISO 3166-1 code of the country where the data is processed, e.g. KZ."),
    )
    country_kk = models.CharField(_("country (Kazakh)"), max_length=100)
    country_ru = models.CharField(_("country (Russian)"), max_length=100)
    country_en = models.CharField(_("country (English)"), max_length=100)
    country_is_adequate = models.BooleanField(
        _("country ensures adequate protection"),
        default=False,
        help_text=_(
            "For a country outside Kazakhstan: whether it ensures adequate protection of personal "
            "data. If not, data goes there only with the subject's separate cross-border consent."
        ),
    )
    contract_signed_on = models.DateField(_("contract signed on"))
    contract_ends_on = models.DateField(_("contract ends on"), null=True, blank=True)
    # The name's sort key for databases without ICU (dkz_site/collation.py); set on every save.
    name_sort_key = models.TextField(editable=False, blank=True, default="")

    objects = ProcessorQuerySet.as_manager()

    class Meta:
        verbose_name = _("processor")
        verbose_name_plural = _("processors register")
        ordering = [Alphabetical("name", "name_sort_key"), "id"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.country_code = (self.country_code or "").upper()
        self.name_sort_key = sort_key(self.name)
        super().save(*args, **kwargs)

    def clean_fields(self, exclude=None):
        self.country_code = (self.country_code or "").strip().upper()
        super().clean_fields(exclude=exclude)

    def clean(self):
        ends, signed = self.contract_ends_on, self.contract_signed_on
        if ends and signed and ends < signed:
            raise ValidationError(
                {"contract_ends_on": _("A contract cannot end before it is signed.")}
            )

    @property
    def is_cross_border(self) -> bool:
        return self.country_code != HOME_COUNTRY

    @property
    def needs_cross_border_consent(self) -> bool:
        return self.is_cross_border and not self.country_is_adequate

    def purpose(self, language=None) -> str:
        return localised(self, "purpose", language)

    def data_categories(self, language=None) -> str:
        return localised(self, "data_categories", language)

    def country(self, language=None) -> str:
        return localised(self, "country", language)

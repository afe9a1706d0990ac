"""The public accreditation forms: the application, and the correction an information request asks for."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from dkz_site.forms import EmailAddressField, SiteErrorMessages

from .bin import normalise_bin, parse_bin
from .regions import Region

PHONE_CHARACTERS = re.compile(r"^\+?[\d\s()\-]+$")

CONSENT_PROCESSING = _(
    "I consent to Digital Kazakhstan NPO processing the data in this application (BIN, company "
    "name, region, contact person, email, phone and business description) to review it and to "
    "run the membership, as its privacy policy describes."
)
CONSENT_PUBLICATION = _(
    "I consent to publication of the company's name, region and business description in the "
    "public members directory. Without it the company is accredited but not listed."
)


# The Kazakh Cyrillic alphabet in its own order; Russian's letters keep their order within it. Python
# sorts by code point, which would put Қ, Ұ, Ү, Ө, Ә ... after Я.
CYRILLIC_ORDER = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"


def alphabetical(text: str) -> tuple:
    """A sort key that orders Kazakh, Russian and Latin names the way their readers expect."""
    return tuple(
        CYRILLIC_ORDER.index(char) if char in CYRILLIC_ORDER else 100 + ord(char)
        for char in text.casefold()
    )


def region_choices():
    """The 20 regions and cities, in the alphabetical order of their names in the page's language."""
    regions = sorted(Region, key=lambda region: alphabetical(str(region.label)))
    return [("", _("Choose a region or city"))] + [(r.value, r.label) for r in regions]


def clean_phone(value: str) -> str:
    value = " ".join(value.split())
    if value and (not PHONE_CHARACTERS.match(value) or len(re.sub(r"\D", "", value)) < 7):
        raise ValidationError(
            _("Enter a phone number of at least 7 digits, e.g. +7 701 234 56 78."),
            code="phone",
        )
    return value


class ApplicationDetailsForm(SiteErrorMessages, forms.Form):
    """The company's details, shared by the application and its correction."""

    company_name = forms.CharField(
        label=_("Company name"),
        max_length=200,
        error_messages={"required": _("Please enter the company name.")},
    )
    region = forms.ChoiceField(
        label=_("Region"),
        choices=region_choices,
        error_messages={"required": _("Please choose the region where the company is registered.")},
    )
    contact_person = forms.CharField(
        label=_("Contact person"),
        max_length=200,
        error_messages={
            "required": _("Please tell us whom we should contact about the application.")
        },
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=40,
        error_messages={"required": _("Please enter a phone number we can call.")},
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    description = forms.CharField(
        label=_("What your company does"),
        max_length=2000,
        error_messages={"required": _("Please tell us in a few sentences what the company does.")},
        help_text=_("A few sentences about your business, products and customers."),
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def clean_phone(self):
        return clean_phone(self.cleaned_data["phone"])


class ApplicationForm(ApplicationDetailsForm):
    """The fields of the public contract: bin, company_name, region, contact_person, email, phone,
    description, consent_processing (required), consent_publication (optional)."""

    bin = forms.CharField(
        label=_("BIN"),
        max_length=24,
        error_messages={"required": _("Please enter the company's BIN (12 digits).")},
        help_text=_("The company's 12-digit business identification number."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    email = EmailAddressField(
        label=_("Email"),
        max_length=254,  # the model's column: a longer address would fail on saving
        error_messages={"required": _("Please enter your email address so that we can answer.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    consent_processing = forms.BooleanField(
        label=CONSENT_PROCESSING,
        error_messages={
            "required": _("We can review the application only with your consent to processing.")
        },
    )
    consent_publication = forms.BooleanField(label=CONSENT_PUBLICATION, required=False)

    field_order = [
        "bin",
        "company_name",
        "region",
        "contact_person",
        "email",
        "phone",
        "description",
        "consent_processing",
        "consent_publication",
    ]

    def clean_bin(self):
        return parse_bin(normalise_bin(self.cleaned_data["bin"])).number


class CorrectionForm(ApplicationDetailsForm):
    """What the applicant may correct after an information request (the BIN and email are fixed)."""

    note = forms.CharField(
        label=_("Your answer to our question"),
        max_length=2000,
        error_messages={"required": _("Please write your answer to our question.")},
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    field_order = ["note", "company_name", "region", "contact_person", "phone", "description"]


class WithdrawForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Yes, withdraw this application."),
        error_messages={"required": _("Tick the box to confirm the withdrawal.")},
    )

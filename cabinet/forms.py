from django import forms
from django.utils.translation import gettext_lazy as _

from accreditation.forms import (
    CONSENT_PROCESSING,
    CONSENT_PUBLICATION,
    ApplicationDetailsForm,
    clean_phone,
)
from directory.oked import OkedSection, normalise_sections
from dkz_site.forms import EmailAddressField, SiteErrorMessages
from dkz_site.images import validate_image


class SignInForm(SiteErrorMessages, forms.Form):
    email = EmailAddressField(
        label=_("Email address"),
        max_length=254,
        help_text=_(
            "The address the association knows for your company: its contact, or one a colleague added."
        ),
    )


class RepresentativeForm(SiteErrorMessages, forms.Form):
    name = forms.CharField(label=_("Full name"), max_length=200)
    email = EmailAddressField(label=_("Email address"), max_length=254)


class RenameForm(SiteErrorMessages, forms.Form):
    name = forms.CharField(label=_("Full name"), max_length=200)


class RenewalForm(ApplicationDetailsForm):
    """The renewal: the company's details as the membership has them, to confirm or correct, and the consents."""

    consent_processing = forms.BooleanField(
        label=CONSENT_PROCESSING,
        error_messages={
            "required": _("We can review the application only with your consent to processing.")
        },
    )
    consent_publication = forms.BooleanField(label=CONSENT_PUBLICATION, required=False)

    @classmethod
    def for_membership(cls, membership, data=None):
        initial = {
            "company_name": membership.company_name,
            "region": membership.region,
            "contact_person": membership.contact_person,
            "phone": membership.phone,
            "description": membership.profile.description(),
            "consent_publication": membership.profile.is_published,
        }
        return cls(data, initial=initial, prefix="renewal")


class OkedSectionsField(forms.MultipleChoiceField):
    """OKED sections as checkboxes; the cleaned value is the stored string of letters ("JM")."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        super().__init__(choices=OkedSection.choices, **kwargs)

    def prepare_value(self, value):
        return list(value) if isinstance(value, str) else value

    def clean(self, value):
        return normalise_sections(super().clean(value))

    def has_changed(self, initial, data):
        return normalise_sections(initial) != normalise_sections(data)


class ProfileForm(SiteErrorMessages, forms.Form):
    """The public profile as the member proposes it; every field is optional, the logo a picture."""

    description_kk = forms.CharField(
        label=_("Description in Kazakh"), max_length=2000, required=False, widget=forms.Textarea
    )
    description_ru = forms.CharField(
        label=_("Description in Russian"), max_length=2000, required=False, widget=forms.Textarea
    )
    description_en = forms.CharField(
        label=_("Description in English"), max_length=2000, required=False, widget=forms.Textarea
    )
    website = forms.URLField(
        label=_("Website"), max_length=200, required=False, assume_scheme="https"
    )
    public_email = EmailAddressField(label=_("Public email"), max_length=254, required=False)
    public_phone = forms.CharField(label=_("Public phone"), max_length=40, required=False)
    address = forms.CharField(
        label=_("Address"),
        max_length=300,
        required=False,
        help_text=_(
            "The office address visitors see, for example: Astana, Mangilik El avenue 55/20."
        ),
    )
    oked_sections = OkedSectionsField(
        label=_("Line of business (OKED sections)"),
        required=False,
        help_text=_("Tick every section of the classifier the company works in."),
    )
    logo = forms.ImageField(
        label=_("Logo"),
        required=False,
        help_text=_("JPEG, PNG or WebP, at most 2 MB and 4000 × 4000 pixels."),
        validators=[validate_image],
    )

    def clean_public_phone(self):
        return clean_phone(self.cleaned_data["public_phone"])

    @classmethod
    def for_membership(cls, membership, data=None, files=None):
        from .moderation import published_values

        return cls(data, files, initial=published_values(membership), prefix="profile")

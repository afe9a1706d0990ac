from django import forms
from django.core.exceptions import ValidationError
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


YES_NO = [("", "—"), ("yes", _("Yes")), ("no", _("No"))]


class ItemForm(SiteErrorMessages, forms.Form):
    """An equipment item as the member proposes it: names and descriptions in three languages, its model, a
    picture, and a value for each field of its category's specification vocabulary (`spec_<key>`)."""

    name_kk = forms.CharField(label=_("Name in Kazakh"), max_length=200, required=False)
    name_ru = forms.CharField(label=_("Name in Russian"), max_length=200, required=False)
    name_en = forms.CharField(label=_("Name in English"), max_length=200, required=False)
    model = forms.CharField(label=_("Model"), max_length=200, required=False)
    description_kk = forms.CharField(
        label=_("Description in Kazakh"), max_length=2000, required=False, widget=forms.Textarea
    )
    description_ru = forms.CharField(
        label=_("Description in Russian"), max_length=2000, required=False, widget=forms.Textarea
    )
    description_en = forms.CharField(
        label=_("Description in English"), max_length=2000, required=False, widget=forms.Textarea
    )
    picture = forms.ImageField(
        label=_("Picture"),
        required=False,
        help_text=_("JPEG, PNG or WebP, at most 2 MB and 4000 × 4000 pixels."),
        validators=[validate_image],
    )

    def __init__(self, data=None, files=None, *, category: str, equipment=None, replaces=None):
        """`equipment`: the item changed (None for a new one); `replaces`: an item of another category whose
        texts fill a new item's form."""
        from directory.models import SpecificationField, ValueType

        from .moderation import ITEM_FIELDS, item_values

        current = item_values(equipment)
        texts = item_values(replaces) if replaces is not None else current
        initial = {field: texts[field] for field in ITEM_FIELDS}
        super().__init__(data, files, initial=initial, prefix="item")
        self.category = category
        self.vocabulary = list(
            SpecificationField.objects.filter(category=category).prefetch_related("choices")
        )
        self.vocabulary.sort(key=lambda spec_field: spec_field.sort_key)
        for spec_field in self.vocabulary:
            name = f"spec_{spec_field.key}"
            label = str(spec_field)  # "Memory, GB"
            if spec_field.value_type == ValueType.BOOLEAN:
                field = forms.ChoiceField(label=label, choices=YES_NO, required=False)
            elif spec_field.value_type == ValueType.CHOICE:
                choices = [("", "—")] + [
                    (choice.key, choice.label()) for choice in spec_field.choices.all()
                ]
                field = forms.ChoiceField(label=label, choices=choices, required=False)
            else:
                field = forms.CharField(label=label, max_length=200, required=False)
            self.fields[name] = field
            self.initial[name] = current["specifications"].get(spec_field.key, "")

    def text_fields(self):
        return [self[name] for name in self.fields if not name.startswith("spec_")]

    def specification_fields(self):
        return [self[name] for name in self.fields if name.startswith("spec_")]

    def clean(self):
        from .moderation import canonical_value

        cleaned = super().clean()
        if not any(cleaned.get(f"name_{code}") for code in ("kk", "ru", "en")):
            self.add_error("name_kk", _("Give the item's name in at least one language."))
        specifications = {}
        for spec_field in self.vocabulary:
            name = f"spec_{spec_field.key}"
            try:
                specifications[spec_field.key] = canonical_value(spec_field, cleaned.get(name))
            except ValidationError as error:
                self.add_error(name, error)
        cleaned["specifications"] = specifications
        return cleaned

    def values(self) -> dict:
        from .moderation import ITEM_FIELDS

        return {field: self.cleaned_data[field] for field in ITEM_FIELDS}

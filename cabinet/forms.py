from django import forms
from django.utils.translation import gettext_lazy as _

from accreditation.forms import CONSENT_PROCESSING, CONSENT_PUBLICATION, ApplicationDetailsForm
from dkz_site.forms import EmailAddressField, SiteErrorMessages


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
            "description": membership.description(),
            "consent_publication": membership.is_published,
        }
        return cls(data, initial=initial, prefix="renewal")

from django import forms
from django.utils.translation import gettext_lazy as _

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

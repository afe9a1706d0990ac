"""Our own wording of the Django form errors its Kazakh catalogue leaves in English.

Django's Kazakh translation lacks the messages for a NUL character, a too-long text and an invalid email
address, so a Kazakh visitor would read them in English. Public forms mix in `SiteErrorMessages`; a message a
form sets itself is kept. The texts are the ones the contact form already uses, so they share its translations.
"""

from django import forms
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from .validators import INVALID_EMAIL, validate_email_address

TOO_LONG = ngettext_lazy(
    "Please shorten this to %(limit_value)d character (it has %(show_value)d).",
    "Please shorten this to %(limit_value)d characters (it has %(show_value)d).",
    "limit_value",
)
NO_NULL = _("This text contains a character that cannot be stored; please remove it.")


def use_site_error_messages(fields) -> None:
    """Give each text and email field the site's messages for the codes Django's validators raise."""
    for field in fields.values():
        if isinstance(field, forms.CharField):
            field.error_messages.setdefault("null_characters_not_allowed", NO_NULL)
            field.error_messages.setdefault("max_length", TOO_LONG)
        if isinstance(field, forms.EmailField):
            field.error_messages.setdefault("invalid", INVALID_EMAIL)
            # Django's own check (which lets `localhost` and IP literals through) gives way to the site's.
            field.validators = [
                validate_email_address if validator is validate_email else validator
                for validator in field.validators
            ]


class SiteErrorMessages:
    """Form mixin: the site's translated messages instead of Django's untranslated ones, and labels without
    Django's colon, as every public form of the site writes them."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        use_site_error_messages(self.fields)


class EmailAddressField(forms.EmailField):
    """An address the association can write to (dkz_site.validators), with the site's own error message."""

    default_validators = [validate_email_address]
    default_error_messages = {"invalid": INVALID_EMAIL}


class Honeypot(forms.Form):
    """Base of a public form bots find: a `website` field hidden from people (the template puts it in a
    `.honeypot` block) that bots fill in. A filled one means "answer like a success, store nothing"."""

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    @staticmethod
    def is_bot(data) -> bool:
        return bool(data.get("website", "").strip())

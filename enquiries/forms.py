"""The contact form, the visitor's answer form and the staff reply box: only what the policy names.

Contact data is name, email, company and message, nothing more (privacy policy, section 1). Every error
message is our own translated text, so Kazakh and Russian visitors never meet an English one.
"""

from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dkz_site.forms import NO_NULL, TOO_LONG, EmailAddressField, Honeypot

from .models import COMPANY_MAX_LENGTH, MESSAGE_MAX_LENGTH, NAME_MAX_LENGTH

CONSENT_WORDING = _(
    "I agree that Digital Kazakhstan processes my name, email address, company and message to answer "
    "this enquiry and to continue the correspondence about it, as described in the %(policy)s. "
    "I can withdraw this consent at any time."
)
# Inflected inside the sentence in Kazakh and Russian, hence its own context.
POLICY_LINK_TEXT = pgettext_lazy("consent sentence", "privacy policy")


def consent_wording() -> str:
    """The consent sentence exactly as the visitor reads it, in the current language: stored as proof."""
    return str(CONSENT_WORDING) % {"policy": POLICY_LINK_TEXT}


def consent_label():
    """The same sentence for the page, with the policy linked."""
    link = format_html('<a href="{}">{}</a>', reverse("privacy:policy"), POLICY_LINK_TEXT)
    return format_html(str(CONSENT_WORDING).replace("%(policy)s", "{}"), link)


def _text_errors(required_message, **extra):
    return {
        "required": required_message,
        "max_length": TOO_LONG,
        "null_characters_not_allowed": NO_NULL,
        **extra,
    }


class MessageField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", MESSAGE_MAX_LENGTH)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 8}))
        super().__init__(**kwargs)


class ContactForm(Honeypot):
    name = forms.CharField(
        label=_("Your name"),
        max_length=NAME_MAX_LENGTH,
        error_messages=_text_errors(_("Please tell us your name.")),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = EmailAddressField(
        label=_("Email address"),
        help_text=_("We answer to this address."),
        max_length=254,
        error_messages=_text_errors(
            _("Please enter your email address so that we can answer."),
            invalid=_("Please enter a valid email address, e.g. name@example.kz."),
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    company = forms.CharField(
        label=_("Company (optional)"),
        max_length=COMPANY_MAX_LENGTH,
        required=False,
        error_messages=_text_errors(""),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    message = MessageField(
        label=_("Your message"),
        help_text=_("Up to 5,000 characters."),
        error_messages=_text_errors(_("Please write your message.")),
    )
    consent = forms.BooleanField(
        error_messages={
            "required": _("We can answer only with your consent: please tick the box.")
        },
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = consent_label()


class AnswerForm(forms.Form):
    """The visitor's answer through the signed link in a reply email."""

    message = MessageField(
        label=_("Your message"),  # under the heading "Your answer": not the same words twice
        help_text=_("Up to 5,000 characters."),
        error_messages=_text_errors(_("Please write your answer.")),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

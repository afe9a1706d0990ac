"""The event registration form: the contact data the policy names (name, email, company), and the consent."""

from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from dkz_site.forms import Honeypot, SiteErrorMessages

from .models.events import COMPANY_MAX_LENGTH, NAME_MAX_LENGTH

CONSENT_WORDING = _(
    "I agree that Digital Kazakhstan processes my name, email address and company to register me for this "
    "event, to send me its confirmation, a reminder and any change to my place, and to keep the attendee list, "
    "as described in the %(policy)s. My data is deleted %(period)s after the event. I can withdraw this "
    "consent at any time."
)
# Inflected inside the sentence in Kazakh and Russian, hence its own context (shared with the contact form).
POLICY_LINK_TEXT = pgettext_lazy("consent sentence", "privacy policy")


def retention_period() -> str:
    days = settings.RETENTION_EVENT_ATTENDEE_DAYS
    if days % 30 == 0:
        months = days // 30
        return ngettext("%(count)d month", "%(count)d months", months) % {"count": months}
    return ngettext("%(count)d day", "%(count)d days", days) % {"count": days}


def consent_wording() -> str:
    """The consent sentence exactly as the visitor reads it, in the current language: stored as proof."""
    return str(CONSENT_WORDING) % {"policy": POLICY_LINK_TEXT, "period": retention_period()}


def consent_label():
    link = format_html('<a href="{}">{}</a>', reverse("privacy:policy"), POLICY_LINK_TEXT)
    text = str(CONSENT_WORDING).replace("%(policy)s", "{}").replace("%(period)s", "{}")
    return format_html(text, link, retention_period())


class RegistrationForm(SiteErrorMessages, Honeypot):
    name = forms.CharField(
        label=_("Your name"),
        max_length=NAME_MAX_LENGTH,
        error_messages={"required": _("Please tell us your name.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("The confirmation and the reminder come to this address."),
        max_length=254,
        error_messages={"required": _("Please enter your email address.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    company = forms.CharField(
        label=_("Company (optional)"),
        max_length=COMPANY_MAX_LENGTH,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    consent = forms.BooleanField(
        error_messages={
            "required": _("We can register you only with your consent: please tick the box.")
        },
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = consent_label()

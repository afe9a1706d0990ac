from django import forms
from django.utils.translation import gettext_lazy as _

from dkz_site.forms import EmailAddressField, SiteErrorMessages
from privacy.models import ConsentPurpose, RequestType


class SubjectRequestForm(SiteErrorMessages, forms.Form):
    email = EmailAddressField(
        label=_("Your email address"),
        max_length=254,
        help_text=_(
            "We send a confirmation link to this address: only its owner can make the request."
        ),
        error_messages={
            "required": _("Please enter your email address: we send the confirmation link to it.")
        },
    )
    request_type = forms.ChoiceField(
        label=_("What do you ask for?"),
        choices=RequestType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose what you ask for.")},
    )
    details = forms.CharField(
        label=_("Details"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("For rectification: what is wrong and what it should say. Otherwise optional."),
    )
    purposes = forms.MultipleChoiceField(
        label=_("Consents to withdraw"),
        required=False,
        choices=ConsentPurpose.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only for withdrawal. Tick none to withdraw every consent."),
    )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("request_type") == RequestType.RECTIFICATION
            and not cleaned.get("details", "").strip()
        ):
            self.add_error(
                "details", _("Please tell us what is wrong and what it should say instead.")
            )
        if cleaned.get("request_type") != RequestType.WITHDRAWAL:
            # Consents matter only to a withdrawal: whatever else came in that field is no reason to refuse.
            self.errors.pop("purposes", None)
            cleaned["purposes"] = []
        return cleaned

from django import forms
from django.contrib.auth import forms as auth_forms
from django.utils.translation import gettext_lazy as _

from .models import User


class UserCreationForm(auth_forms.UserCreationForm):
    class Meta:
        model = User
        fields = ["email"]


class UserChangeForm(auth_forms.UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


class SecondFactorForm(forms.Form):
    """One code: six digits from the authenticator app, or a backup code."""

    wrong_code_message = _(
        "That code is not right. Enter the newest code your authenticator app shows, or an unused backup code."
    )
    wrong_enrolment_code_message = _(
        "That code is not right. Check that your phone's clock is correct and enter the newest code the app shows."
    )
    throttled_message = _("Too many wrong codes in a row. Wait a few seconds, then try again.")

    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        strip=True,
        help_text=_("Six digits from the app, or one of your backup codes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
    )

    def __init__(self, *args, numeric: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if numeric:
            self.fields["code"].help_text = _("The six digits your authenticator app shows now.")
            self.fields["code"].widget.attrs.update({"inputmode": "numeric"})

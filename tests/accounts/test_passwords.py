import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command

from accounts.forms import UserCreationForm

pytestmark = pytest.mark.django_db

GOOD = "steppe-lantern-orbit-47"


def errors_for(password, user=None) -> list[str]:
    try:
        validate_password(password, user)
    except ValidationError as error:
        return [e.code for e in error.error_list]
    return []


def test_a_long_uncommon_password_passes():
    assert errors_for(GOOD) == []


@pytest.mark.parametrize(
    ("password", "code"),
    [
        ("Zq7-kx!Vb2r", "password_too_short"),  # 11 characters
        ("password1234", "password_too_common"),
        ("qwertyuiop123", "password_too_common"),
        ("482915736019", "password_entirely_numeric"),
    ],
)
def test_weak_passwords_are_refused(password, code):
    assert code in errors_for(password)


def test_twelve_characters_is_the_minimum():
    assert "password_too_short" not in errors_for("Zq7-kx!Vb2rT")
    assert "password_too_short" in errors_for("Zq7-kx!Vb2r")


def test_a_password_like_the_email_address_or_the_name_is_refused(settings):
    assert settings.AUTH_PASSWORD_VALIDATORS[0]["OPTIONS"]["user_attributes"] == [
        "email",
        "full_name",
    ]
    user = get_user_model()(email="sultanova@digitalkazakhstan.org", full_name="Aigerim Sultanova")
    assert "password_too_similar" in errors_for("sultanova@digitalkazakhstan", user)
    assert "password_too_similar" in errors_for("AigerimSultanova", user)
    assert errors_for(GOOD, user) == []


def test_admin_add_user_form_applies_the_rules():
    form = UserCreationForm(
        data={"email": "new@digitalkazakhstan.org", "password1": "short-1", "password2": "short-1"}
    )
    assert not form.is_valid()
    assert "password2" in form.errors
    assert not get_user_model().objects.filter(email="new@digitalkazakhstan.org").exists()

    form = UserCreationForm(
        data={"email": "new@digitalkazakhstan.org", "password1": GOOD, "password2": GOOD}
    )
    assert form.is_valid(), form.errors


def test_set_password_form_applies_the_rules(staff_user):
    form = SetPasswordForm(
        staff_user, data={"new_password1": "password1234", "new_password2": "password1234"}
    )
    assert not form.is_valid()
    staff_user.refresh_from_db()
    assert staff_user.check_password("a-long-staff-password-42")


def test_createsuperuser_noinput_from_the_environment(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_EMAIL", "Director@DigitalKazakhstan.org")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", GOOD)
    assert not get_user_model().objects.filter(email="director@digitalkazakhstan.org").exists()

    call_command("createsuperuser", "--noinput", verbosity=0)

    user = get_user_model().objects.get(email="director@digitalkazakhstan.org")
    assert user.is_staff and user.is_superuser
    assert user.check_password(GOOD)

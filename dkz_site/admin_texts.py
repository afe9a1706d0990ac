"""The admin in the staff member's language with correct grammar, where Django's and the packages' own words fail.

- Apps and models the packages name in English only or not at all (django-axes, django-otp; "TOTP device" is
  not even marked for translation) get the names below, set on their app configs and model options at start-up.
- Django's Russian and Kazakh admin put a nominative model name into a sentence that needs another case
  ("Выберите заявка для изменения", "Изменить заявка", "Добавить еще один Характеристика") and its Kazakh
  catalogue has mistakes ("өзгерту үщін таңда", "Алға", a bulk delete labelled "… өшірілді", "were deleted").
  The project's catalogue translates those msgids again, phrased around the name ("Изменение: заявка"); its
  translations take precedence (LOCALE_PATHS). The list below keeps the msgids in our catalogue (`make messages`
  drops what the code does not use).
- A list's heading is the model's plural name ("Заявки на аккредитацию"), and its count is a plural-aware
  "17 записей" (templates/admin/pagination.html), not "17 заявки".
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

APP_NAMES = {
    "auth": _("Users and permissions"),
    "axes": _("Sign-in attempts and lockouts"),
    "otp_totp": _("Authenticator apps"),
    "otp_static": _("Backup codes"),
    "django_tasks_database": _("Task queue"),
    "cookie_consent": _("Cookie groups"),
}

# (app label, model name): (singular, plural)
MODEL_NAMES = {
    ("axes", "accessattempt"): (_("sign-in attempt"), _("sign-in attempts")),
    ("axes", "accessfailurelog"): (_("failed sign-in"), _("failed sign-ins")),
    ("axes", "accesslog"): (_("sign-in record"), _("sign-in records")),
    ("otp_totp", "totpdevice"): (_("authenticator app"), _("authenticator apps")),
    ("otp_static", "staticdevice"): (_("set of backup codes"), _("sets of backup codes")),
}

RETRANSLATED = (
    _("Change %s"),
    _("Add %s"),
    _("Add %(name)s"),
    _("Add another %(model)s"),
    _("Change selected %(model)s"),
    _("View selected %(model)s"),
    _("Delete selected %(model)s"),
    _("View %s"),
    _("Select %s"),
    _("Select %s to change"),
    _("Select %s to view"),
    _("Add another %(verbose_name)s"),
    _("Delete selected %(verbose_name_plural)s"),
    _("Successfully deleted %(count)d %(items)s."),
    _("Go"),
    _("View site"),
    _("Show counts"),
    _("Hide counts"),
    _("Select all %(total_count)s %(module_name)s"),
    ngettext_lazy("%(counter)s result", "%(counter)s results", "counter"),
)


def name_the_packages_apps_and_models() -> None:
    """Give the packages' apps and models the names above (called once, from the site's AppConfig.ready)."""
    from django.apps import apps

    for label, name in APP_NAMES.items():
        try:
            apps.get_app_config(label).verbose_name = name
        except LookupError:
            continue
    for (label, model_name), (singular, plural) in MODEL_NAMES.items():
        try:
            options = apps.get_model(label, model_name)._meta
        except LookupError:
            continue
        options.verbose_name, options.verbose_name_plural = singular, plural

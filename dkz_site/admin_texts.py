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
    ("django_tasks_database", "dbtaskresult"): (_("queued task"), _("queued tasks")),
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

# Django's admin strings its Kazakh catalogue leaves untranslated (the sidebar's "Start typing to filter…", the
# theme and sorting controls, the messages after a save and in an object's history), and those whose Russian
# puts a model's name in the wrong gender ("Заявка … был успешно добавлен"): translated in ours, the same
# colon form as above ("Добавлено: заявка «…»"). The admin's JavaScript strings are in locale/*/djangojs.po.
UNTRANSLATED_BY_DJANGO = (
    _("Start typing to filter…"),
    _("Filter navigation items"),
    _("Filter"),
    _("Clear all filters"),
    _("Toggle navigation"),
    _("Sidebar"),
    _("Breadcrumbs"),
    _("Toggle theme (current theme: auto)"),
    _("Toggle theme (current theme: dark)"),
    _("Toggle theme (current theme: light)"),
    _("View"),
    _("Save and view"),
    _("Close"),
    _("Empty"),
    _("Not empty"),
    _("Yes, I’m sure"),
    _("No, take me back"),
    _("Summary"),
    _("Objects"),
    _("Toggle sorting"),
    _("Remove from sorting"),
    _("Sorting priority: %(priority_number)s"),
    _("Select all objects on this page for an action"),
    _("Select this object for an action - {}"),
    _("The {name} “{obj}” was added successfully."),
    _("The {name} “{obj}” was added successfully. You may add another {name} below."),
    _("The {name} “{obj}” was changed successfully."),
    _("The {name} “{obj}” was changed successfully. You may add another {name} below."),
    _("The {name} “{obj}” was changed successfully. You may edit it again below."),
    _("The %(name)s “%(obj)s” was deleted successfully."),
    _("You may edit it again below."),
    _("%(name)s with ID “%(key)s” doesn’t exist. Perhaps it was deleted?"),
    _("Added."),
    _("Added {name} “{object}”."),
    _("Changed {fields}."),
    _("Changed {fields} for {name} “{object}”."),
    _("Deleted {name} “{object}”."),
    _("Added “%(object)s”."),
    _("Changed “%(object)s” — %(changes)s"),
    _("Deleted “%(object)s.”"),
    _("My actions"),
    _("Added:"),
    _("Changed:"),
    _("Deleted:"),
    _("Addition"),
    _("Deletion"),
    _("Models in the %(name)s application"),
    _("%(app)s administration"),
    _("Administration"),
    _("You don’t have permission to view or edit anything."),
    _(
        "You are authenticated as %(username)s, but are not authorized to access this page. Would you like to login to a different account?"
    ),
    _("We’re sorry, but the requested page could not be found."),
    _(
        "There’s been an error. It’s been reported to the site administrators via email and should be fixed shortly. Thanks for your patience."
    ),
    _("This object doesn’t have a change history. It probably wasn’t added via this admin site."),
    _("Hold down “Control”, or “Command” on a Mac, to select more than one."),
    _("Popup closing…"),
    _("Thanks for spending some quality time with the web site today."),
    _(
        "Deleting %(class_name)s %(instance)s would require deleting the following protected related objects: %(related_objects)s"
    ),
    _("Currently:"),
    _("Change:"),
    # Django's kk has these in the familiar imperative ("Сақта және жаңасын қос"), not as buttons are named.
    _("Save and add another"),
    _("Save and continue editing"),
    _("Save as new"),
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

"""The cookie groups as data: necessary (required) and functional (language, compare cart)."""

from django.db import migrations

GROUPS = ["necessary", "functional"]


def install(apps, schema_editor):
    from privacy.cookies import install_cookie_groups

    install_cookie_groups(
        apps.get_model("cookie_consent", "CookieGroup"), apps.get_model("cookie_consent", "Cookie")
    )


def uninstall(apps, schema_editor):
    apps.get_model("cookie_consent", "CookieGroup").objects.filter(varname__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0003_load_policy_in_force"),
        ("cookie_consent", "0004_cookie_natural_key"),
    ]

    operations = [migrations.RunPython(install, uninstall)]

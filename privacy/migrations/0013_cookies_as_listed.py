"""The cookie groups as privacy.cookies.COOKIE_GROUPS lists them now: no `messages` cookie (flash messages live in
the session), and the session cookie described as what it is for visitors too."""

from django.db import migrations


def install(apps, schema_editor):
    from privacy.cookies import install_cookie_groups

    install_cookie_groups(
        apps.get_model("cookie_consent", "CookieGroup"), apps.get_model("cookie_consent", "Cookie")
    )


class Migration(migrations.Migration):
    dependencies = [("privacy", "0012_requests_received_outside_the_site")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]

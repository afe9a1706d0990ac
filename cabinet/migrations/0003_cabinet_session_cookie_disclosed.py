"""The cabinet's session cookie, listed with the necessary cookies on the cookies page."""

from django.db import migrations


def install(apps, schema_editor):
    from privacy.cookies import install_cookie_groups

    install_cookie_groups(
        apps.get_model("cookie_consent", "CookieGroup"), apps.get_model("cookie_consent", "Cookie")
    )


def uninstall(apps, schema_editor):
    apps.get_model("cookie_consent", "Cookie").objects.filter(name="dkz_cabinet").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cabinet", "0002_certificate_verification_codes"),
        ("privacy", "0004_cookie_groups"),
        ("cookie_consent", "0004_cookie_natural_key"),
    ]

    operations = [migrations.RunPython(install, uninstall)]

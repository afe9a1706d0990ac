"""The ICU collation that puts names in Kazakh alphabetical order on PostgreSQL (see dkz_site/collation.py).

PostgreSQL built with ICU (Debian's and the official images are) creates it from the locale kk-KZ; the database
owner may create collations. Nothing happens on SQLite, which orders by the stored sort-key columns instead.
(Django's CreateCollation would try to drop it on SQLite when migrating back, hence plain SQL here.)
"""

from django.db import migrations

from dkz_site.collation import KAZAKH_COLLATION, KAZAKH_COLLATION_LOCALE


def create_collation(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE COLLATION IF NOT EXISTS {KAZAKH_COLLATION} "
        f"(provider = icu, locale = '{KAZAKH_COLLATION_LOCALE}')"
    )


def drop_collation(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP COLLATION IF EXISTS {KAZAKH_COLLATION}")


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [migrations.RunPython(create_collation, drop_collation)]

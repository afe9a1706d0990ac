"""The ICU collation that puts names in Kazakh alphabetical order on PostgreSQL (see dkz_site/collation.py).

PostgreSQL built with ICU (Debian's and the official images are) creates it from the locale kk-KZ; the database
owner may create collations. Nothing happens on SQLite, which orders by the stored sort-key columns instead.
"""

from django.contrib.postgres.operations import CreateCollation
from django.db import migrations

from dkz_site.collation import KAZAKH_COLLATION, KAZAKH_COLLATION_LOCALE


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        CreateCollation(KAZAKH_COLLATION, provider="icu", locale=KAZAKH_COLLATION_LOCALE),
    ]

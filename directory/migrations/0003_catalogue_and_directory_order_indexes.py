"""Indexes in the order the directory and the catalogue list their rows, so a page (and a capped count) reads
the first rows of an index instead of sorting 100,000 members or 500,000 items on every view.

The members' index is on accreditation's table but belongs to the directory, which is the one that lists
them in this order (like the trigram index of 0002); plain SQL that SQLite and PostgreSQL both understand.
"""

from django.db import migrations, models

MEMBERS_INDEX = "directory_membership_name_order"


class Migration(migrations.Migration):
    dependencies = [
        ("accreditation", "0001_membership"),
        ("directory", "0002_membership_search_trigram_index"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="equipment",
            index=models.Index(fields=["name", "id"], name="equipment_catalogue_order"),
        ),
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {MEMBERS_INDEX} "
            "ON accreditation_membership (company_name, id)",
            f"DROP INDEX IF EXISTS {MEMBERS_INDEX}",
        ),
    ]

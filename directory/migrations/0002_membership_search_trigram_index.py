"""On PostgreSQL, a trigram index makes the directory's substring search (LIKE '%word%') use an index.

The search runs on accreditation's normalised `search_text` column (case already folded in Python, so the same
query is right on SQLite too). The index belongs to the directory, which is the one that searches. pg_trgm is a
trusted extension (PostgreSQL 13+): the database owner may create it. Nothing happens on SQLite.
"""

from django.db import migrations

INDEX = "directory_membership_search_trgm"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON accreditation_membership "
        "USING gin (search_text gin_trgm_ops)"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("accreditation", "0001_membership"),
        ("directory", "0001_equipment"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]

"""The directory's indexes after the public profile's columns left the membership (accreditation 0009).

Dropping those columns dropped the indexes that carried them (PostgreSQL), or every index Django does not know of
when SQLite rebuilt the table: the members' name indexes of 0005 are made again, without `is_published`. Whether a
member is published is read from `directory_profile_published`, a partial index of the published profiles, so a
page is still walked from indexes alone; the search's trigram index is now on the profile's search column.
"""

from django.db import migrations

from dkz_site.collation import KAZAKH_COLLATION

LISTING_COLUMNS = ["region", "starts_on", "ends_on", "ended_on", "email"]

MEMBERS_INDEXES = {
    # name: (ordered columns, included columns), on accreditation_membership
    "directory_membership_name_order": (["NAME", "id"], LISTING_COLUMNS),
    "directory_membership_region_name": (["region", "NAME", "id"], LISTING_COLUMNS),
    "directory_membership_newest_name": (["starts_on DESC", "NAME", "id"], LISTING_COLUMNS),
}
PUBLISHED_INDEX = "directory_profile_published"
SEARCH_INDEX = "directory_memberprofile_search_trgm"
OLD_SEARCH_INDEX = "directory_membership_search_trgm"  # 0002's, gone with the column


def _name(postgresql: bool) -> str:
    return f'company_name COLLATE "{KAZAKH_COLLATION}"' if postgresql else "name_sort_key"


def create_indexes(apps, schema_editor):
    postgresql = schema_editor.connection.vendor == "postgresql"
    for index, (columns, carried) in MEMBERS_INDEXES.items():
        ordered = [_name(postgresql) if column == "NAME" else column for column in columns]
        keys = {column.split()[0] for column in columns}
        included = [column for column in carried if column not in keys]
        include = f" INCLUDE ({', '.join(included)})" if postgresql and included else ""
        schema_editor.execute(f"DROP INDEX IF EXISTS {index}")
        schema_editor.execute(
            f"CREATE INDEX {index} ON accreditation_membership ({', '.join(ordered)}){include}"
        )
    true = "true" if postgresql else "1"
    schema_editor.execute(
        f"CREATE INDEX {PUBLISHED_INDEX} ON directory_memberprofile (membership_id) "
        f"WHERE is_published = {true}"
    )
    if postgresql:
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(f"DROP INDEX IF EXISTS {OLD_SEARCH_INDEX}")
        schema_editor.execute(
            f"CREATE INDEX {SEARCH_INDEX} ON directory_memberprofile "
            "USING gin (search_text gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    for index in [*MEMBERS_INDEXES, PUBLISHED_INDEX, SEARCH_INDEX]:
        schema_editor.execute(f"DROP INDEX IF EXISTS {index}")


class Migration(migrations.Migration):
    dependencies = [
        ("accreditation", "0009_public_profile_moves_to_directory"),
        ("directory", "0006_member_profile"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]

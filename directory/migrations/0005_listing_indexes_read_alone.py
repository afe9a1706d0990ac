"""Indexes from which a page of the directory or the catalogue is read without visiting the tables, at any depth
and with any filter.

A page is found by walking an index in the list's order (members by name, by name within a region, or newest
first; items by name or by name within a category) past the rows before it, checking each row walked against the
listing rules (the member active today, published, not blocked). Before, each check read the row from the table:
page 50 of the members list visited 1,000 rows (36 ms at 100,000 members), page 40 of a region 104 ms, page 60
of the catalogue 14 ms. On PostgreSQL these indexes carry the columns the rules and the filters read (INCLUDE),
so the walk stays in the indexes (index-only scans): 0.7, 0.6 and 3 ms (the catalogue still reads each item's
member by its primary key). `equipment_member_category` answers "does this member offer this category" from the
index alone, for the members' category filter.

The members' name indexes follow `directory.listing.by_name()`: a change to how names sort (a collation) must
build them in the same order, or pages go back to sorting.

The members' indexes are on accreditation's table but belong to the directory, which is the one that lists
members in these orders (like 0002 to 0004). On SQLite (no INCLUDE) they are plain indexes in the same order.
The catalogue's two indexes of 0004 are replaced by covering ones.
"""

from django.db import migrations, models

from dkz_site.collation import KAZAKH_COLLATION

# What the listing rules and the members' filters read, besides each order's own columns.
LISTING_COLUMNS = ["region", "is_published", "starts_on", "ends_on", "ended_on", "email"]

# "NAME" stands for the name in `Alphabetical`'s order: under the Kazakh collation on PostgreSQL, the stored sort
# key elsewhere (dkz_site/collation.py), exactly as the queries order by it.
INDEXES = {
    # name: (table, name column, ordered columns, included columns)
    "directory_membership_name_order": (
        "accreditation_membership",
        "company_name",
        ["NAME", "id"],
        LISTING_COLUMNS,
    ),
    "directory_membership_region_name": (
        "accreditation_membership",
        "company_name",
        ["region", "NAME", "id"],
        LISTING_COLUMNS,
    ),
    "directory_membership_newest_name": (
        "accreditation_membership",
        "company_name",
        ["starts_on DESC", "NAME", "id"],
        LISTING_COLUMNS,
    ),
    "directory_equipment_name_order": ("directory_equipment", "name", ["NAME", "id"], ["member_id"]),
    "directory_equipment_category_name": (
        "directory_equipment",
        "name",
        ["category", "NAME", "id"],
        ["member_id"],
    ),
}


def _name(column: str, postgresql: bool) -> str:
    return f'{column} COLLATE "{KAZAKH_COLLATION}"' if postgresql else "name_sort_key"


def create_indexes(apps, schema_editor):
    postgresql = schema_editor.connection.vendor == "postgresql"
    for index, (table, name, columns, carried) in INDEXES.items():
        ordered = [_name(name, postgresql) if column == "NAME" else column for column in columns]
        keys = {column.split()[0] for column in columns} | {name}
        included = [column for column in carried if column not in keys]
        include = f" INCLUDE ({', '.join(included)})" if postgresql and included else ""
        schema_editor.execute(f"DROP INDEX IF EXISTS {index}")
        schema_editor.execute(f"CREATE INDEX {index} ON {table} ({', '.join(ordered)}){include}")


def drop_indexes(apps, schema_editor):
    postgresql = schema_editor.connection.vendor == "postgresql"
    for index in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {index}")
    # What 0004 made.
    schema_editor.execute(
        "CREATE INDEX directory_membership_name_order ON accreditation_membership "
        f"({_name('company_name', postgresql)}, id)"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0004_names_in_kazakh_alphabetical_order"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="equipment", name="equipment_category_name"),
        migrations.RemoveIndex(model_name="equipment", name="equipment_catalogue_order"),
        migrations.AddIndex(
            model_name="equipment",
            index=models.Index(fields=["member", "category"], name="equipment_member_category"),
        ),
        migrations.RunPython(create_indexes, drop_indexes),
    ]

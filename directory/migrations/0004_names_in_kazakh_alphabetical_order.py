"""Members and items in Kazakh alphabetical order, index-backed on both databases.

The catalogue's indexes are rebuilt on `Alphabetical(name, name_sort_key)`: on PostgreSQL the name under the ICU
collation, on SQLite the stored key. The directory's members index (on accreditation's table, owned here as in
0003) is rebuilt on the same expression as `accreditation.models.alphabetical_name`, through Django's own index
SQL, so that the query and the index stay the same expression.
"""

import dkz_site.collation
from django.db import migrations, models
from django.db.models import F

from dkz_site.collation import Alphabetical, sort_key

MEMBERS_INDEX = "directory_membership_name_order"  # as 0003 named it
BATCH = 5000


def fill_sort_keys(apps, schema_editor):
    Equipment = apps.get_model("directory", "Equipment")
    names = list(Equipment.objects.order_by("pk").values_list("pk", "name"))  # read before writing (SQLite)
    for start in range(0, len(names), BATCH):
        Equipment.objects.bulk_update(
            [Equipment(pk=pk, name_sort_key=sort_key(name)) for pk, name in names[start : start + BATCH]],
            ["name_sort_key"],
        )


def members_index():
    return models.Index(Alphabetical("company_name", "name_sort_key"), F("id"), name=MEMBERS_INDEX)


def rebuild_members_index(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX IF EXISTS {MEMBERS_INDEX}")
    schema_editor.add_index(apps.get_model("accreditation", "Membership"), members_index())


def restore_members_index(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX IF EXISTS {MEMBERS_INDEX}")
    schema_editor.execute(f"CREATE INDEX {MEMBERS_INDEX} ON accreditation_membership (company_name, id)")


class Migration(migrations.Migration):

    dependencies = [
        ('accreditation', '0005_membership_name_in_kazakh_alphabetical_order'),
        ('directory', '0003_catalogue_and_directory_order_indexes'),
        ('dkz_site', '0001_kazakh_collation'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='equipment',
            options={'ordering': [dkz_site.collation.Alphabetical('name', 'name_sort_key'), 'id'], 'verbose_name': 'equipment item', 'verbose_name_plural': 'equipment'},
        ),
        migrations.RemoveIndex(
            model_name='equipment',
            name='equipment_category_name',
        ),
        migrations.RemoveIndex(
            model_name='equipment',
            name='equipment_catalogue_order',
        ),
        migrations.AddField(
            model_name='equipment',
            name='name_sort_key',
            field=models.TextField(blank=True, default='', editable=False),
        ),
        migrations.RunPython(fill_sort_keys, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name='equipment',
            index=models.Index(models.F('category'), dkz_site.collation.Alphabetical('name', 'name_sort_key'), name='equipment_category_name'),
        ),
        migrations.AddIndex(
            model_name='equipment',
            index=models.Index(dkz_site.collation.Alphabetical('name', 'name_sort_key'), models.F('id'), name='equipment_catalogue_order'),
        ),
        migrations.RunPython(rebuild_members_index, restore_members_index),
    ]

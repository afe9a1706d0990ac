"""Members sorted in Kazakh alphabetical order: the sort key SQLite orders by, filled for every membership."""

import dkz_site.collation
from django.db import migrations, models

from dkz_site.collation import sort_key

BATCH = 2000


def fill_sort_keys(apps, schema_editor):
    Membership = apps.get_model("accreditation", "Membership")
    names = list(Membership.objects.order_by("pk").values_list("pk", "company_name"))  # read before writing (SQLite)
    for start in range(0, len(names), BATCH):
        Membership.objects.bulk_update(
            [Membership(pk=pk, name_sort_key=sort_key(name)) for pk, name in names[start : start + BATCH]],
            ["name_sort_key"],
        )


class Migration(migrations.Migration):

    dependencies = [
        ('accreditation', '0004_history_entry_keeps_its_email'),
        ('dkz_site', '0001_kazakh_collation'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='membership',
            options={'ordering': [dkz_site.collation.Alphabetical('company_name', 'name_sort_key'), 'pk'], 'verbose_name': 'membership', 'verbose_name_plural': 'memberships'},
        ),
        migrations.AddField(
            model_name='membership',
            name='name_sort_key',
            field=models.TextField(blank=True, default='', editable=False),
        ),
        migrations.RunPython(fill_sort_keys, migrations.RunPython.noop),
    ]

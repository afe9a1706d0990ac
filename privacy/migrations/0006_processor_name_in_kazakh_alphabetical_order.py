"""Processors sorted in Kazakh alphabetical order: the sort key SQLite orders by, filled for every processor."""

import dkz_site.collation
from django.db import migrations, models

from dkz_site.collation import sort_key


def fill_sort_keys(apps, schema_editor):
    Processor = apps.get_model("privacy", "Processor")
    for processor in Processor.objects.only("pk", "name"):
        processor.name_sort_key = sort_key(processor.name)
        processor.save(update_fields=["name_sort_key"])


class Migration(migrations.Migration):

    dependencies = [
        ('dkz_site', '0001_kazakh_collation'),
        ('privacy', '0005_data_subject_requests_and_retention_runs'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='processor',
            options={'ordering': [dkz_site.collation.Alphabetical('name', 'name_sort_key'), 'id'], 'verbose_name': 'processor', 'verbose_name_plural': 'processors register'},
        ),
        migrations.AddField(
            model_name='processor',
            name='name_sort_key',
            field=models.TextField(blank=True, default='', editable=False),
        ),
        migrations.RunPython(fill_sort_keys, migrations.RunPython.noop),
    ]

"""Search as people type: the members' search column refolded (`directory.search.fold`: Kazakh letters as their
Russian look-alikes, Cyrillic and Latin as one, the region's names added), and the catalogue's items given a
search column of their own, with a trigram GIN index on PostgreSQL like the profiles' (migration 0007).
"""

from django.db import migrations, models

ITEM_SEARCH_INDEX = "directory_equipment_search_trgm"
BATCH = 2000


def refold(apps, schema_editor):
    from directory.search import searched_text

    MemberProfile = apps.get_model("directory", "MemberProfile")
    Equipment = apps.get_model("directory", "Equipment")
    profiles = MemberProfile.objects.select_related("membership").order_by("pk")
    changed = []
    for profile in profiles.iterator(chunk_size=BATCH):
        membership = profile.membership
        profile.search_text = searched_text(
            membership.company_name,
            profile.description_kk,
            profile.description_ru,
            profile.description_en,
            region=membership.region,
        )
        changed.append(profile)
        if len(changed) >= BATCH:
            MemberProfile.objects.bulk_update(changed, ["search_text"])
            changed = []
    MemberProfile.objects.bulk_update(changed, ["search_text"])
    changed = []
    fields = ("name_kk", "name_ru", "name_en", "model", "description_kk", "description_ru", "description_en")
    for item in Equipment.objects.order_by("pk").iterator(chunk_size=BATCH):
        item.search_text = searched_text(*(getattr(item, name) for name in fields))
        changed.append(item)
        if len(changed) >= BATCH:
            Equipment.objects.bulk_update(changed, ["search_text"])
            changed = []
    Equipment.objects.bulk_update(changed, ["search_text"])


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {ITEM_SEARCH_INDEX} ON directory_equipment "
        "USING gin (search_text gin_trgm_ops)"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {ITEM_SEARCH_INDEX}")


class Migration(migrations.Migration):
    dependencies = [("directory", "0011_specifications_from_the_vocabulary")]

    operations = [
        migrations.AddField(
            model_name="equipment",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(refold, migrations.RunPython.noop),
        migrations.RunPython(create_index, drop_index),
    ]

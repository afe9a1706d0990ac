"""The catalogue in the order of the page's language, and text values of specifications per language.

- Russian and English pages list items by the name they show (the item's own in that language, else `name`, the
  first given) in their language's alphabetical order: ICU's ru and en collations on PostgreSQL (created here),
  stored sort keys (`name_sort_key_ru`, `name_sort_key_en`) elsewhere, as `directory.models.alphabetical_name`
  orders. Each order has its covering indexes, as Kazakh's have (0005): by name, and by category then name, with
  the member carried so a page is walked in the index alone.
- A specification's text value may be given in words per language (`text_kk`, `text_ru`, `text_en`); `text` stays
  for what reads the same in every language. The vocabulary's new field "In the box" is such a text.
"""

from django.db import migrations, models
from django.db.models import F, Value
from django.db.models.functions import Coalesce, NullIf

from dkz_site.collation import COLLATIONS, Alphabetical, sort_key

LANGUAGES = ("ru", "en")
BATCH = 5000


def shown_name(language: str) -> Alphabetical:
    return Alphabetical(
        Coalesce(NullIf(F(f"name_{language}"), Value("")), F("name")),
        f"name_sort_key_{language}",
        collation=COLLATIONS[language][0],
    )


def indexes():
    for language in LANGUAGES:
        yield models.Index(
            shown_name(language), F("id"), name=f"directory_equipment_name_order_{language}", include=["member"]
        )
        yield models.Index(
            F("category"),
            shown_name(language),
            F("id"),
            name=f"directory_equipment_category_name_{language}",
            include=["member"],
        )


def create_collations(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for language in LANGUAGES:
        name, locale = COLLATIONS[language]
        schema_editor.execute(
            f"CREATE COLLATION IF NOT EXISTS {name} (provider = icu, locale = '{locale}')"
        )


def drop_collations(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for language in LANGUAGES:
        schema_editor.execute(f"DROP COLLATION IF EXISTS {COLLATIONS[language][0]}")


def fill_sort_keys(apps, schema_editor):
    Equipment = apps.get_model("directory", "Equipment")
    rows = list(Equipment.objects.order_by("pk").values_list("pk", "name", "name_ru", "name_en"))
    for start in range(0, len(rows), BATCH):
        Equipment.objects.bulk_update(
            [
                Equipment(
                    pk=pk,
                    name_sort_key_ru=sort_key(name_ru or name, "ru"),
                    name_sort_key_en=sort_key(name_en or name, "en"),
                )
                for pk, name, name_ru, name_en in rows[start : start + BATCH]
            ],
            ["name_sort_key_ru", "name_sort_key_en"],
        )


def add_vocabulary_fields(apps, schema_editor):
    """The vocabulary's fields added since 0010 ("In the box", a text in words, for drones, 3D printers and
    measuring instruments); fields staff edited stay as they are."""
    from directory.vocabulary import install

    install(apps.get_model("directory", "SpecificationField"), apps.get_model("directory", "SpecificationChoice"))


def create_indexes(apps, schema_editor):
    """These orders' indexes, and Kazakh's of 0005 again where SQLite's rebuild of the table for the new columns
    dropped them (it keeps only the indexes the models declare; see 0012)."""
    from importlib import import_module

    import_module("directory.migrations.0012_search_as_people_type").restore_catalogue_indexes(
        apps, schema_editor
    )
    model = apps.get_model("directory", "Equipment")
    for index in indexes():
        schema_editor.execute(f"DROP INDEX IF EXISTS {index.name}")
        schema_editor.add_index(model, index)


def drop_indexes(apps, schema_editor):
    for index in indexes():
        schema_editor.execute(f"DROP INDEX IF EXISTS {index.name}")


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0013_public_address_and_oked_sections"),
        ("dkz_site", "0001_kazakh_collation"),
    ]

    operations = [
        migrations.RunPython(create_collations, drop_collations),
        migrations.AddField(
            model_name="equipment",
            name="name_sort_key_en",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.AddField(
            model_name="equipment",
            name="name_sort_key_ru",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(fill_sort_keys, migrations.RunPython.noop),
        migrations.RunPython(create_indexes, drop_indexes),
        migrations.AddField(
            model_name="specification",
            name="text_en",
            field=models.CharField(blank=True, max_length=200, verbose_name="text (English)"),
        ),
        migrations.AddField(
            model_name="specification",
            name="text_kk",
            field=models.CharField(blank=True, max_length=200, verbose_name="text (Kazakh)"),
        ),
        migrations.AddField(
            model_name="specification",
            name="text_ru",
            field=models.CharField(blank=True, max_length=200, verbose_name="text (Russian)"),
        ),
        migrations.RunPython(add_vocabulary_fields, migrations.RunPython.noop),
    ]

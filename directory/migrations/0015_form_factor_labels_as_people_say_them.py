"""The form factors' Kazakh and Russian labels as people say them: "Стойкаға орнатылатын, 1U" and "Стоечный, 1U"
for "rack, 1U", "Қабырғаға немесе төбеге орнатылатын" for "wall or ceiling". A label staff have since edited
stays as they wrote it."""

from django.db import migrations

# (choice key, language, label before, label now)
RELABELLED = [
    ("rack-1u", "kk", "Стойкаға, 1U", "Стойкаға орнатылатын, 1U"),
    ("rack-2u", "kk", "Стойкаға, 2U", "Стойкаға орнатылатын, 2U"),
    ("wall", "kk", "Қабырғаға немесе төбеге", "Қабырғаға немесе төбеге орнатылатын"),
    ("rack-1u", "ru", "В стойку, 1U", "Стоечный, 1U"),
    ("rack-2u", "ru", "В стойку, 2U", "Стоечный, 2U"),
]


def relabel(apps, *, forward: bool) -> None:
    choices = apps.get_model("directory", "SpecificationChoice").objects.filter(
        field__key="form-factor"
    )
    for key, language, before, now in RELABELLED:
        old, new = (before, now) if forward else (now, before)
        choices.filter(key=key, **{f"label_{language}": old}).update(**{f"label_{language}": new})


class Migration(migrations.Migration):
    dependencies = [("directory", "0014_catalogue_order_and_text_values_per_language")]

    operations = [
        migrations.RunPython(
            lambda apps, schema_editor: relabel(apps, forward=True),
            lambda apps, schema_editor: relabel(apps, forward=False),
        )
    ]

"""The MCI (monthly calculation index) of the years the site has known, as the budget laws set them."""

from decimal import Decimal

from django.db import migrations

INDEX = {
    2024: (Decimal("3692"), "Law on the republican budget for 2024–2026"),
    2025: (Decimal("3932"), "Law on the republican budget for 2025–2027"),
    2026: (Decimal("4325"), "Law on the republican budget for 2026–2028"),
}


def load_index(apps, schema_editor):
    CalculationIndex = apps.get_model("association", "CalculationIndex")
    for year, (value, source) in INDEX.items():
        CalculationIndex.objects.get_or_create(
            year=year, defaults={"value_kzt": value, "source": source}
        )


def unload_index(apps, schema_editor):
    CalculationIndex = apps.get_model("association", "CalculationIndex")
    for year, (value, _source) in INDEX.items():
        CalculationIndex.objects.filter(year=year, value_kzt=value).delete()


class Migration(migrations.Migration):
    dependencies = [("association", "0001_association_pages_fees_news_events_groups")]

    operations = [migrations.RunPython(load_index, unload_index)]

"""Load the policy in force since 14 May 2026 (P30): the association's English text and our kk/ru translations.

The texts are read from privacy/policy_texts/ as they stand when the migration runs. Reverse removes that
version only if no consent refers to it (PROTECT refuses otherwise, as it should).
"""

import datetime
from pathlib import Path

from django.db import migrations

LABEL = "2026-05-14"
IN_FORCE_SINCE = datetime.date(2026, 5, 14)
TEXTS = Path(__file__).resolve().parent.parent / "policy_texts"


def load_policy(apps, schema_editor):
    PolicyVersion = apps.get_model("privacy", "PolicyVersion")
    bodies = {
        language: (TEXTS / f"privacy-policy.{language}.txt").read_text(encoding="utf-8").strip()
        for language in ("kk", "ru", "en")
    }
    PolicyVersion.objects.update_or_create(
        label=LABEL,
        defaults={
            "published_on": IN_FORCE_SINCE,
            "effective_on": IN_FORCE_SINCE,
            "is_material": False,
            "body_kk": bodies["kk"],
            "body_ru": bodies["ru"],
            "body_en": bodies["en"],
        },
    )


def unload_policy(apps, schema_editor):
    apps.get_model("privacy", "PolicyVersion").objects.filter(label=LABEL).delete()


class Migration(migrations.Migration):
    dependencies = [("privacy", "0002_processors_register_and_cookie_consent_log")]

    operations = [migrations.RunPython(load_policy, unload_policy)]

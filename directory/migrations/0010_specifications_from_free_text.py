"""Equipment in three languages, specifications from the vocabulary.

- The item's one name and description were written in English (the only language the catalogue had): they
  become `name_en` and `description_en`; the other languages stay empty until someone writes them (the pages
  fall back to English, marked as such).
- The standard vocabulary is installed (directory/vocabulary.py). Each free-text specification row (name,
  value) becomes a value of its category's field whose label (in any language), key or former name matches the
  name, ignoring case and spacing. A name no field has becomes a new text field of the category, labelled as
  written in all three languages, for staff to translate. A value is read as the field's type ("64 GB" as 64 in
  a GB field, "yes", a choice's label); what cannot be read is kept as written (text). A second row of the same
  field on one item is dropped (the comparison showed only the first).
"""

import re
from decimal import Decimal, InvalidOperation

from django.db import migrations
from django.utils.text import slugify

NUMBER = re.compile(r"^\s*([-−+]?\d[\d\s\u00a0]*(?:[.,]\d+)?)\s*(.*?)\s*$")
YES = {"yes", "true", "да", "есть", "иә", "бар"}
NO = {"no", "none", "false", "нет", "жоқ"}


def folded(text):
    return " ".join(str(text or "").split()).casefold()


def read_value(spec_field, choices, raw):
    """The value columns for `raw` as `spec_field`'s type, or the text as written."""
    text = " ".join(str(raw or "").split())[:200]
    columns = {"number": None, "flag": None, "choice_id": None, "text": ""}
    if spec_field.value_type == "number":
        match = NUMBER.match(text)
        units = {folded(u) for u in (spec_field.unit_kk, spec_field.unit_ru, spec_field.unit_en) if u}
        if match and (not match.group(2) or folded(match.group(2)) in units):
            digits = re.sub(r"[\s\u00a0]", "", match.group(1)).replace(",", ".").replace("−", "-")
            try:
                columns["number"] = Decimal(digits)
                return columns
            except InvalidOperation:
                pass
    elif spec_field.value_type == "boolean":
        if folded(text) in YES | NO:
            columns["flag"] = folded(text) in YES
            return columns
    elif spec_field.value_type == "choice":
        for choice in choices.get(spec_field.pk, []):
            labels = {folded(n) for n in (choice.key, choice.label_kk, choice.label_ru, choice.label_en)}
            if folded(text) in labels:
                columns["choice_id"] = choice.pk
                return columns
    columns["text"] = text
    return columns


def forwards(apps, schema_editor):
    from directory.vocabulary import STANDARD, install

    Equipment = apps.get_model("directory", "Equipment")
    Specification = apps.get_model("directory", "Specification")
    SpecificationField = apps.get_model("directory", "SpecificationField")
    SpecificationChoice = apps.get_model("directory", "SpecificationChoice")

    for item in Equipment.objects.all().iterator():
        item.name_en = item.name_en or item.name
        item.description_en = item.description_en or item.description
        item.save(update_fields=["name_en", "description_en"])

    install(SpecificationField, SpecificationChoice)
    fields_by_name = {}  # (category, folded name) -> field
    next_order = {}
    for spec_field in SpecificationField.objects.all():
        names = {spec_field.key, spec_field.label_kk, spec_field.label_ru, spec_field.label_en}
        entry = next((f for f in STANDARD.get(spec_field.category, []) if f.key == spec_field.key), None)
        names |= set(entry.aliases if entry else ())
        for name in names:
            fields_by_name.setdefault((spec_field.category, folded(name)), spec_field)
        next_order[spec_field.category] = max(next_order.get(spec_field.category, 0), spec_field.order)
    choices = {}
    for choice in SpecificationChoice.objects.all():
        choices.setdefault(choice.field_id, []).append(choice)

    done = set()  # (equipment, field)
    rows = Specification.objects.select_related("equipment").order_by("equipment_id", "order", "id")
    for spec in rows.iterator():
        category = spec.equipment.category
        spec_field = fields_by_name.get((category, folded(spec.name)))
        if spec_field is None:
            label = " ".join(spec.name.split())[:100] or "?"
            key = (slugify(label) or "field")[:40]
            while SpecificationField.objects.filter(category=category, key=key).exists():
                key = f"{key[:36]}-{spec.pk % 1000}"
            next_order[category] = next_order.get(category, 0) + 10
            spec_field = SpecificationField.objects.create(
                category=category,
                key=key,
                group="general",
                order=next_order[category],
                value_type="text",
                label_kk=label,
                label_ru=label,
                label_en=label,
            )
            fields_by_name[(category, folded(spec.name))] = spec_field
        if (spec.equipment_id, spec_field.pk) in done:
            spec.delete()
            continue
        done.add((spec.equipment_id, spec_field.pk))
        for column, value in read_value(spec_field, choices, spec.value).items():
            setattr(spec, column, value)
        spec.field = spec_field
        spec.save()


def backwards(apps, schema_editor):
    Equipment = apps.get_model("directory", "Equipment")
    Specification = apps.get_model("directory", "Specification")
    for item in Equipment.objects.all().iterator():
        item.name = item.name_en or item.name_kk or item.name_ru or item.name
        item.description = item.description_en or item.description_kk or item.description_ru
        item.save(update_fields=["name", "description"])
    for spec in Specification.objects.select_related("field", "choice").iterator():
        spec.name = spec.field.label_en
        spec.order = spec.field.order
        if spec.number is not None:
            number = spec.number.normalize()
            value = f"{number:f}"
            spec.value = f"{value} {spec.field.unit_en}".strip()
        elif spec.flag is not None:
            spec.value = "yes" if spec.flag else "no"
        elif spec.choice_id is not None:
            spec.value = spec.choice.label_en
        else:
            spec.value = spec.text
        spec.save()


class Migration(migrations.Migration):
    dependencies = [("directory", "0009_equipment_in_three_languages")]

    operations = [migrations.RunPython(forwards, backwards)]

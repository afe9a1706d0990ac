"""Migration 0010: the free-text specifications of before become values of the category's vocabulary, the
English-only names and descriptions become the English ones. Migration 0015: the form factors' labels as people
say them."""

from importlib import import_module

import pytest
from django.apps import apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from directory.models import Equipment, SpecificationChoice, SpecificationField
from tests.accreditation.factories import MembershipFactory

from .factories import vocabulary

BEFORE = ("directory", "0009_equipment_in_three_languages")
AFTER = ("directory", "0011_specifications_from_the_vocabulary")


def _migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([target])
    return executor.loader.project_state([target]).apps


@pytest.mark.django_db(transaction=True)
def test_free_text_specifications_become_values_of_the_vocabulary():
    member = (
        MembershipFactory()
    )  # accreditation's tables are not migrated here: today's model fits them
    old = _migrate(BEFORE)
    try:
        OldEquipment = old.get_model("directory", "Equipment")
        OldSpecification = old.get_model("directory", "Specification")
        nas = OldEquipment.objects.create(
            member_id=member.pk,
            name="NAS N1",
            category="storage",
            description="A NAS.",
            name_sort_key="",
        )
        rows = [
            ("Capacity", "96 TB"),  # an English label with its unit
            ("ёмкость ", "48 ТБ"),  # the same field again (Russian label): the first value stays
            ("Drive bays", "8"),
            ("Power supply", "2 × 800 W redundant"),  # not a number: kept as written
            ("Form factor", "Tower"),  # a choice, by its English label
            ("Redundant power supply", "yes"),
            ("Noise", "35 dB"),  # no such field: a new text field of the category
        ]
        for order, (name, value) in enumerate(rows):
            OldSpecification.objects.create(equipment=nas, order=order, name=name, value=value)

        _migrate(AFTER)
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())

    item = Equipment.objects.get(pk=nas.pk)
    assert (item.name_en, item.description_en, item.name) == ("NAS N1", "A NAS.", "NAS N1")
    values = {
        spec.field.key: spec for spec in item.specifications.select_related("field", "choice")
    }
    assert set(values) == {
        "capacity",
        "drive-bays",
        "power",
        "form-factor",
        "redundant-power",
        "noise",
    }
    assert values["capacity"].number == 96
    assert values["drive-bays"].number == 8
    assert (values["power"].number, values["power"].text) == (None, "2 × 800 W redundant")
    assert values["form-factor"].choice.key == "tower"
    assert values["redundant-power"].flag is True
    noise = SpecificationField.objects.get(category="storage", key="noise")
    assert (noise.value_type, noise.label_kk, noise.label_ru, noise.label_en) == ("text",) + (
        "Noise",
    ) * 3
    assert values["noise"].text == "35 dB"


@pytest.mark.django_db
def test_form_factor_labels_read_as_people_say_them_and_staff_edits_stay():
    vocabulary()
    form_factors = SpecificationChoice.objects.filter(field__key="form-factor")
    rack = form_factors.filter(key="rack-1u")
    assert set(rack.values_list("label_kk", "label_ru")) == {
        ("Стойкаға орнатылатын, 1U", "Стоечный, 1U")
    }
    rack.update(label_kk="Стойкаға, 1U", label_ru="В стойку, 1U")  # as 0010 installed them
    form_factors.filter(key="wall").update(
        label_kk="Қабырғаға", label_ru="В стойку, 1U"
    )  # staff's own

    import_module("directory.migrations.0015_form_factor_labels_as_people_say_them").relabel(
        apps, forward=True
    )

    assert set(rack.values_list("label_kk", "label_ru")) == {
        ("Стойкаға орнатылатын, 1U", "Стоечный, 1U")
    }
    assert set(form_factors.filter(key="wall").values_list("label_kk", "label_ru")) == {
        ("Қабырғаға", "В стойку, 1U")
    }

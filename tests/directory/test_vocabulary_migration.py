"""Migration 0010: the free-text specifications of before become values of the category's vocabulary, the
English-only names and descriptions become the English ones."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from directory.models import Equipment, SpecificationField
from tests.accreditation.factories import MembershipFactory

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

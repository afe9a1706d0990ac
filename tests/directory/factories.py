import factory

from directory.models import (
    Category,
    Equipment,
    Specification,
    SpecificationChoice,
    SpecificationField,
)
from directory.vocabulary import install
from tests.accreditation.factories import MembershipFactory


class EquipmentFactory(factory.django.DjangoModelFactory):
    """An item named in English (`name`, as the catalogue had it, sets `name_en`); other languages on request."""

    class Meta:
        model = Equipment

    member = factory.SubFactory(MembershipFactory)
    name = factory.Sequence(lambda n: f"Rack server {n}")
    name_en = factory.LazyAttribute(lambda item: item.name)
    category = Category.SERVERS
    model = factory.Sequence(lambda n: f"RS-{n}")
    description_en = "A two-socket rack server."


def vocabulary() -> None:
    """The standard vocabulary, as migration 0010 installs it (a flushed database lost it)."""
    if not SpecificationField.objects.exists():
        install(SpecificationField, SpecificationChoice)


def spec_field(category: str, name: str) -> SpecificationField:
    """The category's field whose key or English label is `name`; a new text field when there is none."""
    vocabulary()
    for candidate in SpecificationField.objects.filter(category=category):
        wanted = name.casefold()
        if {wanted, wanted.replace(" ", "-")} & {candidate.key, candidate.label_en.casefold()}:
            return candidate
    key = name.lower().replace(" ", "-")[:50]
    return SpecificationField.objects.create(
        category=category, key=key, order=900, label_kk=name, label_ru=name, label_en=name
    )


class SpecificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Specification

    equipment = factory.SubFactory(EquipmentFactory)
    field = factory.LazyAttribute(lambda spec: spec_field(spec.equipment.category, "memory"))
    number = 64


def with_specs(item, **specs):
    """Give `item` specifications: English label or key (underscores for spaces) = value as typed."""
    for name, value in specs.items():
        item.specify(spec_field(item.category, name.replace("_", " ")).key, value)
    return item

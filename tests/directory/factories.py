import factory

from directory.models import Category, Equipment, Specification
from tests.accreditation.factories import MembershipFactory


class EquipmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Equipment

    member = factory.SubFactory(MembershipFactory)
    name = factory.Sequence(lambda n: f"Rack server {n}")
    category = Category.SERVERS
    model = factory.Sequence(lambda n: f"RS-{n}")
    description = "A two-socket rack server."


class SpecificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Specification

    equipment = factory.SubFactory(EquipmentFactory)
    order = factory.Sequence(lambda n: n)
    name = "Memory"
    value = "64 GB"


def with_specs(item, **specs):
    """Give `item` its specification rows, in the order given."""
    for order, (name, value) in enumerate(specs.items()):
        Specification.objects.create(equipment=item, order=order, name=name, value=value)
    return item

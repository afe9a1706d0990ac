import datetime

import factory
from django.utils import timezone

from accreditation.bin import compute_check_digit
from accreditation.models import Membership
from accreditation.regions import Region


def valid_bin(n: int) -> str:
    """A BIN that passes the check digit: registered 05/2015, resident legal entity, head office, serial n."""
    serial = n
    while True:
        first11 = f"150540{serial % 100000:05d}"
        digit = compute_check_digit(first11)
        if digit is not None:
            return first11 + str(digit)
        serial += 1


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    company_name = factory.Sequence(lambda n: f"Member Company {n}")
    bin = factory.Sequence(valid_bin)
    region = Region.ASTANA
    contact_person = "Aigerim Nurlanovna"
    email = factory.Sequence(lambda n: f"member{n}@example.kz")
    phone = "+7 701 000 00 00"
    description_en = "Software development and IT consulting."
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=335))
    is_published = True

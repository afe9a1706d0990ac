import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from accreditation.bin import compute_check_digit
from accreditation.models import Application, Invoice, Membership
from accreditation.regions import Region


def valid_bin(n: int) -> str:
    """A BIN that passes the check digit: registered in 2015 (May when it can be), resident legal entity, head
    office, serial n. Another month rather than the next serial when May has no check digit, so that two
    different n never give the same BIN (two members with one BIN would both be found by it)."""
    serial = n % 100000
    for month in (5, 1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12):
        first11 = f"15{month:02d}40{serial:05d}"
        digit = compute_check_digit(first11)
        if digit is not None:
            return first11 + str(digit)
    raise AssertionError(f"no valid BIN for serial {serial}")


# Fields of the member's public profile (`directory.MemberProfile`) the factory takes with the membership's.
PROFILE_FIELDS = (
    "slug",
    "website",
    "public_email",
    "public_phone",
    "address",
    "oked_sections",
    "description_kk",
    "description_ru",
    "description_en",
    "is_published",
)


class MembershipFactory(factory.django.DjangoModelFactory):
    """A membership and its public profile: profile fields (`PROFILE_FIELDS`) may be given with the rest."""

    class Meta:
        model = Membership

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        profile = {name: kwargs.pop(name) for name in PROFILE_FIELDS if name in kwargs}
        membership = super()._create(model_class, *args, **kwargs)
        for name, value in profile.items():
            setattr(membership.profile, name, value)
        membership.profile.save()
        return membership

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        for name in PROFILE_FIELDS:
            kwargs.pop(name, None)
        return super()._build(model_class, *args, **kwargs)

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


def distinct_bin(n: int) -> str:
    """A valid BIN with serial 50000 + n, so different n never give the same number: when a month
    has no check digit for that serial, the next month is used instead."""
    serial = (50_000 + n) % 100_000
    for month in range(1, 13):
        first11 = f"16{month:02d}40{serial:05d}"
        digit = compute_check_digit(first11)
        if digit is not None:
            return first11 + str(digit)
    raise AssertionError(f"no valid BIN for serial {serial}")


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A submitted application; use the services to move it, so history and dates stay consistent."""

    class Meta:
        model = Application

    bin = factory.Sequence(lambda n: distinct_bin(n))
    company_name = factory.Sequence(lambda n: f"Applicant Company {n}")
    region = Region.ALMATY
    contact_person = "Daniyar Seitkali"
    email = factory.Sequence(lambda n: f"applicant{n}@example.kz")
    phone = "+7 727 000 00 00"
    description = "Cloud hosting and data centre services."
    language = "en"
    publication_consent = True


class InvoiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invoice

    membership = factory.SubFactory(MembershipFactory)
    amount_kzt = Decimal("150000.00")
    issued_on = factory.LazyFunction(timezone.localdate)
    due_on = factory.LazyAttribute(lambda o: o.issued_on + datetime.timedelta(days=30))

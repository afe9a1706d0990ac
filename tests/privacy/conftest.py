import datetime

import pytest
from django.utils import timezone

from privacy import registry
from privacy.registry import ErasureReport, KeptRecords


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    """Access packages go to a throw-away folder, never the real var/private."""
    settings.PRIVATE_FILES_ROOT = tmp_path / "private"
    return settings.PRIVATE_FILES_ROOT


class MembershipProvider:
    """A provider over a real model of another app (accreditation.Membership), standing in for the providers the
    accreditation branch registers: it exports memberships, erases ended ones and keeps invoices of active ones
    (a legal hold, Tax Code) the way accreditation's does. The lead re-runs these tests with the real providers."""

    name = "test-memberships"
    label = "Memberships"

    def _memberships(self, email):
        from accreditation.models import Membership

        return Membership.objects.filter(email__iexact=email)

    def count(self, email):
        return self._memberships(email).count()

    def export(self, email):
        return {
            "Memberships": [
                {"company": m.company_name, "bin": m.bin, "email": m.email, "phone": m.phone}
                for m in self._memberships(email)
            ]
        }

    def erase(self, email, *, dry_run=False):
        today = timezone.localdate()
        memberships = self._memberships(email)
        ended = memberships.filter(ends_on__lt=today)
        held = memberships.filter(ends_on__gte=today)
        report = ErasureReport(provider=self.name, erased={"memberships": ended.count()})
        if held.exists():
            report.kept.append(
                KeptRecords(
                    category="Invoices",
                    count=held.count(),
                    reason="Accounting records: 5 years (Tax Code of Kazakhstan)",
                    until=str(today + datetime.timedelta(days=5 * 365)),
                )
            )
        if not dry_run:
            ended.delete()
            held.update(contact_person="(erased)", phone="")
        return report


@pytest.fixture
def membership_provider():
    provider = MembershipProvider()
    registry.register_provider(provider)
    yield provider
    registry._providers.pop(provider.name, None)

"""Two simultaneous submissions for one BIN cannot both land (PostgreSQL; SQLite serialises writers)."""

import threading

import pytest
from django.db import connection, connections

from accreditation import services
from accreditation.models import Application
from accreditation.regions import Region
from privacy.models import ConsentRecord
from tests.accreditation.factories import distinct_bin

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs concurrent writers (PostgreSQL)"
    ),
]


def test_two_concurrent_submissions_for_one_bin(monkeypatch):
    # Both threads pass the friendly "already open?" check before either inserts: only the
    # conditional unique constraint stands between them.
    both_checked = threading.Barrier(2, timeout=10)
    real_check = services._refuse_if_member_or_open

    def check_then_wait(bin):
        real_check(bin)
        both_checked.wait()

    monkeypatch.setattr(services, "_refuse_if_member_or_open", check_then_wait)
    outcomes = []

    def submit(n):
        try:
            application = services.submit_application(
                bin=distinct_bin(800),
                company_name=f"Racer {n}",
                region=Region.ASTANA,
                contact_person="Racer",
                email=f"racer{n}@example.kz",
                phone="+7 701 000 00 00",
                description="Racing.",
                language="en",
                processing_wording="I consent.",
            )
            outcomes.append(("landed", application.pk))
        except services.ApplicationRefused as refusal:
            outcomes.append(("refused", refusal.code))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(n,)) for n in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(kind for kind, _ in outcomes) == ["landed", "refused"]
    assert ("refused", "open_application") in outcomes
    assert Application.objects.filter(bin=distinct_bin(800)).count() == 1
    assert ConsentRecord.objects.count() == 1  # the refused one left nothing half-written

import io

import pytest

from accreditation import demo
from accreditation.models import Application, ApplicationState, Invoice, Membership
from directory.models import listed_memberships
from tests.queue import sent_mail

pytestmark = pytest.mark.django_db


def test_demo_data_covers_the_workflow_and_is_idempotent():
    demo.seed(io.StringIO())
    states = set(Application.objects.values_list("state", flat=True))
    assert states == set(ApplicationState.values)
    approved = Application.objects.filter(state=ApplicationState.APPROVED)
    assert approved.count() == 3
    assert set(Membership.objects.all()) == {a.membership for a in approved}
    assert listed_memberships().count() == 2  # one approved without publication consent
    assert Invoice.objects.count() == 3
    assert Invoice.objects.unpaid().count() == 1
    assert sent_mail() == []  # demo data emails nobody
    demo.seed(io.StringIO())
    assert Application.objects.count() == len(demo.APPLICANTS)
    assert Invoice.objects.count() == 3

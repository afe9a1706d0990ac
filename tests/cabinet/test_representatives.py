"""Representatives: a colleague added, renamed and removed by the company; another company's are not found;
an ended membership's cabinet is read-only."""

import pytest
from django.test import Client
from django.utils import timezone

from cabinet.models import CabinetSession, Representative
from tests.accreditation.factories import MembershipFactory

from .helpers import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def member():
    return MembershipFactory(email="contact@example.kz", company_name="Altyn Soft")


def test_a_representative_adds_a_colleague(client, member):
    sign_in(client, "contact@example.kz")
    response = client.post(
        "/en/cabinet/representatives/", {"name": "Dana Serik", "email": "Dana@Example.kz"}
    )
    assert response.status_code == 302
    added = Representative.objects.get()
    assert (added.membership, added.email, added.added_by) == (
        member,
        "dana@example.kz",
        "contact@example.kz",
    )
    assert b"Dana Serik" in client.get("/en/cabinet/").content


def test_the_contact_or_a_colleague_cannot_be_added_twice(client, member):
    sign_in(client, "contact@example.kz")
    response = client.post(
        "/en/cabinet/representatives/", {"name": "Me", "email": "contact@example.kz"}
    )
    assert response.status_code == 400 and b"already represents" in response.content
    assert not Representative.objects.exists()


def test_an_invalid_colleague_is_refused_with_the_reason(client, member):
    sign_in(client, "contact@example.kz")
    response = client.post("/en/cabinet/representatives/", {"name": "", "email": "not-an-address"})
    assert response.status_code == 400 and b'aria-invalid="true"' in response.content


def test_removing_a_colleague_ends_their_sessions(client, member):
    Representative.objects.create(membership=member, name="Dana", email="dana@example.kz")
    colleague = Client()
    sign_in(colleague, "dana@example.kz")
    sign_in(client, "contact@example.kz")
    pk = Representative.objects.get().pk
    assert client.post(f"/en/cabinet/representatives/{pk}/remove/").status_code == 302
    assert not Representative.objects.exists()
    assert colleague.get("/en/cabinet/").status_code == 302
    assert CabinetSession.objects.for_email("dana@example.kz").count() == 0


def test_renaming_a_colleague_rectifies_the_name(client, member):
    dana = Representative.objects.create(membership=member, name="Dana", email="dana@example.kz")
    sign_in(client, "contact@example.kz")
    client.post(f"/en/cabinet/representatives/{dana.pk}/name/", {"name": "Dana Serikkyzy"})
    dana.refresh_from_db()
    assert dana.name == "Dana Serikkyzy"


def test_another_companys_representatives_are_not_found(client, member):
    other = MembershipFactory(email="other@example.kz")
    theirs = Representative.objects.create(membership=other, name="Asel", email="asel@example.kz")
    sign_in(client, "contact@example.kz")
    assert client.post(f"/en/cabinet/representatives/{theirs.pk}/remove/").status_code == 404
    assert (
        client.post(f"/en/cabinet/representatives/{theirs.pk}/name/", {"name": "X"}).status_code
        == 404
    )
    theirs.refresh_from_db()
    assert theirs.name == "Asel"


def test_an_ended_membership_signs_in_read_only(client, member):
    Representative.objects.create(membership=member, name="Dana", email="dana@example.kz")
    member.ended_on = timezone.localdate()
    member.save()
    page = sign_in(client, "contact@example.kz")
    assert page.status_code == 200 and b"read-only" in page.content
    assert b"Add the colleague" not in page.content
    response = client.post(
        "/en/cabinet/representatives/", {"name": "New", "email": "new@example.kz"}
    )
    assert response.status_code == 400
    pk = Representative.objects.get().pk
    client.post(f"/en/cabinet/representatives/{pk}/remove/")
    assert Representative.objects.filter(pk=pk).exists()
    assert Representative.objects.count() == 1

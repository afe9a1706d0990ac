"""The public profile's move from the membership to `directory.MemberProfile` keeps every member's address,
texts, public contacts and listing: the database is taken back to before the move, a directory is made there,
and the migrations run forward again."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [
    ("accreditation", "0008_accounting_holds"),
    ("directory", "0005_listing_indexes_read_alone"),
]
AFTER = [
    ("accreditation", "0009_public_profile_moves_to_directory"),
    ("directory", "0007_listing_indexes_after_the_profile_move"),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def before_the_move():
    apps = migrate(BEFORE)
    yield apps
    migrate(executor_leaf_nodes())


def executor_leaf_nodes():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def test_every_profile_address_and_listing_is_kept(before_the_move):
    Membership = before_the_move.get_model("accreditation", "Membership")
    today = timezone.localdate()
    common = {
        "region": "KZ-71",
        "contact_person": "Aigerim",
        "starts_on": today - datetime.timedelta(days=10),
        "ends_on": today + datetime.timedelta(days=300),
    }
    listed = Membership.objects.create(
        company_name="Қазақ Телеком",
        slug="qazaq-telekom",
        bin="150540000019",
        email="office@telekom.kz",
        website="https://telekom.kz/",
        public_email="info@telekom.kz",
        public_phone="+7 717 000 00 00",
        description_kk="Байланыс",
        description_ru="Связь",
        description_en="Telecoms",
        is_published=True,
        search_text="қазақ телеком байланыс связь telecoms",
        **common,
    )
    unlisted = Membership.objects.create(
        company_name="Quiet LLP", slug="quiet-llp", bin="150540000027", email="q@quiet.kz", **common
    )

    apps = migrate(AFTER)

    MemberProfile = apps.get_model("directory", "MemberProfile")
    moved = MemberProfile.objects.get(membership_id=listed.pk)
    assert (moved.slug, moved.website, moved.public_email, moved.public_phone) == (
        "qazaq-telekom",
        "https://telekom.kz/",
        "info@telekom.kz",
        "+7 717 000 00 00",
    )
    assert (moved.description_kk, moved.description_ru, moved.description_en) == (
        "Байланыс",
        "Связь",
        "Telecoms",
    )
    assert moved.is_published is True
    assert moved.search_text == "қазақ телеком байланыс связь telecoms"
    quiet = MemberProfile.objects.get(membership_id=unlisted.pk)
    assert (quiet.slug, quiet.is_published) == ("quiet-llp", False)
    assert not any(
        f.name == "slug" for f in apps.get_model("accreditation", "Membership")._meta.fields
    )


def test_the_directory_lists_and_finds_the_moved_profiles(before_the_move, client):
    Membership = before_the_move.get_model("accreditation", "Membership")
    today = timezone.localdate()
    Membership.objects.create(
        company_name="Жұлдыз Желілері",
        slug="zhuldyz-zhelileri",
        bin="150540000019",
        region="KZ-71",
        contact_person="Aigerim",
        email="office@zhuldyz.kz",
        description_en="Networks",
        is_published=True,
        search_text="жұлдыз желілері networks",
        starts_on=today - datetime.timedelta(days=10),
        ends_on=today + datetime.timedelta(days=300),
    )
    migrate(executor_leaf_nodes())

    assert client.get("/en/members/zhuldyz-zhelileri/").status_code == 200
    found = client.get("/en/members/", {"q": "ЖҰЛДЫЗ"}).content.decode()
    assert "/en/members/zhuldyz-zhelileri/" in found

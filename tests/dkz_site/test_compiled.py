"""Compiled reads (dkz_site/compiled.py) answer what their querysets answer, compiled once per shape, option
and day, with each call's values in the markers' places."""

import datetime

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accreditation.models import Membership
from directory.listing import listed_members
from directory.models import Equipment, specifications_of
from dkz_site.compiled import CompiledQuery, rows_of
from tests.accreditation.factories import MembershipFactory
from tests.directory.factories import EquipmentFactory, with_specs

pytestmark = pytest.mark.django_db


def listed_by_slug(slug):
    return listed_members().select_related("profile").filter(profile__slug=slug)


def test_objects_are_the_querysets_with_their_related_objects_and_no_further_query():
    members = MembershipFactory.create_batch(3, address="Mangilik El 55")
    cards = CompiledQuery(
        lambda ids: Membership.objects.filter(pk__in=ids).select_related("profile")
    )
    ids = [members[2].pk, members[0].pk]
    with CaptureQueriesContext(connection) as queries:
        found = cards.objects(ids)
        shown = {
            (m.pk, m.company_name, m.starts_on, m.profile.slug, m.profile.address) for m in found
        }
    assert len(queries) == 1
    expected = Membership.objects.filter(pk__in=ids).select_related("profile")
    assert shown == {
        (m.pk, m.company_name, m.starts_on, m.profile.slug, m.profile.address) for m in expected
    }
    assert all(isinstance(m.starts_on, datetime.date) for m in found)  # converters applied (SQLite)


def test_instances_are_made_as_the_orm_makes_them():
    """Compiled reads make their instances without `Model.__init__`: the same values, state and related objects."""
    member = MembershipFactory()
    item = EquipmentFactory(member=member, model="")
    items = CompiledQuery(
        lambda ids: (
            Equipment.objects.filter(pk__in=ids)
            .select_related("member__profile")
            .defer("description_kk", "member__email")
        )
    )
    (compiled,) = items.objects([item.pk])
    assert all(kept.layout is not None for kept in items._kept.values())  # made without __init__
    orm = (
        Equipment.objects.filter(pk=item.pk)
        .select_related("member__profile")
        .defer("description_kk", "member__email")
        .get()
    )

    def values(obj):
        return {k: v for k, v in vars(obj).items() if k != "_state"}

    assert type(compiled) is Equipment and values(compiled) == values(orm)
    assert (compiled._state.adding, compiled._state.db) == (orm._state.adding, orm._state.db)
    assert values(compiled.member) == values(orm.member)
    assert values(compiled.member.profile) == values(orm.member.profile)
    assert (
        compiled.member.profile.membership is compiled.member
    )  # both ways, as select_related sets them
    with CaptureQueriesContext(connection) as queries:
        assert compiled.member.company_name == member.company_name
    assert len(queries) == 0
    assert (
        compiled.description_kk == item.description_kk
    )  # deferred: read when asked, as the ORM does
    assert compiled.member.email == member.email
    compiled.model = "Changed"
    compiled.save(update_fields=["model"])
    assert Equipment.objects.get(pk=item.pk).model == "Changed"


def test_each_call_runs_with_its_own_values_compiled_once_per_shape():
    first, second, third = MembershipFactory.create_batch(3)
    by_slug = CompiledQuery(listed_by_slug)
    assert [m.pk for m in by_slug.objects(first.profile.slug)] == [first.pk]
    assert [m.pk for m in by_slug.objects(second.profile.slug)] == [second.pk]
    assert by_slug.objects("no-such-member") == []
    assert len(by_slug._kept) == 1
    cards = CompiledQuery(lambda ids: Membership.objects.filter(pk__in=ids))
    assert {m.pk for m in cards.objects([first.pk, third.pk])} == {first.pk, third.pk}
    assert {m.pk for m in cards.objects([second.pk, third.pk])} == {second.pk, third.pk}
    assert [m.pk for m in cards.objects([second.pk])] == [second.pk]
    assert {m.pk for m in cards.objects([first.pk, second.pk, third.pk])} == {
        first.pk,
        second.pk,
        third.pk,
    }  # compiled for four, the last id repeated
    assert len(cards._kept) == 3  # for one id, two and four


def test_a_value_used_twice_is_put_in_both_places():
    member = MembershipFactory()
    other = MembershipFactory()
    both = CompiledQuery(lambda pk: Membership.objects.filter(pk=pk).exclude(profile__pk__gt=pk))
    assert [m.pk for m in both.objects(member.pk)] == [member.pk]
    assert [m.pk for m in both.objects(other.pk)] == [other.pk]


def test_an_empty_list_matches_nothing_without_a_query():
    cards = CompiledQuery(lambda ids: Membership.objects.filter(pk__in=ids))
    with CaptureQueriesContext(connection) as queries:
        assert cards.objects([]) == []
    assert len(queries) == 0


def test_values_querysets_give_named_rows():
    member = MembershipFactory(company_name="Tulpar Systems")
    names = CompiledQuery(
        lambda pk: Membership.objects.filter(pk=pk).values("company_name", slug=F("profile__slug"))
    )
    (row,) = names.rows(member.pk)
    assert (row.company_name, row.slug) == ("Tulpar Systems", member.profile.slug)


def test_options_are_compiled_separately():
    member = MembershipFactory()
    EquipmentFactory(member=member, name="Alpha", name_en="Alpha", name_ru="Яблоко")
    EquipmentFactory(member=member, name="Beta", name_en="Beta", name_ru="Арбуз")
    items = CompiledQuery(
        lambda member_id, language: Equipment.objects.filter(member_id=member_id).by_name(language)
    )
    assert [i.name_en for i in items.objects(member.pk, language="en")] == ["Alpha", "Beta"]
    assert [i.name_en for i in items.objects(member.pk, language="ru")] == ["Beta", "Alpha"]
    assert len(items._kept) == 2


def test_the_listing_rules_are_compiled_for_each_day(monkeypatch):
    member = MembershipFactory()
    Membership.objects.filter(pk=member.pk).update(ends_on=timezone.localdate())
    by_slug = CompiledQuery(listed_by_slug)
    assert [m.pk for m in by_slug.objects(member.profile.slug)] == [member.pk]
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args: tomorrow)
    assert by_slug.objects(member.profile.slug) == []  # its term ended yesterday


def test_prefetched_relations_are_read_without_a_query():
    with_specs(item := EquipmentFactory(), memory=64, form_factor="Rack, 2U")
    bare = EquipmentFactory()
    items = CompiledQuery(
        lambda ids: Equipment.objects.filter(pk__in=ids),
        prefetch={"specifications": specifications_of},
    )
    with CaptureQueriesContext(connection) as queries:
        found = {i.pk: i for i in items.objects([item.pk, bare.pk])}
        shown = [(s.field.key, s.display()) for s in found[item.pk].specification_rows()]
        assert found[bare.pk].specification_rows() == []
    assert len(queries) == 2  # the items, their specifications
    expected = Equipment.objects.with_specifications().get(pk=item.pk)
    assert shown == [(s.field.key, s.display()) for s in expected.specification_rows()]


def test_a_value_the_orm_changes_is_refused():
    shouted = CompiledQuery(lambda name: Membership.objects.filter(company_name=name.upper()))
    with pytest.raises(ValueError, match="exact, `in` or pattern lookups"):
        shouted.objects("Tulpar")


@pytest.mark.parametrize("lookup", ["contains", "icontains", "startswith", "endswith"])
def test_pattern_lookups_match_as_the_orm_does_with_their_wildcards_escaped(lookup):
    for name in [
        "Tulpar 50% Data",
        "Tulpar 500 Data",
        "tulpar_cloud",
        "Tulpar-cloud",
        "Dala Tulpar",
    ]:
        MembershipFactory(company_name=name)

    def matching(words):
        found = Membership.objects.all()
        for word in words:
            found = found.filter(**{f"company_name__{lookup}": word})
        return found

    compiled = CompiledQuery(matching)
    for words in (
        ["Tulpar"],
        ["50%"],
        ["r_c"],
        ["tulpar", "Data"],
        ["Data", "Tulpar", "50"],
        ["%"],
    ):
        found = compiled.objects(words)
        assert sorted(m.pk for m in found) == sorted(m.pk for m in matching(words)), (lookup, words)


def test_a_ready_queryset_is_compiled_once_per_key_and_read_by_windows():
    members = sorted(MembershipFactory.create_batch(5), key=lambda m: m.pk)
    ids = Membership.objects.order_by("pk").values_list("pk", flat=True)
    pages = [
        [row[0] for row in rows_of(("test", "by-pk"), ids, window=(bottom, bottom + 2))]
        for bottom in (0, 2, 4)
    ]
    assert pages == [[m.pk for m in members[n : n + 2]] for n in (0, 2, 4)]
    # Under the same key the compiled SQL is reused, whatever queryset comes with it: the key must say it all.
    reversed_ids = Membership.objects.order_by("-pk").values_list("pk", flat=True)
    assert [row[0] for row in rows_of(("test", "by-pk"), reversed_ids, window=(0, 1))] == [
        members[0].pk
    ]
    assert [row[0] for row in rows_of(("test", "by-pk-down"), reversed_ids, window=(0, 1))] == [
        members[-1].pk
    ]


def test_a_number_no_column_holds_matches_nothing():
    member = MembershipFactory()
    cards = CompiledQuery(lambda ids: Membership.objects.filter(pk__in=ids))
    by_pk = CompiledQuery(lambda pk: Membership.objects.filter(pk=pk))
    assert by_pk.objects(10**20) == []
    assert [m.pk for m in cards.objects([10**20, member.pk])] == [member.pk]
    assert cards.objects([2**63]) == []


@pytest.mark.parametrize(
    "path",
    [
        "/en/equipment/99999999999999999999/",
        "/en/equipment/9223372036854775808/",
        "/en/members/compare-me-not/",
    ],
)
def test_pages_found_through_compiled_reads_answer_404_for_what_no_row_holds(client, path):
    assert client.get(path).status_code == 404


def test_a_comparison_drops_ids_no_row_holds(client):
    item = EquipmentFactory()
    response = client.get(f"/en/equipment/compare/?items=99999999999999999999,{item.pk}")
    assert response.status_code == 200
    assert item.name_en in response.content.decode()


def test_a_pattern_with_fixed_text_around_the_value_keeps_it():
    """`categories__contains=f"|{code}|"` (a member's categories): the bars stay around each request's value."""
    for name in ["Dala |iot| Cloud", "Dala |iot-x| Cloud", "Dala iot Cloud"]:
        MembershipFactory(company_name=name)
    compiled = CompiledQuery(
        lambda code: Membership.objects.filter(company_name__contains=f"|{code}|").order_by("pk")
    )
    assert [m.company_name for m in compiled.objects("iot")] == ["Dala |iot| Cloud"]
    assert [m.company_name for m in compiled.objects("iot-x")] == ["Dala |iot-x| Cloud"]
    assert compiled.objects("cloud") == []

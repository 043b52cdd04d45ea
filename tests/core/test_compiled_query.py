"""CompiledQuery (core/compiled_query.py): an ORM query's SQL built once, then run with each
call's values in their place."""

import pytest
from django.db import connection
from django.db.models import F, Q
from django.test.utils import CaptureQueriesContext

from core.compiled_query import CompiledPages, CompiledQuery, CompiledQueryShapes
from unrecord.models import MemberState

pytestmark = pytest.mark.django_db


def _codes(rows) -> list[str]:
    return sorted(code for (code,) in rows)


def test_each_call_reads_the_rows_its_own_values_name_from_sql_built_once():
    built = []

    def build(among):
        built.append(among)
        return MemberState.objects.filter(among("iso3")).order_by().values_list("iso3")

    codes = CompiledQuery(build)
    assert _codes(codes.rows(["USA", "PRK"])) == ["PRK", "USA"]
    assert _codes(codes.rows({"FRA"})) == ["FRA"]
    assert codes.rows([]) == []
    assert len(built) == 1


def test_the_values_may_stand_beside_other_parameters():
    usa = MemberState.objects.get(iso3="USA")
    names = CompiledQuery(
        lambda among: (
            MemberState.objects.filter(among("pk"), iso3__startswith="U")
            .order_by()
            .values_list("iso3", F("common_name"))
        )
    )
    assert names.rows([usa.pk, MemberState.objects.get(iso3="FRA").pk]) == [("USA", usa.common_name)]


def test_a_query_that_takes_its_values_twice_is_refused():
    twice = CompiledQuery(lambda among: MemberState.objects.filter(among("pk")).filter(among("iso3")))
    with pytest.raises(ValueError, match="exactly one place"):
        twice.rows([1])


def test_values_pass_as_one_array_literal_whatever_their_number():
    # One parameter, PostgreSQL's text form of an array: not ARRAY[...] of a constant per value.
    states = CompiledQuery(
        lambda among: MemberState.objects.filter(among("pk")).order_by().values_list("iso3")
    )
    every_id = list(MemberState.objects.values_list("pk", flat=True))
    with CaptureQueriesContext(connection) as queries:
        assert len(states.rows(every_id)) == len(every_id)
    (query,) = queries.captured_queries
    assert "ARRAY[" not in query["sql"]


def test_text_is_quoted_and_escaped_and_never_cut_to_the_column_length():
    codes = CompiledQuery(
        lambda among: MemberState.objects.filter(among("iso3")).order_by().values_list("iso3")
    )
    assert codes.rows(["PRKX"]) == []  # varchar(3) would have cut it to PRK
    assert codes.rows(['"', "\\", "a,b", "{}", "'; DROP TABLE x; --"]) == []
    assert _codes(codes.rows(['P"', "PRK"])) == ["PRK"]


def test_a_number_out_of_the_columns_range_matches_nothing_and_is_no_error():
    ids = CompiledQuery(lambda among: MemberState.objects.filter(among("pk")).order_by().values_list("iso3"))
    prk = MemberState.objects.get(iso3="PRK").pk
    assert ids.rows([2**70, -(2**70), prk]) == [("PRK",)]
    assert ids.rows([2**70]) == []


def _states(*, region=None, after=None):
    states = MemberState.objects.order_by("iso3")
    if region is not None:
        states = states.filter(regional_group__code=region)
    if after is not None:
        states = states.filter(iso3__gt=after)
    return states.values_list("iso3")


def test_each_shape_of_a_query_compiles_once_and_answers_as_the_orm_would():
    built = []

    def build(**criteria):
        built.append(frozenset(criteria))
        return _states(**criteria)

    shapes = CompiledQueryShapes(build, stand_ins={"region": "stand-in", "after": "stand-in too"})
    asked = [
        {"region": "WEOG"},
        {"region": "EEG"},
        {"region": "ASIA_PACIFIC", "after": "K"},
        {"after": "U"},
        {},
    ]
    for criteria in asked + [{"region": "WEOG", "after": None}]:
        sql, params = shapes.sql(**criteria)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        assert rows == list(_states(**criteria)) and rows, criteria
    assert sorted(built, key=sorted) == sorted({frozenset(criteria) for criteria in asked}, key=sorted)


def test_a_builder_that_computes_with_a_criterion_is_refused():
    # startswith hands the ORM "u%", not the value given: SQL compiled with the stand-in would
    # keep the stand-in's pattern for every later call.
    shapes = CompiledQueryShapes(
        lambda prefix: MemberState.objects.filter(iso3__startswith=prefix), stand_ins={"prefix": "stand-in"}
    )
    with pytest.raises(ValueError, match="'prefix' does not reach the SQL as given"):
        shapes.sql(prefix="u")


def test_two_criteria_with_one_stand_in_are_refused():
    with pytest.raises(ValueError, match="a stand-in of its own"):
        CompiledQueryShapes(lambda a, b: MemberState.objects.all(), stand_ins={"a": -1, "b": -1})


def test_a_criterion_may_reach_the_sql_in_several_places_and_each_takes_the_value():
    shapes = CompiledQueryShapes(
        lambda name: MemberState.objects.filter(Q(iso3=name) | Q(common_name=name)).values_list("iso3"),
        stand_ins={"name": "stand-in"},
    )
    for name, found in (("PRK", ["PRK"]), ("France", ["FRA"]), ("Atlantis", [])):
        assert _codes(_run(*shapes.sql(name=name))) == found


def test_a_shaping_criterion_is_part_of_the_shape_and_reaches_the_builder_as_it_is():
    built = []

    def build(order_by, after=None):
        built.append(order_by)
        return _states(after=after).order_by(*order_by)

    shapes = CompiledQueryShapes(build, stand_ins={"after": "stand-in"}, shaped_by=("order_by",))
    for order_by in [("iso3",), ("-iso3",), ("iso3",)]:
        for after in ("K", "U"):
            assert _run(*shapes.sql(order_by=order_by, after=after)) == list(
                _states(after=after).order_by(*order_by)
            )
    assert built == [("iso3",), ("-iso3",)]


def test_compiled_pages_take_a_paginators_ordering_position_and_slice_as_the_orm_would():
    shapes = CompiledQueryShapes(
        lambda order_by, region=None, iso3__gt=None, iso3__lt=None: (
            _states(region=region).filter(**_given(iso3__gt=iso3__gt, iso3__lt=iso3__lt)).order_by(*order_by)
        ),
        stand_ins={"region": "stand-in", "iso3__gt": "stand-in >", "iso3__lt": "stand-in <"},
        shaped_by=("order_by",),
    )
    pages = CompiledPages(shapes, {"region": "WEOG"})
    orm = _states(region="WEOG")
    assert pages.order_by("iso3")[0:3] == list(orm.order_by("iso3")[0:3])
    assert pages.order_by("iso3").filter(iso3__gt="FRA")[2:5] == list(orm.filter(iso3__gt="FRA")[2:5])
    assert pages.order_by("-iso3").filter(iso3__lt="FRA")[0:2] == list(
        orm.filter(iso3__lt="FRA").order_by("-iso3")[:2]
    )
    with pytest.raises(TypeError, match="a page at a time"):
        pages.order_by("iso3")[3]


def _given(**lookups) -> dict:
    return {name: value for name, value in lookups.items() if value is not None}


def _run(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()

"""CompiledQuery (core/compiled_query.py): an ORM query's SQL built once, then run with each
call's values in their place."""

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from core.compiled_query import CompiledQuery
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

"""CompiledQuery (core/compiled_query.py): an ORM query's SQL built once, then run with each
call's values in their place."""

import pytest
from django.db.models import F

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

"""An ORM query compiled to SQL once per process, then run with new values: for a query an API page
runs on every request in the same shape. Django builds a query's SQL anew each time it runs it
(the joins resolved, every expression compiled); for the small lookups a page of recorded votes
makes, that cost more CPU than PostgreSQL spent answering them.
"""

from collections.abc import Callable

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import F, Lookup, QuerySet

Matching = Callable[[str], Lookup]


class CompiledQuery:
    """`build(among)` makes the query, filtered with `among(field)`: the rows whose `field` is
    one of the values. `rows(values)` runs its SQL, compiled at the first call, with `values`.

        STATE_NAMES = CompiledQuery(lambda among: MemberState.objects.filter(among("pk")).values_list("iso3"))
        STATE_NAMES.rows([1, 2, 3])

    The rows come as the driver reads them: no `from_db_value` converters, so select plain
    columns (numbers, text, dates), as `values_list` would name them."""

    def __init__(self, build: Callable[[Matching], QuerySet]):
        self._build = build
        self._compiled: dict[str, tuple[str, list, int]] = {}

    def rows(self, values, *, using: str = DEFAULT_DB_ALIAS) -> list[tuple]:
        sql, params, at = self._compiled.get(using) or self._compile(using)
        params = [*params[:at], list(values), *params[at + 1 :]]
        with connections[using].cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def _compile(self, using: str) -> tuple[str, list, int]:
        marker = _Marker()
        queryset = self._build(lambda field: AnyOf(F(field), marker))
        sql, params = queryset.query.get_compiler(using).as_sql()
        at = [index for index, param in enumerate(params) if param is marker]
        if len(at) != 1:
            raise ValueError("A compiled query takes its values in exactly one place.")
        self._compiled[using] = compiled = (sql, list(params), at[0])
        return compiled


class AnyOf(Lookup):
    """`field = ANY(%s)`, the values as one array parameter: the same SQL whatever their number
    (where `__in` writes a placeholder per value)."""

    prepare_rhs = False  # the values pass as they are, one array, not a field's single value

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s)", [*lhs_params, self.rhs]


class _Marker(list):
    """Stands for the values while the query compiles; found again among the parameters by identity."""

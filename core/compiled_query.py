"""An ORM query compiled to SQL once per process (or once per shape: which of its criteria are
given), then run with new values: for a query an API page runs on every request in the same
shape. Django builds a query's SQL anew each time it runs it (the joins resolved, every
expression compiled); for the small lookups a page of recorded votes makes, that cost more CPU
than PostgreSQL spent answering them.
"""

from collections.abc import Callable, Iterable

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import F, Field, Lookup, QuerySet, Subquery

Matching = Callable[[str], Lookup]


class CompiledQuery:
    """`build(among)` makes the query, filtered with `among(field)`: the rows whose `field` is
    one of the values. `rows(values)` runs its SQL, compiled at the first call, with `values`
    (numbers or text, as the field holds).

        STATE_NAMES = CompiledQuery(lambda among: MemberState.objects.filter(among("pk")).values_list("iso3"))
        STATE_NAMES.rows([1, 2, 3])

    The rows come as the driver reads them: no `from_db_value` converters, so select plain
    columns (numbers, text, dates), as `values_list` would name them."""

    def __init__(self, build: Callable[[Matching], QuerySet]):
        self._build = build
        self._compiled: dict[str, tuple[str, list, int, _Marker]] = {}

    def rows(self, values: Iterable, *, using: str = DEFAULT_DB_ALIAS) -> list[tuple]:
        sql, params, at, marker = self._compiled.get(using) or self._compile(using)
        connection = connections[using]
        params = [*params[:at], array_literal(values, marker.field, connection), *params[at + 1 :]]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def _compile(self, using: str) -> tuple[str, list, int, "_Marker"]:
        marker = _Marker()
        queryset = self._build(lambda field: AnyOf(F(field), marker))
        sql, params = queryset.query.get_compiler(using).as_sql()
        at = [index for index, param in enumerate(params) if param is marker]
        if len(at) != 1:
            raise ValueError("A compiled query takes its values in exactly one place.")
        self._compiled[using] = compiled = (sql, list(params), at[0], marker)
        return compiled


class CompiledQueryShapes:
    """The SQL of `build(**criteria)`, compiled once for each set of criteria given (those not
    None), then given each call's values: a state's history asked with or without a series or a
    period is four queries' shapes, not a query to build on every request.

        HISTORY = CompiledQueryShapes(state_voting_history, stand_ins={"state": -1, "start": date.min})
        sql, params = HISTORY.sql(state=144, start=None)

    The builder must hand each criterion to the ORM as the value it filters by (`filter(state=
    state)`), not compute with it: each compiles with its stand-in (a value of its kind no call
    gives: a negative id, a day of the year 1), found again among the parameters, as given (in
    one place or several: `Q(a=x) | Q(b=x)`), or the shape is refused. The criteria named in
    `shaped_by` are not values but choices of SQL (an ordering): their values, hashable, are part
    of the shape and reach the builder as they are."""

    def __init__(
        self, build: Callable[..., QuerySet], stand_ins: dict[str, object], shaped_by: tuple[str, ...] = ()
    ):
        if len({(type(value), value) for value in stand_ins.values()}) != len(stand_ins):
            # Two criteria with one stand-in could not be told apart in the compiled SQL.
            raise ValueError(f"Each criterion needs a stand-in of its own: {stand_ins!r}.")
        self._build = build
        self._stand_ins = stand_ins
        self._shaped_by = shaped_by
        self._compiled: dict[tuple, tuple[str, list, dict[str, list[int]]]] = {}

    def stand_in(self, name: str):
        return self._stand_ins[name]

    def sql(self, *, using: str = DEFAULT_DB_ALIAS, **criteria) -> tuple[str, list]:
        given = {name: value for name, value in criteria.items() if value is not None}
        choices = tuple((name, given.pop(name)) for name in self._shaped_by if name in given)
        shape = (using, frozenset(given), choices)
        sql, params, places = self._compiled.get(shape) or self._compile(shape)
        params = list(params)
        for name, at in places.items():
            for index in at:
                params[index] = given[name]
        return sql, params

    def _compile(self, shape: tuple) -> tuple[str, list, dict[str, list[int]]]:
        using, names, choices = shape
        queryset = self._build(**{name: self._stand_ins[name] for name in names}, **dict(choices))
        sql, params = queryset.query.get_compiler(using).as_sql()
        places = {}
        for name in names:
            stand_in = self._stand_ins[name]
            at = [i for i, param in enumerate(params) if type(param) is type(stand_in) and param == stand_in]
            if not at:
                raise ValueError(f"The criterion {name!r} does not reach the SQL as given.")
            places[name] = at
        self._compiled[shape] = compiled = (sql, list(params), places)
        return compiled


class CompiledPages:
    """A filtered QuerySet's stand-in for DRF's CursorPagination, over a CompiledQueryShapes whose
    builder takes `order_by` (a shaping criterion) and the paginator's position lookups
    (`vote_event_id__gt`) among its criteria: the paginator's `order_by(...)` and `filter(...)`
    become criteria, and its slice runs the compiled SQL with LIMIT and OFFSET as parameters. So
    a page of a list costs no ORM work once its shape has compiled, and DRF still decides what
    the cursors say. Each position is given as the type of its stand-in (the cursor holds text)."""

    def __init__(self, shapes: CompiledQueryShapes, criteria: dict, *, using: str = DEFAULT_DB_ALIAS):
        self._shapes = shapes
        self._criteria = criteria
        self._using = using

    def order_by(self, *fields: str) -> "CompiledPages":
        return CompiledPages(self._shapes, {**self._criteria, "order_by": fields}, using=self._using)

    def filter(self, **lookups) -> "CompiledPages":
        given = {name: type(self._shapes.stand_in(name))(value) for name, value in lookups.items()}
        return CompiledPages(self._shapes, {**self._criteria, **given}, using=self._using)

    def __getitem__(self, page: slice) -> list[tuple]:
        if not isinstance(page, slice) or page.step is not None or page.stop is None:
            raise TypeError("A compiled list is read a page at a time: [start:stop].")
        start = page.start or 0
        sql, params = self._shapes.sql(using=self._using, **self._criteria)
        with connections[self._using].cursor() as cursor:
            cursor.execute(f"{sql} LIMIT %s OFFSET %s", [*params, max(page.stop - start, 0), start])
            return cursor.fetchall()


def keys_among(queryset: QuerySet, field: str = "pk") -> CompiledQuery:
    """The primary keys of `queryset`'s rows whose `field` is one of the values: a choice checked
    and turned into its key (a state's id by its code) in one compiled query."""
    return CompiledQuery(lambda among: queryset.filter(among(field)).order_by().values_list("pk"))


class AnyOf(Lookup):
    """`field = ANY(%s::type[])`, the values as one parameter, an array literal (array_literal):
    the same SQL whatever their number. Where `__in` writes a placeholder per value, and a Python
    list becomes an ARRAY[...] of constants, PostgreSQL parses each value and the driver adapts
    each one: twice the time, for the two hundred states of a page of recorded votes."""

    prepare_rhs = False  # the values pass as they are, one array, not a field's single value

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        field = self.lhs.output_field
        if isinstance(self.rhs, _Marker):
            self.rhs.field = field  # what CompiledQuery.rows writes its values for
        return f"{lhs} = ANY(%s::{_element_type(field, connection)}[])", [*lhs_params, self.rhs]


class AnyOfRows(Lookup):
    """`field = ANY(ARRAY(subquery))`: the subquery's values as one array, computed first (an
    InitPlan), so that an index on `field` is read for them in its own order, where `IN
    (subquery)` makes a join whose rows are sorted after. `AnyOfRows(F("vote_event_id"),
    VoteEvent.objects.filter(...).values("pk"))`."""

    prepare_rhs = False

    def __init__(self, lhs, rhs: QuerySet):
        super().__init__(lhs, Subquery(rhs))

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY(ARRAY{rhs})", [*lhs_params, *rhs_params]


def array_literal(values: Iterable, field: Field, connection) -> str:
    """`values` as PostgreSQL's text form of an array of `field`'s type: numbers as they are (those
    out of the column's range left out, as Django's lookups leave them: no row holds them, and
    the cast would fail), text quoted, its quotes and backslashes escaped."""
    low, high = _integer_range(field, connection)
    elements = []
    for value in values:
        if isinstance(value, int) and not isinstance(value, bool):
            if (low is None or value >= low) and (high is None or value <= high):
                elements.append(str(value))
        elif isinstance(value, str):
            elements.append('"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"')
        else:
            raise TypeError(f"A compiled query's values are numbers or text, not {type(value).__name__}.")
    return "{" + ",".join(elements) + "}"


def _element_type(field: Field, connection) -> str:
    # Text for text columns: varchar(3) would cut "PRKX" to "PRK" and find it.
    return field.cast_db_type(connection) if _integer_range(field, connection) != (None, None) else "text"


def _integer_range(field: Field, connection) -> tuple[int | None, int | None]:
    target = field.target_field if field.is_relation else field
    return connection.ops.integer_field_ranges.get(target.get_internal_type(), (None, None))


class _Marker(list):
    """Stands for the values while the query compiles; found again among the parameters by identity."""

    field: Field

"""Finding states by any of their names, as staff type them: the admin's autocompletes and
searches and the API's ?search= on states all ask `states_matching`.

The match runs in Python over the shipped names (unrecord/state_names.py: every name of every
state in the six UN languages, former names, abbreviations), then becomes one query. Names
edited in the admin since the reference data was shipped are matched by the database itself
(case-insensitive), in the same query.
"""

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from unrecord.state_names import shipped_state_names


def states_matching(states: QuerySet, term: str) -> QuerySet:
    """`states` narrowed to those `term` names, whole names first, then names it begins a word
    of, then the rest; unchanged for an empty term."""
    term = term.strip()
    if not term:
        return states
    match = shipped_state_names().search(term)
    in_database = (
        Q(iso3__iexact=term)
        | Q(un_name__icontains=term)
        | Q(formal_name__icontains=term)
        | Q(common_name__icontains=term)
    )
    rank = Case(
        When(Q(iso3__in=match.whole_name) | Q(iso3__iexact=term), then=Value(0)),
        When(iso3__in=match.word_start, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return (
        states.filter(Q(iso3__in=match.codes) | in_database)
        .annotate(search_rank=rank)
        .order_by("search_rank", "common_name")
    )

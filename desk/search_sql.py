"""The SQL the one search box is made of (desk/search.py): accent folding, prefix full-text
queries, trigram similarity and highlighted snippets, on whatever this database has.

Where the unaccent and pg_trgm extensions are installed (core migration 0002 installs them where
the server ships them) the search folds accents with unaccent() and forgives typos with
word_similarity(); without them (the embedded PostgreSQL of `make test`) it folds the common
accented letters with translate() and matches words by their start only. Which, is decided here,
once per process and database.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.search import SearchQuery, SearchVectorField
from django.db import connections
from django.db.models import BooleanField, F, FloatField, Func, Q, TextField, Value
from django.db.models.functions import Coalesce, Concat, Lower
from django.db.models.lookups import Contains
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from core import search_index

# Names in any language: words as they are, no stemming (a stem of "Kenya" in English is no help
# with "Kenia" in Spanish, and names are what staff type).
CONFIG = "simple"
# How alike a typed word must be to a word of a name to count, without being it (0-1).
TYPO_SIMILARITY = 0.6
# The highlight's markers: characters no text Plenary keeps uses (Unicode's private use area),
# swapped for <mark> only after the snippet is escaped.
_START, _STOP = "\ue000", "\ue001"
HEADLINE_OPTIONS = f"StartSel={_START}, StopSel={_STOP}, MaxWords=30, MinWords=12, MaxFragments=2"
# translate()'s fallback: the accented letters of the languages staff type names in.
_ACCENTED, _PLAIN = search_index.ACCENTED, search_index.PLAIN


@dataclass(frozen=True)
class Capabilities:
    """What the database offers the search."""

    unaccent: bool
    trigram: bool
    # The search indexes' fold (core/search_index.py) is this one: the search reads the indexes.
    indexed: bool = False


def capabilities(alias: str = "default") -> Capabilities:
    """The extensions installed in database `alias`: asked once per process and database."""
    return _capabilities(alias, connections[alias].settings_dict["NAME"])


@cache
def _capabilities(alias: str, _name: str) -> Capabilities:
    with connections[alias].cursor() as cursor:
        cursor.execute(
            "SELECT extname FROM pg_extension WHERE extname IN ('unaccent', 'pg_trgm') UNION ALL"
            " SELECT CASE WHEN prosrc LIKE '%%unaccent%%' THEN 'fold:unaccent' ELSE 'fold:translate' END"
            " FROM pg_proc WHERE proname = %s",
            [search_index.FOLD],
        )
        installed = {name for (name,) in cursor.fetchall()}
    unaccent = "unaccent" in installed
    indexed = ("fold:unaccent" if unaccent else "fold:translate") in installed
    return Capabilities(unaccent=unaccent, trigram="pg_trgm" in installed, indexed=indexed)


def fold_text(text: str) -> str:
    """`text` as the search compares it: lower case, without accents."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words_of(term: str) -> list[str]:
    """The words of what was typed, folded: punctuation and operators are never SQL."""
    return re.findall(r"\w+", fold_text(term))


def fold(expression, can: Capabilities) -> Func:
    """`expression` (a field name or an expression) folded in the database as fold_text does."""
    if can.indexed:  # the same fold, by the function the indexes hold
        return Func(_expr(expression), function=search_index.FOLD, output_field=TextField())
    lowered = Lower(Coalesce(_expr(expression), Value(""), output_field=TextField()))
    if can.unaccent:
        return Func(lowered, function="unaccent", output_field=TextField())
    return Func(lowered, Value(_ACCENTED), Value(_PLAIN), function="translate", output_field=TextField())


def joined(*expressions) -> Func:
    """Several texts as one, a space between (a NULL one counts as empty)."""
    parts = []
    for expression in expressions:
        parts += [_expr(expression), Value(" ")]
    return Concat(*parts[:-1], output_field=TextField())  # Concat reads NULL as ""


def prefix_query(words: list[str]) -> SearchQuery:
    """Every word, each as the start of a word: "ken nai" finds "Kenya" in "Nairobi"."""
    return SearchQuery(" & ".join(f"{word}:*" for word in words), config=CONFIG, search_type="raw")


def holds_words(text, words: list[str], can: Capabilities) -> Q:
    """Whether the folded `text` holds every word somewhere: a necessary condition of `matches`,
    several times cheaper (no tokenizing), asked first so that most rows stop there."""
    return Q(*(Contains(fold(text, can), word) for word in words))


def matches(text, query: SearchQuery, can: Capabilities) -> Func:
    """Whether the folded `text` holds every word of `query` (a boolean expression)."""
    vector = Func(Value(CONFIG), fold(text, can), function="to_tsvector", output_field=SearchVectorField())
    return Func(vector, query, arg_joiner=" @@ ", template="(%(expressions)s)", output_field=BooleanField())


def indexed_match(fields: tuple[str, ...], query: SearchQuery) -> Func:
    """Whether `fields`, joined and folded, hold every word of `query`: `matches`, as a GIN index
    built by core/search_index.create_text_index over these `fields` can answer it."""
    vector = Func(*map(F, fields), function=search_index.VECTOR, output_field=SearchVectorField())
    return Func(vector, query, arg_joiner=" @@ ", template="(%(expressions)s)", output_field=BooleanField())


def resembles(words: list[str], name, can: Capabilities) -> Func:
    """Whether the folded `name` may be alike the words typed, as a trigram index can answer it:
    true wherever `likeness` reaches TYPO_SIMILARITY (pg_trgm's word_similarity_threshold, 0.6
    unless the server was told otherwise), to be asked with it."""
    return Func(
        fold(name, can),
        Value(" ".join(words)),
        arg_joiner=" %%> ",
        template="(%(expressions)s)",
        output_field=BooleanField(),
    )


def any_of(field: str, rows) -> Func:
    """Whether `field` is one of the values `rows` (one column) select: asked once per query, as
    an index can answer it (where an EXISTS per row cannot, beside other indexed conditions)."""
    return Func(
        F(field),
        ArraySubquery(rows),
        arg_joiner=" = ANY(",
        template="(%(expressions)s))",
        output_field=BooleanField(),
    )


def likeness(words: list[str], name, can: Capabilities) -> Func | Value:
    """How closely the words typed match a word run of `name`, 0-1: 0 without pg_trgm."""
    if not can.trigram:
        return Value(0.0, output_field=FloatField())
    return Func(
        Value(" ".join(words)), fold(name, can), function="word_similarity", output_field=FloatField()
    )


def headline(text, query: SearchQuery) -> Func:
    """`text`'s passages around the words found, with markers that `highlighted` turns into
    <mark>; computed for the rows shown only (PostgreSQL evaluates it after the LIMIT)."""
    return Func(
        Value(CONFIG),
        _expr(text),
        query,
        Value(HEADLINE_OPTIONS),
        function="ts_headline",
        output_field=TextField(),
    )


def highlighted(snippet: str) -> SafeString:
    """A snippet from `headline`, escaped, its words found wrapped in <mark>."""
    return mark_safe(escape(snippet).replace(_START, "<mark>").replace(_STOP, "</mark>"))


def _expr(expression):
    return F(expression) if isinstance(expression, str) else expression

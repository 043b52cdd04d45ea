"""Recognising the same resolution across sessions: title keys and resolution series."""

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import cache
from typing import NamedTuple

from django.db import connection, transaction

from unrecord.models import Resolution, ResolutionSeries
from unrecord.titles import mend_file_escapes

KEY_LENGTH = ResolutionSeries._meta.get_field("title_key").max_length
NAME_LENGTH = ResolutionSeries._meta.get_field("name").max_length

_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "“": '"', "”": '"', "–": "-", "—": "-"})

# The Digital Library catalogue appends the record's statement of responsibility to the title,
# often cut short or misspelt: " : resolution / adopted by the General Assemly", " / adopted by
# the Genera", ": draft resolution", " : resolution / ado", or just a dangling " :".
_CATALOGUE_SUFFIX = re.compile(
    r"""\s*[:/]\s*
        (?: (?:draft\s+)? resol\w* \s* (?:/.*)?     # ": resolution / adopted by ...", ": draft resolution"
          | (?:ad|sub)\w* \s+ (?:by\b.*)?           # " / adopted by the General Assembly"
        )?
        [\s:/]*$""",
    re.IGNORECASE | re.VERBOSE,
)
# ... and sometimes the subject heading: "... on Disarmament. - WEAPONS OF MASS DESTRUCTION".
_CATALOGUE_SUBJECT = re.compile(r"\.\s+-\s+[A-Z][A-Z ,()'-]*$")


# Accents as NFKD decomposes them (one regex is ten times faster than testing each character).
_COMBINING_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_NOT_A_LETTER = re.compile(r"[^a-z]+")
# Words whose change or order does not make another resolution: the catalogue has "Situation
# on human rights in Myanmar" (2006) beside "Situation of ...", and "Human rights situation in
# the Islamic Republic of Iran" (1997, 1999) beside "Situation of human rights in ...".
_FUNCTION_WORDS = frozenset({"a", "an", "and", "at", "by", "for", "in", "of", "on", "s", "the", "to", "with"})


def clean_title(title: str) -> str:
    """The title as a reader wants it: broken characters mended, catalogue suffix removed."""
    title = mend_file_escapes(title).translate(_QUOTES)
    title = _CATALOGUE_SUBJECT.sub("", title.strip())
    title = _CATALOGUE_SUFFIX.sub("", title)
    return " ".join(title.split())


def title_key(title: str) -> str:
    """The key that recognises one resolution across sessions: the words of the clean title
    (lower case, accents dropped, digits, apostrophes and punctuation as spaces, cut to the
    length a series stores), without function words, each once, in alphabetical order.
    A key is its own key, so that a series' key can be typed as its title."""
    decomposed = unicodedata.normalize("NFKD", clean_title(title).lower())
    normalised = _NOT_A_LETTER.sub(" ", _COMBINING_MARKS.sub("", decomposed)).strip()[:KEY_LENGTH]
    return " ".join(sorted(set(normalised.split()) - _FUNCTION_WORDS))


@transaction.atomic
def assign_series(*, resolution_ids: Iterable[int] | None = None) -> int:
    """Link resolutions that have no series yet to the series their title belongs to; return
    how many were linked.

    A key recurring in at least two sessions gets a new series, named after the most common
    clean title of its resolutions; a key that an existing series already has (made or edited
    by hand) links to that series. Resolutions that have a series are never changed.
    `resolution_ids` narrows the work to the keys of those resolutions; resolutions of earlier
    sessions sharing such a key are linked with them, so a title recurring for the first time
    in a new import gets its series at once.
    """
    keyed = _unassigned_by_key()
    if resolution_ids is not None:
        wanted = set(resolution_ids)
        keyed = {key: rows for key, rows in keyed.items() if any(row.pk in wanted for row in rows)}
    existing = set(ResolutionSeries.objects.filter(title_key__in=keyed).values_list("title_key", flat=True))
    recurring = {
        key: rows
        for key, rows in keyed.items()
        if key not in existing and len({row.session_id for row in rows if row.session_id}) >= 2
    }
    _create_series(recurring)
    links = [(row.pk, key) for key in existing | recurring.keys() for row in keyed[key]]
    return _link(links)


class _Unassigned(NamedTuple):
    pk: int
    title: str
    session_id: int | None
    session_number: int | None


def _unassigned_by_key() -> dict[str, list[_Unassigned]]:
    """{title key: resolutions} for the resolutions without a series."""
    keyed = defaultdict(list)
    key_of = cache(title_key)  # a title recurs session after session: one key for all its resolutions
    rows = Resolution.objects.filter(series__isnull=True).values_list(
        "id", "title", "session_id", "session__number"
    )
    for row in map(_Unassigned._make, rows):
        if key := key_of(row.title):
            keyed[key].append(row)
    return keyed


def _series_name(rows: list[_Unassigned]) -> str:
    """The most common clean title of a series' resolutions; the latest session breaks ties."""
    cleaned = [(clean_title(row.title), row.session_number or 0) for row in rows]
    titles = Counter(title for title, _ in cleaned)
    latest: dict[str, int] = defaultdict(int)
    for title, session_number in cleaned:
        latest[title] = max(latest[title], session_number)
    return max(titles, key=lambda title: (titles[title], latest[title]))[:NAME_LENGTH].rstrip()


def _create_series(keyed: dict[str, list[_Unassigned]]) -> None:
    names = {key: _series_name(rows) for key, rows in keyed.items()}
    taken = set(ResolutionSeries.objects.filter(name__in=names.values()).values_list("name", flat=True))
    series = []
    for key, name in sorted(names.items()):
        unique = _unique_name(name, taken)
        taken.add(unique)
        series.append(ResolutionSeries(name=unique, title_key=key))
    ResolutionSeries.objects.bulk_create(series)


def _unique_name(name: str, taken: set[str]) -> str:
    """`name`, or `name (2)`, `name (3)`... when two keys share a name once cut to length."""
    candidate, number = name, 1
    while candidate in taken:
        number += 1
        suffix = f" ({number})"
        candidate = name[: NAME_LENGTH - len(suffix)].rstrip() + suffix
    return candidate


def _link(links: list[tuple[int, str]]) -> int:
    """Point each (resolution id, title key) at the series with that key, in one statement."""
    if not links:
        return 0
    ids, keys = zip(*links, strict=True)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            UPDATE {Resolution._meta.db_table} AS resolution
               SET series_id = series.id
              FROM unnest(%s::bigint[], %s::text[]) AS link(resolution_id, title_key)
              JOIN {ResolutionSeries._meta.db_table} AS series ON series.title_key = link.title_key
             WHERE resolution.id = link.resolution_id AND resolution.series_id IS NULL
            """,
            [list(ids), list(keys)],
        )
        return cursor.rowcount

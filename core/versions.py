"""A record's version: a short tag that changes whenever what is stored for the record changes,
its row or its many-to-many links. The API sends it as the ETag and checks If-Match against it;
the admin's change form carries it and refuses a save made on a version that is gone.

The tag is read from the database, not from an instance: an instance may hold what a form has
already changed, or links prefetched through a filter (a partner's page lists only what they may
see). The row is taken whole, as PostgreSQL writes it out (every column, an encrypted one as its
ciphertext, timestamps to the microsecond), so no field can change without the tag changing, and a
link added or removed changes it without touching the row. `updated_at` alone would miss both: not
every model has one, and a link is not a column. The text is signed with the secret key rather than
merely hashed: a tag is shown to readers who may not see every field (a meeting's confidential
notes), and an unkeyed hash would let them test guesses at those fields against it."""

import hashlib

from django.contrib.postgres.expressions import ArraySubquery
from django.db import connections
from django.db.models import OuterRef, Q
from django.db.models.expressions import RawSQL
from django.utils.crypto import salted_hmac


def version_of(record, *, lock: bool = False) -> str | None:
    """The stored version of `record`, or None if it is no longer stored. With `lock`, its row is
    locked until the transaction ends, so that nobody can change it between this check and a write."""
    return _versions(type(record), Q(pk=record.pk), lock=lock).get(record.pk)


def versions_of(queryset, *, lock: bool = False) -> dict:
    """The stored version of each row of `queryset`, by primary key; one query. (A model that
    inherits another's table would need that table's row too: Plenary has none.)"""
    return _versions(queryset.model, Q(pk__in=queryset.values("pk")), lock=lock)


def version_of_page(record, rows=(), *, lock: bool = False) -> str | None:
    """The version of `record` shown with rows of other models beside it (querysets: an admin
    page's inlines), which changes when any of them does, one is added or one is removed."""
    own = version_of(record, lock=lock)
    if own is None:
        return None
    shown = [own, *(sorted(versions_of(queryset, lock=lock).items()) for queryset in rows)]
    return hashlib.sha256(repr(shown).encode()).hexdigest()[:32]


def _versions(model, rows: Q, *, lock: bool) -> dict:
    stored = model._base_manager.filter(rows)
    if lock:
        # The rows only: every write of a record's links goes through its service, which locks
        # the same row first (core/services.py), so the links cannot change under this lock either.
        # The query joins nothing, so OF only says so; Django 5.2 cannot write it for a model
        # keyed by several columns (a recorded vote), which is locked the same without it.
        stored = stored.select_for_update(of=() if model._meta.is_composite_pk else ("self",))
    table = connections[stored.db].ops.quote_name(model._meta.db_table)
    whole_row = RawSQL(f"{table}::text", ())
    links = [_linked_ids(field) for field in model._meta.many_to_many]
    return {pk: _signed(model, state) for pk, *state in stored.values_list("pk", whole_row, *links)}


def _linked_ids(field) -> ArraySubquery:
    """The ids a many-to-many field links a row to, in order, from its table of links."""
    through = field.remote_field.through
    target = through._meta.get_field(field.m2m_reverse_field_name()).attname
    links = through._base_manager.filter(**{field.m2m_field_name(): OuterRef("pk")})
    return ArraySubquery(links.order_by(target).values(target))


def _signed(model, state: list) -> str:
    text = repr((model._meta.label, *state))
    return salted_hmac("core.versions", text, algorithm="sha256").hexdigest()[:32]

"""Text sealed at rest: model fields whose values the database only ever holds encrypted.

Protected identities keep their real names in these fields, so that the database's files, a
dump, a backup or a replica hold ciphertext only. Values are sealed with Fernet (AES-128-CBC with
an HMAC-SHA256, from the `cryptography` package) in Python before they leave for the database, and
opened as they come back. pghistory's triggers copy a row's columns into its history table as
they find them, so history holds the same ciphertext, and its event models open it on reading.

Why Fernet in Python rather than pgcrypto: with pgcrypto the key travels in every query, so it
reaches the database server, its statement and error logs and pg_stat_statements, which are the
places a stolen backup, a database administrator or a compromised database host can read. Here
the key never leaves the application's processes.

Keys: settings.IDENTITY_KEYS (PLENARY_IDENTITY_KEYS), Fernet keys; the first seals, every one
opens. To rotate, put a new key first, keep the old ones after it, run `manage.py
rotate_identity_key`, then drop the old ones.

A sealed value cannot be compared by the database (sealing one text twice gives two different
tokens), so the fields offer no lookup but `isnull`: nothing can search, filter or join on them.
"""

import contextlib
import functools

import pgtrigger
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, models

MAKE_A_KEY = "python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'"


class UnreadableSeal(ImproperlyConfigured):
    """A sealed value that no configured key opens."""


def keyring_of(keys) -> MultiFernet:
    """The keys, as one MultiFernet: refused with a message saying what to do if there are none
    or one is not a Fernet key."""
    return _keyring(tuple(key.strip() for key in keys))


@functools.lru_cache(maxsize=8)
def _keyring(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured(
            "PLENARY_IDENTITY_KEYS is not set: protected identities are sealed with it and cannot "
            f"be stored or read without it. Make a key with {MAKE_A_KEY}."
        )
    fernets = []
    for position, key in enumerate(keys, start=1):
        try:
            fernets.append(Fernet(key))
        except ValueError:
            raise ImproperlyConfigured(
                f"Key {position} of PLENARY_IDENTITY_KEYS is not a Fernet key (32 url-safe "
                f"base64-encoded bytes). Make one with {MAKE_A_KEY}."
            ) from None
    return MultiFernet(fernets)


def keyring() -> MultiFernet:
    return keyring_of(settings.IDENTITY_KEYS)


def seal(text: str) -> str:
    return keyring().encrypt(text.encode()).decode()


def unseal(token: str) -> str:
    try:
        return keyring().decrypt(token.encode()).decode()
    except InvalidToken:
        raise UnreadableSeal(
            "A sealed value opens with none of the keys in PLENARY_IDENTITY_KEYS: was a key "
            "dropped before `manage.py rotate_identity_key` had sealed everything again?"
        ) from None


def reseal(token: str) -> str:
    """The same text sealed under the first key (MultiFernet.rotate: the text is never exposed)."""
    try:
        return keyring().rotate(token.encode()).decode()
    except InvalidToken:
        return unseal(token)  # raises, saying which keys to keep


class Sealed:
    """Seals a text field's values on the way to the database and opens them on the way back."""

    def db_type(self, connection):
        return "text"  # a token is longer than its text: the length is checked on the text

    def get_db_prep_save(self, value, connection):
        # The database cannot check the length of a text it holds sealed: checked on its way there.
        if value is not None:
            self.run_validators(value)
        return super().get_db_prep_save(value, connection)

    def get_db_prep_value(self, value, connection, prepared=False):
        value = super().get_db_prep_value(value, connection, prepared)
        return None if value is None else seal(value)

    def from_db_value(self, value, expression, connection):
        return None if value is None else unseal(value)

    def get_lookup(self, lookup_name):
        return super().get_lookup(lookup_name) if lookup_name == "isnull" else None

    def get_transform(self, lookup_name):
        return None


class SealedCharField(Sealed, models.CharField):
    """A line of sealed text (a real name): its form is a line, its `max_length` is the text's."""


class SealedTextField(Sealed, models.TextField):
    """Sealed free text (notes about a protected person)."""


def sealed_columns(model) -> list[str]:
    return [field.column for field in model._meta.concrete_fields if isinstance(field, Sealed)]


def sealed_models() -> list:
    """Every model with a sealed field, history event models included."""
    return [model for model in apps.get_models() if sealed_columns(model)]


def rewrite_sealed_columns(db, *, table: str, pk: str, columns: list[str], change) -> int:
    """Apply `change` (seal, unseal or reseal) to every non-null value of `columns` in `table`,
    as stored, row by row under a lock. For migrations and key rotation; returns the rows."""
    quote = db.ops.quote_name
    pk = quote(pk)
    listed = ", ".join(quote(column) for column in columns)
    assignments = ", ".join(f"{quote(column)} = %s" for column in columns)
    with db.cursor() as cursor:
        cursor.execute(f"SELECT {pk}, {listed} FROM {quote(table)} ORDER BY {pk} FOR UPDATE")
        rows = cursor.fetchall()
        for row_id, *values in rows:
            changed = [None if value is None else change(value) for value in values]
            cursor.execute(f"UPDATE {quote(table)} SET {assignments} WHERE {pk} = %s", [*changed, row_id])
    return len(rows)


def reseal_model(model) -> int:
    """Seal every sealed value of `model`'s rows again under the first key. The rows' texts do
    not change, so their history triggers are kept from recording an update nobody made."""
    on_update = [
        f"{model._meta.label}:{trigger.name}"
        for tracked, trigger in pgtrigger.registered()
        if tracked is model and pgtrigger.Update in trigger.operation
    ]
    # pgtrigger.ignore() with no trigger named would ignore every trigger.
    with pgtrigger.ignore(*on_update) if on_update else contextlib.nullcontext():
        return rewrite_sealed_columns(
            connection,
            table=model._meta.db_table,
            columns=sealed_columns(model),
            change=reseal,
            pk=model._meta.pk.column,
        )

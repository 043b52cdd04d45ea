"""Protected identities sealed at rest: the database, its history tables and a dump of it hold no
real name or identity note in the clear; the key rotates; stored identities were sealed in place."""

import io
import subprocess

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import FieldError, ValidationError
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from core.sealed import UnreadableSeal
from demo.dataset.directory import WITNESSES
from directory.models import PersonIdentity
from directory.services import identity_writes
from tests import factories
from tests.conftest import passed_second_factor, verified_login
from tests.directory.conftest import REAL_NAME
from tests.tasks.test_backup_restore import client_environment, client_tools

NOTES = "Reached only through the pastor in Seoul"
KEY_A, KEY_B = Fernet.generate_key().decode(), Fernet.generate_key().decode()


def _stored(table: str, pk: str = "id") -> list[tuple]:
    """Rows of `table` as the database holds them: (real_name, notes), by primary key."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT real_name, notes FROM {table} ORDER BY {pk}")
        return cursor.fetchall()


def _identity_with_history(organization) -> PersonIdentity:
    person = factories.ProtectedPersonFactory(protected_by=organization, identity__real_name=REAL_NAME)
    identity = PersonIdentity.objects.get(person=person)
    identity.notes = NOTES
    identity.save()  # an update: a second history event
    return identity


@pytest.mark.django_db
def test_the_database_holds_real_names_and_notes_sealed_history_included(organization):
    identity = _identity_with_history(organization)

    stored = _stored("directory_personidentity") + _stored("directory_personidentityevent", "pgh_id")
    assert len(stored) == 3
    for real_name, notes in stored:
        assert REAL_NAME not in real_name and NOTES not in notes
        assert real_name.startswith("gAAAAA") and notes.startswith("gAAAAA")  # Fernet tokens
    identity.refresh_from_db()
    assert (identity.real_name, identity.notes) == (REAL_NAME, NOTES)
    history = [(event.real_name, event.notes) for event in identity.events.order_by("pgh_id")]
    assert history == [(REAL_NAME, ""), (REAL_NAME, NOTES)]


@pytest.mark.django_db
@pytest.mark.parametrize("lookup", ["real_name__icontains", "real_name", "notes__startswith"])
def test_a_sealed_field_offers_no_search(organization, lookup):
    _identity_with_history(organization)
    with pytest.raises(FieldError):
        PersonIdentity.objects.filter(**{lookup: "Kim"}).exists()


@pytest.mark.django_db
def test_the_length_of_a_real_name_is_checked_on_the_name(organization):
    person = factories.PersonFactory(is_protected=True, protected_by=organization)
    author = passed_second_factor(factories.UserFactory(organization=organization, is_superuser=True))
    with pytest.raises(ValidationError, match="at most 200 characters"):
        identity_writes.save(
            author=author, record=PersonIdentity(), data={"person": person, "real_name": "x" * 201}
        )


@pytest.mark.django_db
def test_history_opens_sealed_values_and_shows_only_what_changed(client, organization):
    identity = _identity_with_history(organization)
    superuser = factories.UserFactory(organization=organization, is_superuser=True, username="root")
    verified_login(client, superuser)
    page = client.get(f"/admin/directory/personidentity/{identity.pk}/history/")
    events = page.context["events"]
    update = next(event for event in events if event.pgh_label == "update")
    # Sealed twice, the unchanged name is two different tokens: only the notes changed.
    assert set(update.pgh_diff) - {"updated_at"} == {"notes"}
    assert update.pgh_diff["notes"] == ["", NOTES]
    assert REAL_NAME in page.content.decode() and NOTES in page.content.decode()


# -- The key: rotation ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_rotation_seals_everything_under_the_new_key_so_the_old_may_go(settings, organization):
    settings.IDENTITY_KEYS = [KEY_A]
    identity = _identity_with_history(organization)
    events_before = identity.events.count()
    sealed_under_a = _stored("directory_personidentityevent", "pgh_id")

    settings.IDENTITY_KEYS = [KEY_B, KEY_A]
    out = io.StringIO()
    call_command("rotate_identity_key", stdout=out)

    assert "directory.PersonIdentity: 1 row(s)" in out.getvalue()
    assert "directory.PersonIdentityEvent: 2 row(s)" in out.getvalue()
    assert _stored("directory_personidentityevent", "pgh_id") != sealed_under_a
    settings.IDENTITY_KEYS = [KEY_B]
    identity.refresh_from_db()
    assert (identity.real_name, identity.notes) == (REAL_NAME, NOTES)
    assert [event.real_name for event in identity.events.all()] == [REAL_NAME, REAL_NAME]
    assert identity.events.count() == events_before  # the rotation is no change in the history


@pytest.mark.django_db
def test_dropping_the_old_key_before_rotating_is_a_clear_error(settings, organization):
    settings.IDENTITY_KEYS = [KEY_A]
    identity = _identity_with_history(organization)
    settings.IDENTITY_KEYS = [KEY_B]
    with pytest.raises(UnreadableSeal, match="rotate_identity_key"):
        PersonIdentity.objects.get(pk=identity.pk)
    with pytest.raises(CommandError, match="opens with none of the keys"):
        call_command("rotate_identity_key", stdout=io.StringIO())


@pytest.mark.django_db
def test_rotating_without_a_key_says_how_to_make_one(settings, organization):
    _identity_with_history(organization)
    settings.IDENTITY_KEYS = []
    with pytest.raises(CommandError, match="PLENARY_IDENTITY_KEYS is not set.*Fernet.generate_key"):
        call_command("rotate_identity_key", stdout=io.StringIO())


# -- Identities stored before they were sealed ----------------------------------------------------
# On a real transaction, as the backup test is (tests/tasks/test_backup_restore.py): emptied after,
# and the migrations' data given back, so that tests after them find the database as it was.


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_seals_stored_identities_and_their_history_in_place(organization):
    executor = MigrationExecutor(connection)
    executor.migrate([("directory", "0004_tokens_end_with_the_password")])
    try:
        person = factories.PersonFactory(is_protected=True, protected_by=organization)
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO directory_personidentity (person_id, owner_id, real_name, notes, "
                "shared_with_partners, is_illustrative, created_at, updated_at) "
                "VALUES (%s, %s, %s, '', false, false, now(), now())",
                [person.pk, organization.pk, REAL_NAME],
            )
            cursor.execute("UPDATE directory_personidentity SET notes = %s", [NOTES])
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())

    for real_name, notes in _stored("directory_personidentity") + _stored(
        "directory_personidentityevent", "pgh_id"
    ):
        assert real_name.startswith("gAAAAA") and REAL_NAME not in real_name and NOTES not in notes
    identity = PersonIdentity.objects.get()
    # Each event sealed as it was, and none added for the rewrite.
    assert [(e.pgh_label, e.notes) for e in identity.events.order_by("pgh_id")] == [
        ("insert", ""),
        ("update", NOTES),
    ]
    assert identity.real_name == REAL_NAME


# -- A dump ---------------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_dump_of_the_demo_holds_no_survivors_real_name():
    major = connection.cursor().connection.server_version // 10000
    tools = client_tools(major)
    if tools is None:
        pytest.skip(f"no pg_dump of PostgreSQL {major} (the server's version) on this machine")
    call_command("load_demo", stdout=io.StringIO())
    assert PersonIdentity.objects.count() == len(WITNESSES)

    dump = _pg_dump(tools / "pg_dump")

    for witness in WITNESSES.values():
        assert witness["name"] in dump  # the pseudonym: the dump is of the demo
        assert witness["real_name"].lower() not in dump.lower()
        assert witness["identity_notes"] not in dump


def _pg_dump(binary) -> str:
    database = connection.settings_dict["NAME"]
    return subprocess.run(
        [binary, "--format=plain", database],
        env=client_environment(),
        capture_output=True,
        text=True,
        check=True,
    ).stdout

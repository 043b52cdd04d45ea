"""Loading a large batch into an indexed table: drop its keys and indexes (primary key
included), insert, then rebuild each index with one sort and check each foreign key with one join.

Row by row, a million inserts would pay a B-tree descent per index and a foreign-key trigger
per row; rebuilt set-based, the same work takes a fraction of the time.
"""

from contextlib import contextmanager

from psycopg2 import sql


@contextmanager
def indexes_and_keys_suspended(cursor, table: str):
    # Django's foreign keys are deferred: checks queued by earlier inserts in this transaction
    # must run now, or PostgreSQL refuses to alter the tables they concern.
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    constraints = _constraints(cursor, table)
    indexes = _free_standing_indexes(cursor, table)
    for name, _, _ in constraints:
        cursor.execute(
            sql.SQL("ALTER TABLE {} DROP CONSTRAINT {}").format(sql.Identifier(table), sql.Identifier(name))
        )
    for name, _ in indexes:
        cursor.execute(sql.SQL("DROP INDEX {}").format(sql.Identifier(name)))
    yield
    cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
    for name, kind, definition in constraints:
        if kind in ("p", "u"):
            _add_constraint(cursor, table, name, definition)
    for _, definition in indexes:
        cursor.execute(definition)
    for name, kind, definition in constraints:
        if kind == "f":
            # NOT VALID then VALIDATE: one join over the table instead of a trigger per row.
            _add_constraint(cursor, table, name, f"{definition} NOT VALID")
            cursor.execute(
                sql.SQL("ALTER TABLE {} VALIDATE CONSTRAINT {}").format(
                    sql.Identifier(table), sql.Identifier(name)
                )
            )
    cursor.execute(sql.SQL("ANALYZE {}").format(sql.Identifier(table)))
    cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _add_constraint(cursor, table, name, definition):
    cursor.execute(
        sql.SQL("ALTER TABLE {} ADD CONSTRAINT {} ").format(sql.Identifier(table), sql.Identifier(name))
        + sql.SQL(definition)
    )


def _constraints(cursor, table):
    cursor.execute(
        "SELECT conname, contype, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE conrelid = %s::regclass AND contype IN ('p', 'u', 'f') ORDER BY conname",
        [table],
    )
    return cursor.fetchall()


def _free_standing_indexes(cursor, table):
    """Indexes that no constraint owns (constraints drop and restore their own)."""
    cursor.execute(
        "SELECT index.relname, pg_get_indexdef(index.oid) FROM pg_index "
        "JOIN pg_class index ON index.oid = pg_index.indexrelid "
        "WHERE pg_index.indrelid = %s::regclass AND NOT pg_index.indisprimary "
        "AND NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conindid = index.oid)",
        [table],
    )
    return cursor.fetchall()

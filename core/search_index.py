"""The indexes the one search box (desk/search.py) reads instead of every row's text: two SQL
functions, and the GIN indexes over them that advocacy migration 0010 and documents migration
0005 build.

plenary_search_fold(text) folds a text as the search does (lower case, accents removed: with
unaccent where the database has it, else with translate()); it is declared IMMUTABLE so that an
index may hold it (unaccent() itself is only STABLE: its dictionary could change; Plenary never
changes it). plenary_search_vector(texts...) is the full-text vector of several columns joined by
a space and folded, the words a search's prefix query is matched against. Which fold a database's
function was built with is read back by desk/search_sql.capabilities(), so that a search folds
the same way as its indexes or does without them.
"""

FOLD = "plenary_search_fold"
VECTOR = "plenary_search_vector"
# translate()'s fallback: the accented letters of the languages staff type names in.
ACCENTED = "áàâäãåāăąçćčďéèêëēėęěíìîïīįıñńňóòôöõøōőŕřśšşťţúùûüūůűųýÿźżž"
PLAIN = "aaaaaaaaacccdeeeeeeeeiiiiiiinnnoooooooorrsssttuuuuuuuuyyzzz"
# The full-text configuration: names in any language, no stemming (desk/search_sql.CONFIG).
CONFIG = "simple"


def create_functions(schema_editor) -> None:
    """(Re)create the two functions, folding with unaccent where it is installed."""
    unaccent_schema = _extension_schema(schema_editor, "unaccent")
    if unaccent_schema:
        dictionary = f"'{unaccent_schema}.unaccent'::regdictionary"
        folded = f"{unaccent_schema}.unaccent({dictionary}, lower(coalesce($1, '')))"
    else:
        folded = f"translate(lower(coalesce($1, '')), '{ACCENTED}', '{PLAIN}')"
    schema_editor.execute(
        f"CREATE OR REPLACE FUNCTION {FOLD}(text) RETURNS text "
        f"LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT {folded} $$"
    )
    # Joined as desk/search_sql.joined joins texts: a space between, a NULL one as empty. The fold
    # is named with its schema: PostgreSQL 17 and later build and maintain an index with only
    # pg_catalog on the search path, where an unqualified name is not found.
    fold = f"{_current_schema(schema_editor)}.{FOLD}"
    schema_editor.execute(
        f"CREATE OR REPLACE FUNCTION {VECTOR}(VARIADIC text[]) RETURNS tsvector "
        f"LANGUAGE sql IMMUTABLE PARALLEL SAFE AS "
        f"$$ SELECT to_tsvector('{CONFIG}'::regconfig, {fold}(array_to_string($1, ' ', ''))) $$"
    )


def drop_functions(schema_editor) -> None:
    schema_editor.execute(f"DROP FUNCTION IF EXISTS {VECTOR}(VARIADIC text[]), {FOLD}(text)")


def create_text_index(schema_editor, table: str, name: str, columns: tuple[str, ...]) -> None:
    """A GIN index of `columns`' words, for desk/search_sql.indexed_match."""
    listed = ", ".join(f'"{column}"' for column in columns)
    schema_editor.execute(f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" USING gin ({VECTOR}({listed}))')


def create_trigram_index(schema_editor, table: str, name: str, column: str) -> None:
    """A trigram index of a folded name, for typos; only where pg_trgm is installed."""
    if _extension_schema(schema_editor, "pg_trgm"):
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" USING gin ({FOLD}("{column}") gin_trgm_ops)'
        )


def drop_index(schema_editor, name: str) -> None:
    schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


def _current_schema(schema_editor) -> str:
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT current_schema()")
        return f'"{cursor.fetchone()[0]}"'


def _extension_schema(schema_editor, name: str) -> str | None:
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace"
            " WHERE e.extname = %s",
            [name],
        )
        row = cursor.fetchone()
    return row and f'"{row[0]}"'

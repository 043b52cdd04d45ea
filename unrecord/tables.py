"""The tables that hand-written SQL names (the importer's, the selectors'): the record's tables
read from their models, and the import's scratch tables, so that each name is written once."""

from unrecord.models import MemberState, RecordedVote, Resolution, Session, VoteEvent

VOTE_TABLE = RecordedVote._meta.db_table
EVENT_TABLE = VoteEvent._meta.db_table
RESOLUTION_TABLE = Resolution._meta.db_table
SESSION_TABLE = Session._meta.db_table
STATE_TABLE = MemberState._meta.db_table

# The import's scratch tables, UNLOGGED rather than temporary: no WAL either way, but only its
# own process can read a temporary table, so a query that joins one to the staged rows keeps
# the join from parallel workers. The import creates them in its transaction, under its
# advisory lock, and drops them before it commits; a failed import's rollback takes them away
# with the rest.
STAGING_TABLE = "unrecord_import_rows"  # the file's rows as they are
ROLL_CALLS = "import_roll_calls"  # one row per roll call: its tally, digest and typed values
STATE_CODES = "import_state_codes"  # the file's codes, resolved to states on the day
CORRECTED_VOTES = "import_corrected"  # the votes of roll calls a corrected file changes
SCRATCH_TABLES = (STAGING_TABLE, ROLL_CALLS, STATE_CODES, CORRECTED_VOTES)

"""Which staged rows cannot be imported, and why.

The roll-call digest already counts, per roll call, the rows, the rows with a state code and the
rows with a valid vote letter, and the lowest and highest date and session. Those few thousand
values are judged here in Python; only roll calls that show a problem get a row-level UPDATE,
so a clean file pays for no extra scan at all.
"""

import datetime
import re
from dataclasses import dataclass, field

from unrecord.tables import ROLL_CALLS, STAGING_TABLE

STATE_CODE = re.compile(r"^[A-Z]{3}$")
MAX_ROLL_CALL_ID = 40  # VoteEvent.source_id
# The lines a duplicated vote's reason names. Each of its rows carries the reason: naming every
# line made it quadratic, and a 100 MB file of one vote repeated used up the database server.
DUPLICATE_LINES_NAMED = 5


@dataclass
class Problems:
    roll_calls: set[str] = field(default_factory=set)  # roll calls with rows to reject
    bad_codes: set[str] = field(default_factory=set)
    bad_dates: set[str] = field(default_factory=set)
    bad_sessions: set[str] = field(default_factory=set)
    inconsistent: set[str] = field(default_factory=set)  # roll calls whose rows disagree
    rows_without_roll_call: bool = False
    warnings: list[str] = field(default_factory=list)

    def __bool__(self):
        return bool(self.roll_calls or self.bad_codes or self.rows_without_roll_call)


def find_problems(candidates: list[tuple]) -> Problems:
    problems = Problems()
    for row in candidates:
        _judge_roll_call(problems, *row)
    return problems


def _judge_roll_call(
    problems,
    undl_id,
    rows,
    coded,
    lettered,
    date,
    min_date,
    max_date,
    session,
    min_session,
    max_session,
    *totals,
):
    if undl_id is None or len(undl_id) > MAX_ROLL_CALL_ID:
        problems.rows_without_roll_call = True
        return
    bad_dates = {value for value in (date, min_date, max_date) if value is not None and not _is_date(value)}
    bad_sessions = {v for v in (session, min_session, max_session) if v is not None and not _is_count(v)}
    problems.bad_dates |= bad_dates
    problems.bad_sessions |= bad_sessions
    if min_date != max_date or min_session != max_session:
        problems.inconsistent.add(undl_id)
    if coded < rows or lettered < rows or bad_dates or bad_sessions or date is None or session is None:
        problems.roll_calls.add(undl_id)
    if undl_id in problems.inconsistent:
        problems.roll_calls.add(undl_id)
    for name, value in zip(
        ("total_yes", "total_no", "total_abstentions", "total_non_voting"), totals, strict=True
    ):
        if value is not None and value.strip() and not _is_count(value):
            problems.warnings.append(
                f"roll call {undl_id}: {name} {value!r} is not a number; taken as unknown."
            )


def _is_date(value: str) -> bool:
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


def _is_count(value: str) -> bool:
    return value.strip().isdigit()


def mark_rejected_rows(cursor, problems: Problems) -> int:
    """Give every unimportable row its reason; return how many rows were newly rejected."""
    rejected = 0
    if problems.rows_without_roll_call:
        cursor.execute(
            f"UPDATE {STAGING_TABLE} SET reject_reason = CASE WHEN undl_id IS NULL "
            "THEN 'missing roll-call id (undl_id)' ELSE 'roll-call id longer than 40 characters' END "
            "WHERE reject_reason IS NULL AND (undl_id IS NULL OR length(undl_id) > %s)",
            [MAX_ROLL_CALL_ID],
        )
        rejected += cursor.rowcount
    reasons = [
        ("row.ms_code IS NULL", "'missing state code (ms_code)'"),
        (
            "row.ms_code = ANY(%(codes)s)",
            "'invalid state code \"' || row.ms_code || '\" (expected 3 capital letters)'",
        ),
        ("row.ms_vote IS NULL", "'missing vote (ms_vote)'"),
        (
            "row.ms_vote NOT IN ('Y', 'N', 'A', 'X')",
            "'unknown vote letter \"' || row.ms_vote || '\" (expected Y, N, A or X)'",
        ),
        ("row.date IS NULL", "'missing date'"),
        ("row.date = ANY(%(dates)s)", "'unparseable date \"' || row.date || '\" (expected YYYY-MM-DD)'"),
        ("row.session IS NULL", "'missing session'"),
        ("row.session = ANY(%(sessions)s)", "'unparseable session \"' || row.session || '\"'"),
    ]
    scope = "rc.candidate AND (rc.undl_id = ANY(%(roll_calls)s) OR row.ms_code = ANY(%(codes)s))"
    cursor.execute(
        _reject_sql(reasons, scope),
        {
            "codes": sorted(problems.bad_codes),
            "dates": sorted(problems.bad_dates),
            "sessions": sorted(problems.bad_sessions),
            "roll_calls": sorted(problems.roll_calls),
        },
    )
    return rejected + cursor.rowcount


def reject_disagreeing_rows(cursor, roll_calls: list[str]) -> int:
    """Rows whose date or session differs from their roll call's first (valid) row."""
    reasons = [
        (
            "row.date <> rc.date_text",
            "'date \"' || row.date || '\" differs from the roll call''s \"' || rc.date_text || '\" (line ' "
            "|| rc.first_line || ')'",
        ),
        (
            "row.session <> rc.session_text",
            "'session \"' || row.session || '\" differs from the roll call''s \"' || rc.session_text || "
            "'\" (line ' || rc.first_line || ')'",
        ),
    ]
    cursor.execute(_reject_sql(reasons, "rc.undl_id = ANY(%(roll_calls)s)"), {"roll_calls": roll_calls})
    return cursor.rowcount


def reject_duplicate_votes(cursor, roll_calls: list[str]) -> int:
    """A state listed twice in one roll call: which row is right is unknowable, so none is."""
    from unrecord.importer.merge import _STATE_JOINS

    cursor.execute(
        f"""
        WITH resolved AS (
            SELECT row.line, row.undl_id, row.ms_code, coalesce(alias.state_id, direct.state_id) AS state_id
            FROM {STAGING_TABLE} row
            JOIN {ROLL_CALLS} rc ON rc.undl_id = row.undl_id AND rc.undl_id = ANY(%(roll_calls)s)
            {_STATE_JOINS}
            WHERE row.reject_reason IS NULL
        ), numbered AS (
            SELECT undl_id, state_id, line,
                row_number() OVER (PARTITION BY undl_id, state_id ORDER BY line) AS n,
                count(*) OVER (PARTITION BY undl_id, state_id) AS times
            FROM resolved
        ), duplicated AS (
            SELECT undl_id, state_id, max(times) AS times,
                string_agg(line::text, ', ' ORDER BY line) FILTER (WHERE n <= %(lines_named)s) AS lines
            FROM numbered WHERE times > 1 GROUP BY undl_id, state_id
        )
        UPDATE {STAGING_TABLE} row
        SET reject_reason = 'state ' || resolved.ms_code || ' votes more than once in roll call '
            || resolved.undl_id || ' (lines ' || duplicated.lines
            || CASE WHEN times > %(lines_named)s THEN ' and ' || (times - %(lines_named)s) || ' more'
                ELSE '' END || ')'
        FROM resolved JOIN duplicated USING (undl_id, state_id)
        WHERE row.line = resolved.line
        """,
        {"roll_calls": roll_calls, "lines_named": DUPLICATE_LINES_NAMED},
    )
    return cursor.rowcount


def _reject_sql(reasons: list[tuple[str, str]], scope: str) -> str:
    case = " ".join(f"WHEN {condition} THEN {reason}" for condition, reason in reasons)
    any_reason = " OR ".join(f"({condition})" for condition, _ in reasons)
    return f"""
        UPDATE {STAGING_TABLE} row SET reject_reason = CASE {case} END
        FROM {ROLL_CALLS} rc
        WHERE rc.undl_id = row.undl_id AND ({scope}) AND row.reject_reason IS NULL AND ({any_reason})
    """


def rejected_rows(cursor, *, limit: int) -> tuple[int, list[tuple[int, str]]]:
    cursor.execute(f"SELECT count(*) FROM {STAGING_TABLE} WHERE reject_reason IS NOT NULL")
    total = cursor.fetchone()[0]
    cursor.execute(
        f"SELECT line, reject_reason FROM {STAGING_TABLE} "
        "WHERE reject_reason IS NOT NULL ORDER BY line LIMIT %s",
        [limit],
    )
    return total, cursor.fetchall()

"""A state in a spreadsheet's cell, as staff type it: its ISO3 code or any of its names, in any of
the six UN languages, former names and abbreviations included (unrecord/state_search.py). The
spreadsheets of targets, people, organizations, meetings and follow-ups all read states so."""

from core.spreadsheet_columns import RecordColumn, RecordsColumn
from unrecord.models import MemberState
from unrecord.state_search import states_matching


class StateColumn(RecordColumn):
    """A state by its code or a whole name of it (today's member first, when a former one had the
    name too); written back by its short name, which reads back as the same state."""

    def __init__(self):
        super().__init__(MemberState, names=("common_name", "iso3"), noun="state")

    def find(self, text: str, visible):
        named = [state for state in states_matching(visible, text)[:3] if state.search_rank == 0]
        # "China" and "Yemen" were also former members' names: staff mean today's member.
        current = [
            state for state in named if state.status == MemberState.Status.MEMBER and not state.left_on
        ]
        if len(named) == 1 or len(current) == 1:
            return (current or named)[0]
        if named:
            codes = ", ".join(f"{state.common_name} ({state.iso3})" for state in named)
            raise ValueError(f"'{text}' names more than one state ({codes}): write its ISO3 code")
        raise ValueError(self.unknown(text, visible.values_list("common_name", flat=True)))


def states_column() -> RecordsColumn:
    """Several states in one cell: "Kenya; BWA; Côte d'Ivoire"."""
    return RecordsColumn(StateColumn())

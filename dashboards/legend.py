"""What the map, the tiles and the charts colour states by, and the words and short codes that say
the same thing, so that colour is never the only carrier of meaning.

The colours are a blue-orange diverging scheme that stays distinct for the common forms of colour
blindness; the stylesheet (static/dashboards/dashboard.css) holds the same values per class.
"""

from dataclasses import dataclass

from advocacy.models import Position

YES, ABSTAIN, NO, ABSENT, NONE = "Y", "A", "N", "X", "none"

# Fill and text colour per value; text colours keep a contrast of at least 4.5:1.
VOTE_COLOURS = {
    YES: "#2166ac",
    ABSTAIN: "#fdb863",
    NO: "#b35806",
    ABSENT: "#8c8c8c",
    NONE: "#f2f2f2",
}
STANCE_COLOURS = {
    Position.SUPPORTS: "#2166ac",
    Position.LEANING_YES: "#92c5de",
    Position.UNDECIDED: "#d9d9d9",
    Position.ABSTAINS: "#fdb863",
    Position.LEANING_NO: "#e08214",
    Position.OPPOSES: "#b35806",
    Position.NO_POSITION: "#b0b0b0",
    NONE: "#f2f2f2",
}


@dataclass(frozen=True)
class Value:
    key: str  # as the scoreboard has it (a vote letter, a Position value) or "none"
    label: str
    code: str  # what a tile shows
    colour: str

    @property
    def css(self) -> str:
        return f"v-{self.key}"


@dataclass(frozen=True)
class Mode:
    key: str
    label: str
    values: tuple[Value, ...]

    def value(self, key: str | None) -> Value:
        key = key or NONE
        return next((value for value in self.values if value.key == key), self.values[-1])


def _votes(labels: dict[str, str]) -> tuple[Value, ...]:
    codes = {YES: "Y", ABSTAIN: "A", NO: "N", ABSENT: "X", NONE: "–"}
    return tuple(Value(key, label, codes[key], VOTE_COLOURS[key]) for key, label in labels.items())


STANCE_CODES = {
    Position.SUPPORTS: "S",
    Position.LEANING_YES: "LY",
    Position.UNDECIDED: "U",
    Position.ABSTAINS: "A",
    Position.LEANING_NO: "LN",
    Position.OPPOSES: "O",
    Position.NO_POSITION: "NP",
}

MODES = {
    mode.key: mode
    for mode in (
        Mode(
            "target",
            "Target",
            _votes(
                {YES: "Wanted: yes", ABSTAIN: "Wanted: abstention", NO: "Wanted: no", NONE: "Not a target"}
            ),
        ),
        Mode(
            "stance",
            "Stance",
            tuple(Value(p.value, p.label, STANCE_CODES[p], STANCE_COLOURS[p]) for p in Position)
            + (Value(NONE, "No stance recorded", "–", STANCE_COLOURS[NONE]),),
        ),
        Mode(
            "projection",
            "Projection",
            _votes(
                {
                    YES: "Projected yes",
                    ABSTAIN: "Projected abstention",
                    NO: "Projected no",
                    ABSENT: "Projected absent",
                    NONE: "Not projected",
                }
            ),
        ),
        Mode(
            "actual",
            "Actual vote",
            _votes(
                {
                    YES: "Voted yes",
                    ABSTAIN: "Abstained",
                    NO: "Voted no",
                    ABSENT: "Did not vote",
                    NONE: "No vote on record",
                }
            ),
        ),
    )
}

VOTE_LABELS = {YES: "Yes", NO: "No", ABSTAIN: "Abstain", ABSENT: "Absent"}

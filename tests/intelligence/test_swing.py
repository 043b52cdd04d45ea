"""The swing list: moved states first, then the least certain calls, targets first when equally
uncertain; sure calls that did not move are no swing."""

from intelligence.projection import ProjectedVote
from intelligence.swing import swing_list


def _call(
    iso3: str, yes: float, *, no: float = 0.0, moved: str | None = None, name: str = ""
) -> ProjectedVote:
    absent = 0.05
    return ProjectedVote(
        state_id=hash(iso3) % 1000,
        iso3=iso3,
        name=name or iso3,
        group_code=None,
        group_name=None,
        probabilities={"Y": yes, "N": no, "A": round(1 - yes - no - absent, 6), "X": absent},
        basis="history",
        reason=f"{iso3}'s record",
        moved=moved,
    )


def test_the_least_certain_calls_come_first_and_sure_ones_not_at_all():
    calls = [_call("SUR", 0.95), _call("HAL", 0.5, no=0.3), _call("MOS", 0.65), _call("LEA", 0.4, no=0.35)]

    swings = swing_list(calls)

    assert [swing.call.iso3 for swing in swings] == ["LEA", "HAL", "MOS"]
    assert [swing.uncertainty for swing in swings] == [0.6, 0.5, 0.35]
    assert swings[0].reason == "LEA's record" and swings[0].is_target is False


def test_a_state_whose_call_moved_comes_first_with_why_even_when_sure():
    calls = [_call("HAL", 0.5, no=0.3), _call("GMB", 0.1, no=0.85, moved="Voted no in the Third Committee")]

    swings = swing_list(calls)

    assert [swing.call.iso3 for swing in swings] == ["GMB", "HAL"]
    assert swings[0].reason == "Voted no in the Third Committee"


def test_targets_come_first_when_equally_uncertain_then_names():
    calls = [
        _call("AAA", 0.6, name="Aland"),
        _call("BBB", 0.6, name="Bland"),
        _call("CCC", 0.6, name="Cland"),
    ]

    swings = swing_list(calls, targets=["CCC"])

    assert [swing.call.iso3 for swing in swings] == ["CCC", "AAA", "BBB"]
    assert [swing.is_target for swing in swings] == [True, False, False]


def test_the_list_stops_at_its_limit():
    calls = [_call(f"S{number:02d}", 0.5 + number / 100) for number in range(30)]

    swings = swing_list(calls, limit=5)

    assert [swing.call.iso3 for swing in swings] == ["S00", "S01", "S02", "S03", "S04"]

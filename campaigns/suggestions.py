"""Targets the public record suggests for a campaign: states whose votes on its series moved
lately, each with its reason in words.

Read from the series' recorded roll calls (unrecord.series_record.series_decisions), the latest
`RECENT_ROLL_CALLS` of them:
- abstained last time but voted yes before ("Abstained in 2023, voted yes in 2019-2022"): the
  likeliest to come back, high priority;
- changed their vote ("Voted no in 2023, voted yes in 2021-2022"): medium, low when they moved to the
  vote the campaign wants (kept, not won);
- absent from the latest roll call ("Absent in 2022-2023, voted yes in 2021"): medium when they
  voted as the campaign wants before, else low.
States already targets are left out. A selector: five queries, however many states.
"""

from collections import Counter
from dataclasses import dataclass

from campaigns.models import Campaign, Target
from unrecord.models import MemberState, RecordedVote, VoteChoice
from unrecord.series_record import SeriesDecision, series_decisions

RECENT_ROLL_CALLS = 5
ABSENT = VoteChoice.NON_VOTING.value
VERBS = {"Y": "voted yes", "N": "voted no", "A": "abstained", ABSENT: "absent"}


@dataclass(frozen=True)
class SuggestedTarget:
    state: MemberState
    reason: str
    priority: int  # Target.Priority
    wanted_vote: str

    @property
    def priority_label(self) -> str:
        return Target.Priority(self.priority).label


def suggested_targets(campaign: Campaign, *, recent: int = RECENT_ROLL_CALLS) -> list[SuggestedTarget]:
    """The states the series' recent roll calls suggest targeting, most promising first."""
    if campaign.series_id is None:
        return []
    roll_calls = [d for d in series_decisions(series_id=campaign.series_id) if not d.without_vote][-recent:]
    if not roll_calls:
        return []
    votes = _votes_by_state([d.vote_event.pk for d in roll_calls])
    wanted = _wanted_vote(campaign)
    states = (  # those the roll calls list: of a state they never name, they say nothing
        MemberState.objects.members_on(roll_calls[-1].date)
        .filter(pk__in={state_id for state_id, _ in votes})
        .exclude(pk__in=campaign.targets.values("state_id"))
        .order_by("common_name")
    )
    suggestions = []
    for state in states:
        record = [
            (d.date.year, votes.get((state.pk, d.vote_event.pk), ABSENT))
            for d in roll_calls
            if _seated(state, d)
        ]
        suggestion = _suggestion(state, record, wanted)
        if suggestion is not None:
            suggestions.append(suggestion)
    return sorted(suggestions, key=lambda s: s.priority)  # stable: by name within a priority


def _votes_by_state(vote_event_ids: list[int]) -> dict[tuple[int, int], str]:
    rows = RecordedVote.objects.filter(vote_event_id__in=vote_event_ids).values_list(
        "state_id", "vote_event_id", "choice"
    )
    return {(state_id, event_id): choice for state_id, event_id, choice in rows}


def _wanted_vote(campaign: Campaign) -> str:
    """The vote the campaign wants from most of its targets; yes when it has none."""
    wanted = Counter(campaign.targets.values_list("wanted_vote", flat=True)).most_common(1)
    return wanted[0][0] if wanted else VoteChoice.YES.value


def _seated(state: MemberState, decision: SeriesDecision) -> bool:
    joined = state.admitted_on is None or state.admitted_on <= decision.date
    return joined and (state.left_on is None or state.left_on > decision.date)


def _suggestion(state, record: list[tuple[int, str]], wanted: str) -> SuggestedTarget | None:
    """What `record` (year, choice), oldest first, suggests about `state`, if anything."""
    if not record:
        return None
    runs = _runs([(year, choice) for year, choice in record if choice != ABSENT])
    if record[-1][1] == ABSENT:
        return _absent(state, record, runs, wanted)
    if len(runs) < 2:
        return None
    (last, last_years), (before, before_years) = runs[-1], runs[-2]
    yes_years = [year for choice, years in runs[:-1] if choice == "Y" for year in years]
    if last == "A" and yes_years:
        reason = f"Abstained in {_years(last_years)}, voted yes in {_years(yes_years)}"
        return SuggestedTarget(state, reason, Target.Priority.HIGH, wanted)
    reason = f"{VERBS[last].capitalize()} in {_years(last_years)}, {VERBS[before]} in {_years(before_years)}"
    priority = Target.Priority.LOW if last == wanted else Target.Priority.MEDIUM
    return SuggestedTarget(state, reason, priority, wanted)


def _absent(state, record, runs, wanted: str) -> SuggestedTarget:
    absent_years = []
    for year, choice in reversed(record):
        if choice != ABSENT:
            break
        absent_years.insert(0, year)
    reason = f"Absent in {_years(absent_years)}"
    if runs:
        last, last_years = runs[-1]
        reason += f", {VERBS[last]} in {_years(last_years)}"
    voted_wanted = bool(runs) and runs[-1][0] == wanted
    return SuggestedTarget(
        state, reason, Target.Priority.MEDIUM if voted_wanted else Target.Priority.LOW, wanted
    )


def _runs(record: list[tuple[int, str]]) -> list[tuple[str, list[int]]]:
    """[(choice, its years)] of consecutive equal choices, oldest first."""
    runs: list[tuple[str, list[int]]] = []
    for year, choice in record:
        if runs and runs[-1][0] == choice:
            runs[-1][1].append(year)
        else:
            runs.append((choice, [year]))
    return runs


def _years(years: list[int]) -> str:
    """2019, 2020, 2021, 2023 -> "2019-2021 and 2023"."""
    spans: list[list[int]] = []
    for year in sorted(set(years)):
        if spans and year == spans[-1][-1] + 1:
            spans[-1].append(year)
        else:
            spans.append([year])
    words = [f"{span[0]}-{span[-1]}" if len(span) > 1 else str(span[0]) for span in spans]
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"

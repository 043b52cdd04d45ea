"""Loads the series' earlier recorded votes (demo.dataset.series): for each of the seven plenary
roll calls of 2005-2011, its session, its resolution in the series of A/RES/69/188, the vote
event and every state's vote. Rows the record already has, from an earlier load or from an import
of the full UN voting file, are found by their natural keys and left as they are."""

import csv
import hashlib
from collections import Counter, defaultdict
from pathlib import Path

from django.utils import timezone

from demo.dataset import record, series
from demo.loader.context import Demo
from demo.loader.record import DATA_DIR, load_recorded_votes
from unrecord.models import Resolution, Session, VoteEvent, VoteImport


def load_series_history(demo: Demo) -> None:
    path = DATA_DIR / series.ROLL_CALL_FILE
    roll_calls = read_roll_calls(path)
    check_totals(roll_calls)
    vote_import, _ = VoteImport.objects.get_or_create(
        source=series.ROLL_CALL_SOURCE,
        checksum=hashlib.sha256(path.read_bytes()).hexdigest(),
        defaults={
            "finished_at": timezone.now(),
            "summary": {
                "roll_calls": [data["roll_call"] for data in series.PLENARY_VOTES],
                "rows": sum(len(votes) for votes in roll_calls.values()),
            },
        },
    )
    for data in series.PLENARY_VOTES:
        event = _vote_event(demo, data, vote_import)
        load_recorded_votes(event, roll_calls[data["roll_call"]], vote_import)


def read_roll_calls(path: Path) -> dict[str, list[tuple[str, str]]]:
    """{roll call id: [(state code, vote)]} of the extract; lines starting with # say where it
    came from. A roll call whose rows disagree with the dataset on its day, session or
    resolution is refused: the file and the dataset would describe two different votes."""
    expected = {
        data["roll_call"]: (data["date"].isoformat(), str(data["session"]), data["adopted_symbol"])
        for data in series.PLENARY_VOTES
    }
    roll_calls: dict[str, list[tuple[str, str]]] = defaultdict(list)
    line = [0]  # the file's line number of the row just read, comment lines counted
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(_data_lines(handle, line)):
            roll_call = row["undl_id"]
            if expected.get(roll_call) != (row["date"], row["session"], row["resolution"]):
                raise ValueError(
                    f"{path.name}, line {line[0]}: roll call {roll_call} of {row['date']} "
                    f"({row['resolution']}) is not one of demo.dataset.series.PLENARY_VOTES"
                )
            roll_calls[roll_call].append((row["ms_code"], row["ms_vote"]))
    return dict(roll_calls)


def _data_lines(handle, line: list[int]):
    """The lines that are not comments, noting in `line` the number of the last one given."""
    for number, text in enumerate(handle, start=1):
        if not text.startswith("#"):
            line[0] = number
            yield text


def check_totals(roll_calls: dict[str, list[tuple[str, str]]]) -> None:
    """Every roll call's votes must add up to its published totals, before anything is written."""
    for data in series.PLENARY_VOTES:
        tally = Counter(choice for _, choice in roll_calls.get(data["roll_call"], []))
        if dict(tally) != {choice: count for choice, count in data["totals"].items() if count}:
            raise ValueError(
                f"Roll call {data['roll_call']} ({data['adopted_symbol']}): the votes add up to "
                f"{dict(tally)}, the published totals are {data['totals']}"
            )


def _vote_event(demo: Demo, data: dict, vote_import: VoteImport) -> VoteEvent:
    session, _ = Session.objects.get_or_create(body=demo.bodies["GA"], number=data["session"])
    resolution, _ = Resolution.objects.get_or_create(
        adopted_symbol=data["adopted_symbol"],
        defaults={
            "title": record.RESOLUTION["title"],
            "body": demo.bodies["GA-C3"],
            "session": session,
            "series": demo.resolution.series,
            "adopted_on": data["date"],
        },
    )
    totals = data["totals"]
    event, _ = VoteEvent.objects.get_or_create(
        source_id=data["roll_call"],
        defaults={
            "resolution": resolution,
            "body": demo.bodies["GA"],
            "session": session,
            "date": data["date"],
            "kind": VoteEvent.Kind.WHOLE_DRAFT,
            "result": VoteEvent.Result.ADOPTED,
            "yes_count": totals["Y"],
            "no_count": totals["N"],
            "abstain_count": totals["A"],
            "non_voting_count": totals["X"],
            "description": (
                "The draft resolution recommended by the Third Committee, adopted as "
                f"{data['adopted_symbol']}."
            ),
            "vote_import": vote_import,
        },
    )
    return event

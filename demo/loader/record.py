"""Loads the public record of 2014: the session, the draft and its sponsors, the Cuban amendment, and
the three votes, the plenary one with its roll call (the series' earlier votes: demo/loader/series.py)."""

import csv
import hashlib
from pathlib import Path

from django.db.models import Q
from django.utils import timezone

from demo.dataset import record
from demo.loader.context import Demo
from unrecord.models import (
    Amendment,
    RecordedVote,
    Resolution,
    ResolutionSeries,
    Session,
    Sponsorship,
    VoteEvent,
    VoteImport,
)
from unrecord.selectors import states_by_code
from unrecord.series import title_key

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def load_resolution(demo: Demo) -> None:
    demo.session = _load_session(demo)
    # By its title key, as the importer recognises a series: an import of the full UN voting file
    # before the demo has made it already.
    series, _ = ResolutionSeries.objects.get_or_create(
        title_key=title_key(record.SERIES_NAME), defaults={"name": record.SERIES_NAME}
    )
    data = record.RESOLUTION
    # An import of the voting file knows the resolution by its adopted symbol only.
    demo.resolution = Resolution.objects.filter(
        Q(draft_symbol=data["draft_symbol"]) | Q(adopted_symbol=data["adopted_symbol"])
    ).first() or Resolution.objects.create(
        **{key: data[key] for key in ("draft_symbol", "adopted_symbol", "title", "adopted_on")},
        body=demo.bodies[data["body"]],
        session=demo.session,
        series=series,
    )
    _load_sponsors(demo)
    _load_amendment(demo)


def _load_session(demo: Demo) -> Session:
    data = record.SESSION
    session, _ = Session.objects.get_or_create(
        body=demo.bodies[data["body"]],
        number=data["number"],
        defaults={"opened_on": data["opened_on"], "closed_on": data["closed_on"]},
    )
    return session


def _load_sponsors(demo: Demo) -> None:
    sponsors = (
        [(code, Sponsorship.Role.MAIN, "") for code in record.MAIN_SPONSORS]
        + [(code, Sponsorship.Role.MAIN, "European Union") for code in record.EU_MEMBERS_2014]
        + [(code, Sponsorship.Role.CO, "") for code in record.CO_SPONSORS]
    )
    for code, role, on_behalf_of in sponsors:
        Sponsorship.objects.get_or_create(
            resolution=demo.resolution,
            state=demo.states[code],
            defaults={"role": role, "on_behalf_of": on_behalf_of},
        )


def _load_amendment(demo: Demo) -> None:
    # The amendment has no symbol in the sources: its proposer is what identifies it.
    data = record.CUBAN_AMENDMENT
    proposer = demo.states[data["proposed_by"]]
    demo.amendment = Amendment.objects.filter(resolution=demo.resolution, proposed_by=proposer).first()
    if demo.amendment is None:
        demo.amendment = Amendment.objects.create(resolution=demo.resolution, summary=data["summary"])
        demo.amendment.proposed_by.add(proposer)


def load_votes(demo: Demo) -> None:
    _vote_event(demo, record.AMENDMENT_VOTE, amendment=demo.amendment)
    _vote_event(demo, record.THIRD_COMMITTEE_VOTE)
    path = DATA_DIR / record.ROLL_CALL_FILE
    roll_call = read_roll_call(path)
    vote_import, _ = VoteImport.objects.get_or_create(
        source=record.ROLL_CALL_SOURCE,
        checksum=hashlib.sha256(path.read_bytes()).hexdigest(),
        defaults={"finished_at": timezone.now(), "summary": {"roll_call": "5377", "rows": len(roll_call)}},
    )
    demo.plenary_vote = _vote_event(demo, record.PLENARY_VOTE, vote_import=vote_import)
    load_recorded_votes(demo.plenary_vote, roll_call, vote_import)


def _vote_event(demo: Demo, data: dict, *, amendment=None, vote_import=None) -> VoteEvent:
    values = {key: value for key, value in data.items() if key not in ("body", "date", "kind")}
    event, _ = VoteEvent.objects.get_or_create(
        resolution=demo.resolution,
        amendment=amendment,
        body=demo.bodies[data["body"]],
        date=data["date"],
        kind=data["kind"],
        defaults={**values, "session": demo.session, "vote_import": vote_import},
    )
    return event


def read_roll_call(path: Path) -> list[tuple[str, str]]:
    """(code, vote) pairs of a roll-call extract; lines starting with # say where it came from."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return [(row["ms_code"], row["ms_vote"]) for row in rows]


def load_recorded_votes(event: VoteEvent, roll_call: list[tuple[str, str]], vote_import: VoteImport) -> None:
    """The votes of a roll call's (code, vote) pairs that the event does not have yet. Codes
    resolve with the reference data on the day of the vote: YUG is Serbia's seat (Serbia and
    Montenegro's until 2006), and a state admitted later (Montenegro in 2006, South Sudan in 2011)
    answers to its own code from then on."""
    states = states_by_code((code for code, _ in roll_call), event.date)
    unknown = sorted(code for code, _ in roll_call if code not in states)
    if unknown:
        raise ValueError(
            f"Roll call {event.source_id} lists codes no state answers to on {event.date}: {unknown}"
        )
    already = set(event.votes.values_list("state_id", flat=True))
    RecordedVote.objects.bulk_create(
        RecordedVote(vote_event=event, state=states[code], choice=choice, vote_import=vote_import)
        for code, choice in roll_call
        if states[code].pk not in already
    )

"""Popolo JSON (popoloproject.com) for the public UN record: vote events with their motion,
counts, recorded votes and regional group results, and the organizations they refer to.

Everything here is a plain, json-serialisable dict. Identifiers are stable across exports:
"body/GA", "session/GA/69", "state/JPN", "group/WEOG", "vote-event/source/5377".
"""

import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator

from django.db.models import Prefetch, QuerySet

from unrecord.models import (
    Body,
    MemberState,
    RecordedVote,
    RegionalGroup,
    Resolution,
    Session,
    VoteChoice,
    VoteEvent,
)
from unrecord.titles import repaired

# Popolo's vocabulary for vote options.
OPTIONS = {
    VoteChoice.YES: "yes",
    VoteChoice.NO: "no",
    VoteChoice.ABSTAIN: "abstain",
    VoteChoice.NON_VOTING: "not voting",
}
ISO3_SCHEME = "ISO 3166-1 alpha-3"
DEFAULT_CHUNK_SIZE = 200


def body_id(body: Body) -> str:
    return f"body/{body.code}"


def session_id(session: Session) -> str:
    return f"session/{session.body.code}/{session.number}"


def state_id(state: MemberState) -> str:
    return f"state/{state.iso3}"


def group_id(group: RegionalGroup) -> str:
    return f"group/{group.code}"


def _vote_event_key(vote_event: VoteEvent) -> str:
    # The source's roll-call id survives rebuilding the database from the voting data, which
    # the primary key does not; the primary key serves only vote events recorded by hand.
    if vote_event.source_id:
        return f"source/{vote_event.source_id}"
    return str(vote_event.pk)


def vote_event_id(vote_event: VoteEvent) -> str:
    return f"vote-event/{_vote_event_key(vote_event)}"


def motion_id(vote_event: VoteEvent) -> str:
    return f"motion/{_vote_event_key(vote_event)}"


def with_popolo_relations(vote_events: QuerySet[VoteEvent]) -> QuerySet[VoteEvent]:
    """The vote events with all that the export reads, in two queries however many there are:
    one for the events and their resolution, amendment, body and session, one for the votes."""
    votes = RecordedVote.objects.select_related("state__regional_group").order_by("state__iso3")
    return vote_events.select_related(
        "resolution", "amendment__resolution", "body__parent", "session__body"
    ).prefetch_related(Prefetch("votes", queryset=votes))


def _without_empty(popolo: dict) -> dict:
    """Leave out what is unknown rather than emit nulls and empty lists."""
    return {key: value for key, value in popolo.items() if value is not None and value != []}


def vote_event_to_popolo(vote_event: VoteEvent, *, votes: Iterable[RecordedVote] | None = None) -> dict:
    """A Popolo vote event with its motion embedded. `votes` defaults to the event's recorded
    votes (prefetched by `with_popolo_relations`)."""
    votes = list(vote_event.votes.all() if votes is None else votes)
    return _without_empty(
        {
            "id": vote_event_id(vote_event),
            "identifier": vote_event.source_id or None,
            "motion": motion_to_popolo(vote_event),
            "start_date": vote_event.date.isoformat(),
            "result": vote_event.result,
            "organization_id": body_id(vote_event.body),
            "legislative_session_id": session_id(vote_event.session) if vote_event.session else None,
            "counts": counts_to_popolo(vote_event, votes),
            "votes": [vote_to_popolo(vote) for vote in votes],
            "group_results": group_results_to_popolo(votes),
            "sources": [{"url": vote_event.source_url}] if vote_event.source_url else None,
        }
    )


def _resolution_of(vote_event: VoteEvent) -> Resolution | None:
    if vote_event.resolution is not None:
        return vote_event.resolution
    return vote_event.amendment.resolution if vote_event.amendment else None


def motion_to_popolo(vote_event: VoteEvent) -> dict:
    """What was put to the vote. Each vote event decides its own motion: the Third Committee's
    vote on a draft and the plenary's vote on the same draft are different decisions."""
    resolution = _resolution_of(vote_event)
    return _without_empty(
        {
            "id": motion_id(vote_event),
            "organization_id": body_id(vote_event.body),
            "legislative_session_id": session_id(vote_event.session) if vote_event.session else None,
            "text": _motion_text(vote_event, resolution),
            "identifier": resolution.symbol if resolution else None,
            "classification": vote_event.kind,
            "date": _proposed_on(vote_event, resolution),
            "result": vote_event.result,
        }
    )


def _motion_text(vote_event: VoteEvent, resolution: Resolution | None) -> str | None:
    """What was put to the vote, its broken characters repaired for a reader (unrecord/titles.py)."""
    if vote_event.description:
        text = vote_event.description
    elif vote_event.amendment is not None:
        text = vote_event.amendment.summary
    else:
        text = resolution.title if resolution else None
    return repaired(text)


def _proposed_on(vote_event: VoteEvent, resolution: Resolution | None) -> str | None:
    # Popolo dates a motion by when it was proposed, not by when it was voted on.
    if vote_event.amendment is not None:
        day = vote_event.amendment.submitted_on
    elif vote_event.kind == VoteEvent.Kind.WHOLE_DRAFT and resolution is not None:
        day = resolution.tabled_on
    else:
        day = None
    return day.isoformat() if day else None


def vote_to_popolo(vote: RecordedVote) -> dict:
    group = vote.state.regional_group
    return _without_empty(
        {
            "voter_id": state_id(vote.state),
            "option": OPTIONS[vote.choice],
            "group_id": group_id(group) if group else None,
        }
    )


def counts_to_popolo(vote_event: VoteEvent, votes: list[RecordedVote]) -> list[dict]:
    """The totals that are known, then each regional group's counts from the roll call."""
    totals = [
        {"option": OPTIONS[choice], "value": value}
        for choice, value in _totals(vote_event, Counter(vote.choice for vote in votes)).items()
        if value is not None
    ]
    by_group = [
        {"option": OPTIONS[choice], "value": tally[choice], "group_id": group_id(group)}
        for group, tally in _tallies_by_group(votes).items()
        for choice in VoteChoice
    ]
    return totals + by_group


def _totals(vote_event: VoteEvent, tally: Counter) -> dict[str, int | None]:
    # The published totals are the official record, so they win over the roll call (which an
    # import may have left incomplete); the roll call fills in totals the record left out.
    published = {
        VoteChoice.YES: vote_event.yes_count,
        VoteChoice.NO: vote_event.no_count,
        VoteChoice.ABSTAIN: vote_event.abstain_count,
        VoteChoice.NON_VOTING: vote_event.non_voting_count,
    }
    return {
        choice: count if count is not None else (tally[choice] if tally else None)
        for choice, count in published.items()
    }


def _tallies_by_group(votes: Iterable[RecordedVote]) -> dict[RegionalGroup, Counter]:
    tallies: dict[RegionalGroup, Counter] = {}
    for vote in votes:
        group = vote.state.regional_group
        if group is not None:
            tallies.setdefault(group, Counter())[vote.choice] += 1
    return dict(sorted(tallies.items(), key=lambda item: item[0].code))


def group_results_to_popolo(votes: Iterable[RecordedVote]) -> list[dict]:
    """How the vote went within each regional group whose states' votes are recorded."""
    return [
        {"group_id": group_id(group), "result": _group_result(tally)}
        for group, tally in _tallies_by_group(votes).items()
    ]


def _group_result(tally: Counter) -> str:
    # A simple majority of those voting yes or no: as under rule 95 of the GA's rules of
    # procedure, abstentions do not count and an equally divided vote is lost. (Which
    # questions needed two thirds, or met a veto, is not recorded.)
    adopted = tally[VoteChoice.YES] > tally[VoteChoice.NO]
    return (VoteEvent.Result.ADOPTED if adopted else VoteEvent.Result.REJECTED).value


class ReferencedOrganizations:
    """The organizations an export refers to, gathered while its vote events go by, so that a
    streamed export can list them at the end without a second pass over the vote events."""

    def __init__(self):
        self.bodies: dict[str, Body] = {}
        self.states: dict[str, MemberState] = {}
        self.groups: dict[str, RegionalGroup] = {}

    def add(self, vote_event: VoteEvent, votes: Iterable[RecordedVote]) -> None:
        body = vote_event.body
        while body is not None:
            self.bodies[body.code] = body
            body = body.parent
        for vote in votes:
            self.states[vote.state.iso3] = vote.state
            if vote.state.regional_group is not None:
                self.groups[vote.state.regional_group.code] = vote.state.regional_group

    def to_popolo(self) -> list[dict]:
        return (
            [body_to_popolo(self.bodies[code]) for code in sorted(self.bodies)]
            + [group_to_popolo(self.groups[code]) for code in sorted(self.groups)]
            + [state_to_popolo(self.states[iso3]) for iso3 in sorted(self.states)]
        )


def organizations_to_popolo(vote_events: Iterable[VoteEvent]) -> list[dict]:
    """The bodies that voted (and the organs they belong to), the states whose votes are
    recorded and their regional groups, as Popolo organizations."""
    referenced = ReferencedOrganizations()
    for vote_event in vote_events:
        referenced.add(vote_event, vote_event.votes.all())
    return referenced.to_popolo()


def body_to_popolo(body: Body) -> dict:
    return _without_empty(
        {
            "id": body_id(body),
            "name": body.name,
            "other_names": _other_names(body.name, [(body.short_name, "short name")]),
            "classification": "committee" if body.parent_id else "organ",
            "parent_id": body_id(body.parent) if body.parent else None,
        }
    )


def group_to_popolo(group: RegionalGroup) -> dict:
    return _without_empty(
        {
            "id": group_id(group),
            "name": group.name,
            "other_names": _other_names(group.name, [(group.abbreviation, "abbreviation")]),
            "classification": "regional group",
        }
    )


def state_to_popolo(state: MemberState) -> dict:
    other_names = [(state.common_name, "short name"), (state.formal_name, "formal name")]
    return _without_empty(
        {
            "id": state_id(state),
            "name": state.un_name,
            "other_names": _other_names(state.un_name, other_names),
            "identifiers": [{"identifier": state.iso3, "scheme": ISO3_SCHEME}],
            "classification": "observer state"
            if state.status == MemberState.Status.OBSERVER
            else "member state",
        }
    )


def _other_names(name: str, candidates: list[tuple[str, str]]) -> list[dict]:
    """The alternative names that differ from the primary one and from each other."""
    seen = {name}
    other_names = []
    for other, note in candidates:
        if other and other not in seen:
            seen.add(other)
            other_names.append({"name": other, "note": note})
    return other_names


def export_popolo(vote_events: QuerySet[VoteEvent]) -> dict:
    """A Popolo document of the vote events (motions embedded) and the organizations they
    refer to, in two queries whatever the number of vote events. For large exports use
    `write_popolo`, which does not hold the whole document in memory."""
    vote_events = list(with_popolo_relations(vote_events))
    return {
        "vote_events": [vote_event_to_popolo(vote_event) for vote_event in vote_events],
        "organizations": organizations_to_popolo(vote_events),
    }


def iter_vote_events_popolo(
    vote_events: QuerySet[VoteEvent],
    *,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    referenced: ReferencedOrganizations | None = None,
) -> Iterator[dict]:
    """Popolo vote events one at a time, reading `chunk_size` vote events (and their votes) at
    once. Give `referenced` to gather the organizations they refer to on the way."""
    for vote_event in with_popolo_relations(vote_events).iterator(chunk_size=chunk_size):
        votes = list(vote_event.votes.all())
        if referenced is not None:
            referenced.add(vote_event, votes)
        yield vote_event_to_popolo(vote_event, votes=votes)


def write_popolo(
    write: Callable[[str], object], vote_events: QuerySet[VoteEvent], *, chunk_size: int = DEFAULT_CHUNK_SIZE
) -> int:
    """Write the document `export_popolo` builds, one vote event per line as it is read; return
    the number of vote events written."""
    referenced = ReferencedOrganizations()
    write('{"vote_events": ')
    written = _write_array(
        write, iter_vote_events_popolo(vote_events, chunk_size=chunk_size, referenced=referenced)
    )
    write(', "organizations": ')
    _write_array(write, referenced.to_popolo())
    write("}\n")
    return written


def _write_array(write: Callable[[str], object], items: Iterable[dict]) -> int:
    count = 0
    write("[")
    for item in items:
        write(("," if count else "") + "\n" + json.dumps(item))
        count += 1
    write("\n]" if count else "]")
    return count

"""Every write a record keeper makes to the public UN record by hand (imports of recorded votes
are jobs: unrecord/jobs.py)."""

import dataclasses
import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from core.access import policy_for, require
from core.services import Writes
from unrecord import pasted_votes
from unrecord.access import KEPT_MODELS
from unrecord.freshness import record_changed
from unrecord.models import (
    Body,
    DeclaredIntention,
    DraftRevision,
    MemberState,
    RecordedVote,
    Resolution,
    Session,
    Sponsorship,
    VoteEvent,
)
from unrecord.placeholders import replace_placeholders
from unrecord.sponsor_changes import SponsorListResult, preview_sponsors, sponsorships_of
from unrecord.vote_text import ParsedVote, parse_recorded_vote


class ResolutionWrites(Writes):
    """A real draft recorded by hand takes the place of its series' stand-in for that session
    (unrecord/placeholders.py). Not an `after` hook: those run before a delete too."""

    @transaction.atomic
    def save(self, *, author, record, data):
        record = super().save(author=author, record=record, data=data)
        if not record.is_placeholder and record.series_id and record.session_id:
            replace_placeholders()
        return record


record_writes = {model: (ResolutionWrites if model is Resolution else Writes)(model) for model in KEPT_MODELS}


@transaction.atomic
def record_pasted_vote(
    *,
    author,
    text: str,
    body: Body,
    date: datetime.date,
    resolution: Resolution | None = None,
    kind: str = VoteEvent.Kind.WHOLE_DRAFT,
    replace: bool = False,
) -> VoteEvent:
    """Save a recorded vote pasted as the UN prints it ("In favour: ... Against: ..."), with the
    intentions its footnotes declare, as `author` (a record keeper). Text with any problem is
    refused with all of them, by line, and nothing is saved; so is a second roll call of the same
    resolution, body, day and kind, unless `replace`, which gives it the text's votes instead."""
    # Asked first, so that whoever may not write the record learns it before any problem of the text.
    require(policy_for(VoteEvent).can_add(author), "You may not add vote events.")
    parsed = parse_recorded_vote(text, on=date)
    if errors := pasted_votes.input_errors(parsed, date=date, kind=kind):
        raise ValidationError(errors)
    earlier = pasted_votes.same_roll_call(body=body, day=date, resolution=resolution, kind=kind, lock=True)
    if earlier is not None and not replace:
        message = (
            f"{earlier} is recorded already (vote event {earlier.pk}): replace it to give it these votes."
        )
        raise ValidationError({"replace": [message]})
    event = earlier or VoteEvent(body=body, date=date, kind=kind, resolution=resolution)
    if earlier is not None:
        # Before the event is checked: its published totals must match the votes it will hold.
        earlier.votes.all().delete()
        earlier.declared_intentions.all().delete()
    session = _session_for(author=author, body=body, day=date, resolution=resolution)
    record_writes[VoteEvent].save(author=author, record=event, data=_event_fields(parsed, session))
    _save_roll_call(event, parsed)
    record_changed()
    return event


def _session_for(*, author, body: Body, day: datetime.date, resolution: Resolution | None) -> Session | None:
    number = pasted_votes.session_number_for(body=body, day=day, resolution=resolution)
    if number is None:
        return None
    session = pasted_votes.existing_session(body=body, number=number)
    if session is None:
        session = record_writes[Session].save(
            author=author, record=Session(body=body.session_body, number=number), data={}
        )
    return session


def _event_fields(parsed: ParsedVote, session: Session | None) -> dict:
    # Pasted, not imported: a vote import that brought the event no longer traces its votes, and
    # without its digest the next import of the Digital Library's file writes the roll call again.
    return {
        "session": session,
        "result": pasted_votes.result_of(parsed),
        "yes_count": parsed.count("Y"),
        "no_count": parsed.count("N"),
        "abstain_count": parsed.count("A"),
        "non_voting_count": parsed.count("X"),
        "vote_import": None,
        "source_digest": "",
    }


def _save_roll_call(event: VoteEvent, parsed: ParsedVote) -> None:
    codes = {vote.iso3 for vote in parsed.votes} | {intention.iso3 for intention in parsed.intentions}
    state_ids = dict(MemberState.objects.filter(iso3__in=codes).values_list("iso3", "pk"))
    RecordedVote.objects.bulk_create(
        RecordedVote(vote_event=event, state_id=state_ids[vote.iso3], choice=vote.choice)
        for vote in parsed.votes
    )
    first_per_state = {}
    for intention in parsed.intentions:
        first_per_state.setdefault(intention.iso3, intention)
    DeclaredIntention.objects.bulk_create(
        DeclaredIntention(vote_event=event, state_id=state_ids[i.iso3], choice=i.choice, note=i.note)
        for i in first_per_state.values()
    )


@transaction.atomic
def record_sponsors(
    *,
    author,
    resolution: Resolution,
    text: str,
    date: datetime.date,
    document: str = "",
    kind: str,
) -> SponsorListResult:
    """Save a sponsor list pasted as the UN prints it (an L-document's, an addendum's, an oral
    revision's or a withdrawal; unrecord/sponsor_text.py) as `author` (a record keeper): a state
    that joins becomes a co-sponsor from `date`, one already a sponsor keeps the earlier day, one
    that withdrew and joins again is a sponsor again, and a withdrawal ends a sponsorship on
    `date`. A list with any problem is refused with all of them, by line, and nothing is saved.
    An addendum's "Add." symbol (`document`) is recorded as a revision of the draft."""
    require(policy_for(Sponsorship).can_add(author), "You may not change the sponsors of a draft.")
    # One list at a time per draft: two pastes naming the same new sponsor would both add it.
    resolution = Resolution.objects.select_for_update().get(pk=resolution.pk)
    result = preview_sponsors(resolution=resolution, text=text, date=date, kind=kind, document=document)
    if not result.ok:
        raise ValidationError(result.errors())
    changes = [change for change in result.changes if change.changes_anything]
    _save_sponsorships(author, resolution, changes)
    if result.revision:
        revision = DraftRevision(resolution=resolution, symbol=result.revision, issued_on=date)
        note = f"Addendum: {len(result.joining)} states listed as having become sponsors."
        record_writes[DraftRevision].save(author=author, record=revision, data={"note": note})
    if changes:
        record_changed()
    return dataclasses.replace(result, saved=True)


def _save_sponsorships(author, resolution: Resolution, changes) -> None:
    rows = sponsorships_of(resolution)
    states = MemberState.objects.in_bulk([c.iso3 for c in changes if c.iso3 not in rows], field_name="iso3")
    for change in changes:
        row = rows.get(change.iso3) or Sponsorship(resolution=resolution, state=states[change.iso3])
        data = {"joined_on": change.joined_on, "withdrew_on": change.withdrew_on}
        if change.on_behalf_of and not row.on_behalf_of:
            data["on_behalf_of"] = change.on_behalf_of
        record_writes[Sponsorship].save(author=author, record=row, data=data)

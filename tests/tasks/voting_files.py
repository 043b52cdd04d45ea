"""Synthetic voting files in the UN Digital Library layout, made by the tests themselves: every
state with a seat casts a vote in every roll call, letters drawn from a seeded generator."""

import csv
import datetime
import io
import random
from pathlib import Path

from unrecord.importer import COLUMNS
from unrecord.models import MemberState

FIRST_DAY = datetime.date(2015, 9, 15)


def write_voting_file(path: Path, *, roll_calls: int, seed: int = 69) -> Path:
    """A file of `roll_calls` roll calls of the 193 states of 2015 (193 rows each), in sessions
    70 to 74, with published totals equal to the tally."""
    codes = sorted(MemberState.objects.members_on(FIRST_DAY).values_list("iso3", flat=True))
    draw = random.Random(seed)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for number in range(roll_calls):
        session = 70 + number * 5 // roll_calls
        day = FIRST_DAY + datetime.timedelta(days=number * 5 * 365 // roll_calls)
        votes = draw.choices("YNAX", weights=(6, 1, 2, 1), k=len(codes))
        totals = [votes.count(letter) for letter in "YNAX"]
        resolution = f"A/RES/{session}/{number + 1}"
        for code, vote in zip(codes, votes, strict=True):
            writer.writerow(
                [
                    f"{900000 + number}",  # undl_id
                    code,
                    code,  # ms_name
                    vote,
                    day.isoformat(),
                    session,
                    resolution,
                    "",  # draft
                    "",  # committee_report
                    "",  # meeting
                    f"Synthetic resolution {number + 1}",
                    "",  # agenda_title
                    "",  # subjects
                    "",  # vote_note
                    *totals[:3],
                    totals[3],
                    len(codes),
                    "",  # undl_link
                ]
            )
    path.write_text(buffer.getvalue())
    return path

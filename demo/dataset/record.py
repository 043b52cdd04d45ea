"""The public record the campaign worked on: the 69th session, the draft, its sponsors, the Cuban
amendment, and the three votes of 18 November and 18 December 2014."""

import datetime

SESSION = {
    "body": "GA",
    "number": 69,
    "opened_on": datetime.date(2014, 9, 16),
    "closed_on": datetime.date(2015, 9, 14),
}

SERIES_NAME = "Situation of human rights in the Democratic People's Republic of Korea"

RESOLUTION = {
    "draft_symbol": "A/C.3/69/L.28",
    "adopted_symbol": "A/RES/69/188",
    "title": "Situation of human rights in the Democratic People's Republic of Korea",
    "body": "GA-C3",
    "adopted_on": datetime.date(2014, 12, 18),
}

# "Sponsored by the European Union and Japan": in UN practice a draft tabled by the EU is tabled
# on behalf of its member states, the 28 of 2014. The sources put the co-sponsors at "more than
# 50" or "60" but name only the United States, so only it is recorded.
EU_MEMBERS_2014 = [
    "AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC", "HUN", "IRL",
    "ITA", "LVA", "LTU", "LUX", "MLT", "NLD", "POL", "PRT", "ROU", "SVK", "SVN", "ESP", "SWE", "GBR",
]  # fmt: skip
MAIN_SPONSORS = ["JPN"]
CO_SPONSORS = ["USA"]

CUBAN_AMENDMENT = {
    "proposed_by": "CUB",
    "summary": (
        "Proposed by Cuba to delete the draft's language on accountability, including the "
        "encouragement to the Security Council to consider referral to the International Criminal "
        'Court, in favour of "a new cooperative approach": dialogue with UN member states, '
        "technical cooperation with OHCHR and a visit by the Special Rapporteur. The sources do "
        "not give its document symbol."
    ),
}

THIRD_COMMITTEE_VOTE_DAY = datetime.date(2014, 11, 18)
PLENARY_VOTE_DAY = datetime.date(2014, 12, 18)

# The sources give the Third Committee's totals only; the abstentions on the amendment are not
# stated, so they stay unknown rather than guessed.
AMENDMENT_VOTE = {
    "body": "GA-C3",
    "date": THIRD_COMMITTEE_VOTE_DAY,
    "kind": "amendment",
    "result": "rejected",
    "yes_count": 40,
    "no_count": 77,
    "description": "The Cuban amendment to draft resolution A/C.3/69/L.28.",
}
THIRD_COMMITTEE_VOTE = {
    "body": "GA-C3",
    "date": THIRD_COMMITTEE_VOTE_DAY,
    "kind": "draft",
    "result": "adopted",
    "yes_count": 111,
    "no_count": 19,
    "abstain_count": 55,
    "description": "Draft resolution A/C.3/69/L.28 as a whole.",
}
PLENARY_VOTE = {
    "body": "GA",
    "date": PLENARY_VOTE_DAY,
    "kind": "draft",
    "result": "adopted",
    "yes_count": 116,
    "no_count": 20,
    "abstain_count": 53,
    "non_voting_count": 4,
    "source_id": "5377",
    "description": "The draft resolution recommended by the Third Committee, adopted as A/RES/69/188.",
}

ROLL_CALL_FILE = "a_res_69_188_roll_call.csv"
ROLL_CALL_SOURCE = "demo: roll call 5377 (A/RES/69/188) from the UN GA voting data"

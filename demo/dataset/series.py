"""The series before 2014: the General Assembly plenary's recorded votes on the DPRK human rights
resolutions of sessions 60 to 66 (2005-2011). The 67th and 68th adopted theirs without a vote, so
these seven roll calls are everything the record says about how each state voted on the series
before A/RES/69/188, and what the projection reads on the eve of the 2014 votes.

The votes are in demo/data/, extracted once from the UN General Assembly voting data. Every text
was tabled in the Third Committee, like the 2014 one, and adopted in plenary on its recommendation.
"""

import datetime

ROLL_CALL_FILE = "dprk_series_2005_2011_roll_calls.csv"
ROLL_CALL_SOURCE = "demo: roll calls 4604-5133 (the DPRK series, sessions 60-66) from the UN GA voting data"

# The totals the data set publishes for each roll call (its total_yes, total_no,
# total_abstentions and total_non_voting columns): the loader refuses a roll call whose votes do
# not add up to them, and tests/demo compares them with the votes loaded.
PLENARY_VOTES = [
    {
        "roll_call": "4604",
        "session": 60,
        "adopted_symbol": "A/RES/60/173",
        "date": datetime.date(2005, 12, 16),
        "totals": {"Y": 88, "N": 21, "A": 60, "X": 22},
    },
    {
        "roll_call": "4725",
        "session": 61,
        "adopted_symbol": "A/RES/61/174",
        "date": datetime.date(2006, 12, 19),
        "totals": {"Y": 99, "N": 21, "A": 56, "X": 16},
    },
    {
        "roll_call": "4813",
        "session": 62,
        "adopted_symbol": "A/RES/62/167",
        "date": datetime.date(2007, 12, 18),
        "totals": {"Y": 102, "N": 22, "A": 58, "X": 10},
    },
    {
        "roll_call": "4882",
        "session": 63,
        "adopted_symbol": "A/RES/63/190",
        "date": datetime.date(2008, 12, 18),
        "totals": {"Y": 94, "N": 22, "A": 63, "X": 13},
    },
    {
        "roll_call": "5029",
        "session": 64,
        "adopted_symbol": "A/RES/64/175",
        "date": datetime.date(2009, 12, 18),
        "totals": {"Y": 98, "N": 20, "A": 63, "X": 11},
    },
    {
        "roll_call": "5108",
        "session": 65,
        "adopted_symbol": "A/RES/65/225",
        "date": datetime.date(2010, 12, 21),
        "totals": {"Y": 106, "N": 20, "A": 57, "X": 9},
    },
    {
        "roll_call": "5133",
        "session": 66,
        "adopted_symbol": "A/RES/66/174",
        "date": datetime.date(2011, 12, 19),
        "totals": {"Y": 123, "N": 16, "A": 51, "X": 3},
    },
]

"""NKHR's campaign for the 2014 resolution: its goal, what would count as success, and the states
it set out to persuade."""

import datetime

CAMPAIGN = {
    "name": "UNGA 69: accountability for crimes against humanity in the DPRK",
    "goal": (
        "Garner support from UN member states for a strong General Assembly resolution that would, "
        "for the first time, call on the Security Council to consider the human rights situation in "
        "North Korea and possibly refer it to the International Criminal Court. Because of that "
        "strong wording, many states were expected to abstain or vote against, so the need for such "
        'action had to be made to them directly. (The work began "over the summer" of 2014: the '
        "start date is approximate.)"
    ),
    "status": "closed",
    "starts_on": datetime.date(2014, 6, 1),
    "ends_on": datetime.date(2014, 12, 31),
    "bodies": ["GA-C3", "GA"],
}

# The first two are what the sources say the campaign wanted; the counts are invented.
THRESHOLDS = [
    {"kind": "amendment_defeated", "body": "GA-C3", "illustrative": False},
    {"kind": "adopted", "body": "GA-C3", "illustrative": False},
    {"kind": "min_yes", "value": 100, "body": "GA", "illustrative": True},
    {"kind": "max_no", "value": 25, "body": "GA", "illustrative": True},
]

HIGH, MEDIUM, LOW = 1, 2, 3
BASELINE_DAY = datetime.date(2014, 10, 1)

# Every target is invented, but chosen the way the campaign describes: the "major developing
# country democracies" the PIIE post says will decide how the resolution is read, states of Asia
# and Africa (where NKHR held its ten meetings), and the side meeting's co-sponsors. `baseline` is
# the analyst's reading before the meetings.
TARGETS = [
    {"state": "IND", "priority": HIGH, "baseline": "undecided"},
    {"state": "BRA", "priority": HIGH, "baseline": "leaning_yes"},
    {"state": "ZAF", "priority": HIGH, "baseline": "undecided"},
    {"state": "IDN", "priority": HIGH, "baseline": "undecided"},
    {"state": "THA", "priority": MEDIUM, "baseline": "undecided"},
    {"state": "PHL", "priority": MEDIUM, "baseline": "leaning_yes"},
    {"state": "MYS", "priority": MEDIUM, "baseline": "undecided"},
    {"state": "SGP", "priority": MEDIUM, "baseline": "undecided"},
    {"state": "BGD", "priority": MEDIUM, "baseline": "leaning_no"},
    {"state": "NPL", "priority": MEDIUM, "baseline": "undecided"},
    {"state": "MNG", "priority": MEDIUM, "baseline": "undecided"},
    {
        "state": "VNM",
        "priority": MEDIUM,
        "baseline": "opposes",
        "wanted_vote": "A",
        "rationale": (
            "Close to Pyongyang and against country resolutions: an abstention is the realistic ask."
        ),
    },
    {"state": "NGA", "priority": MEDIUM, "baseline": "undecided"},
    {"state": "KEN", "priority": MEDIUM, "baseline": "undecided"},
    {"state": "SEN", "priority": MEDIUM, "baseline": "undecided"},
    {"state": "GHA", "priority": MEDIUM, "baseline": "leaning_yes"},
    {"state": "TZA", "priority": MEDIUM, "baseline": "leaning_no"},
    {"state": "ETH", "priority": MEDIUM, "baseline": "undecided"},
    {"state": "MOZ", "priority": MEDIUM, "baseline": "leaning_no"},
    {"state": "SLE", "priority": MEDIUM, "baseline": "undecided"},
    {"state": "AUS", "priority": LOW, "baseline": "supports"},
    {"state": "BWA", "priority": LOW, "baseline": "supports"},
    {"state": "PAN", "priority": LOW, "baseline": "supports"},
]

RATIONALE_BY_PRIORITY = {
    HIGH: "One of the major developing country democracies whose vote will shape how the resolution is read.",
    MEDIUM: "An Asian or African state whose vote on the accountability language is open.",
    LOW: "Co-sponsored our side meeting: already supportive; keep informed.",
}

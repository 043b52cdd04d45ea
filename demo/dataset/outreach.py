"""NKHR's outreach: the side meeting of 22 October 2014 and its incidents (from the sources), the
ten lobbying meetings with missions (invented, after the sources' "10 individual meetings with
representatives from member States from Asia and Africa"), the December 2012 meeting with the High
Commissioner (from the sources), and follow-ups (invented)."""

import datetime

SIDE_EVENT = {
    "title": "Side meeting on human rights in North Korea",
    "date": datetime.date(2014, 10, 22),
    "location": "unhq",
    "venue": "ECOSOC Chamber",
    "body": "GA",
    "organizers": ["NKHR", "HRW"],
    "cosponsors": ["AUS", "BWA", "PAN"],
    "speakers": ["KIRBY", "WITNESS_A"],
    "delegations_present": ["PRK"],
    "description": (
        'The sources call it a "side meeting on North Korean human rights"; its official title is '
        "not known. Co-organized by NKHR and Human Rights Watch to garner support for a strong "
        "resolution during the General Assembly session. At UN Headquarters an NGO event needs a "
        "member state's sponsorship: NKHR asked the mission of Australia, and later those of "
        "Botswana and Panama, to co-sponsor it. Justice Michael Kirby, former chair of the "
        "Commission of Inquiry, spoke at the invitation arranged with the Jacob Blaustein Institute; "
        "Witness A spoke about her 28 years in Political Prison Camp No. 18. A large DPRK delegation "
        "attended, some of whom NKHR recognised from Geneva."
    ),
    "outcome": (
        "Justice Kirby answered the DPRK delegation's challenges: all testimony received by the "
        "Commission was obtained fairly, and after thirty-four years as a judge he knew leading "
        "questions from non-leading ones. Asked how the regime could be held accountable, he pointed "
        "to crimes against humanity in the purposeful starving of the population, political prison "
        "camps using torture and extermination, infanticide, violations of freedom of belief and "
        "opinion, and the abduction of foreign nationals, and said that under a supreme leader who "
        "controls all agencies the chain of command leads to the top. A few days later the DPRK "
        "offered the Special Rapporteur access to the country if the accountability language were "
        "removed from the draft; the condition was rejected."
    ),
}

INCIDENTS = [
    {
        "kind": "intimidation",
        "description": (
            "Shortly before the meeting began, a large DPRK delegation entered the room. Almost "
            "immediately some of its members tried to intimidate the victims by coming up close and "
            "taking their photos."
        ),
    },
    {
        "kind": "recording",
        "description": (
            "One member of the DPRK delegation positioned himself as close to the panel as possible "
            "and recorded the entire meeting."
        ),
    },
    {
        # A tense but orderly exchange from the floor: on record, though not a disruption.
        "kind": "other",
        "description": (
            "Towards the end, a tense debate with the DPRK delegation: Counsellor Kim Song questioned "
            "the validity of the Commission of Inquiry's report, its reliance on interviews with "
            "defectors, and accused it of shaping testimony through leading questions. Justice Kirby "
            "asked the delegation to withdraw the DPRK's statement calling the victims who testified "
            '"human scum".'
        ),
    },
]

# Every lobbying meeting: NKHR with a Human Rights Watch colleague, and witnesses where listed.
NEW_YORK_TEAM = ["HOSANIAK", "SINGH"]
ASK = (
    "Vote yes on A/C.3/69/L.28 in the Third Committee and in plenary, keep the accountability "
    "language, and vote against any amendment that deletes it."
)

# Invented. `said` is what the mission told us (its stance said at the meeting); some of them did
# not vote that way.
MEETINGS = [
    {
        "state": "IDN",
        "place": "Permanent Mission of Indonesia, New York",
        "date": datetime.date(2014, 10, 20),
        "witnesses": ["WITNESS_A", "WITNESS_B"],
        "said": "undecided",
        "commitments": "To report the witnesses' accounts to Jakarta.",
        "summary": (
            "Both witnesses told their stories. The counsellor said Indonesia has doubts about "
            "country-specific resolutions and about naming the ICC, but listened closely."
        ),
    },
    {
        "state": "THA",
        "place": "Permanent Mission of Thailand, New York",
        "date": datetime.date(2014, 10, 21),
        "witnesses": ["WITNESS_B"],
        "said": "leaning_yes",
        "commitments": "To recommend a yes vote to the capital.",
        "summary": (
            "Witness B described life as a kkotjebi and in a kyohwaso. Receptive to the accountability case."
        ),
    },
    {
        "state": "ZAF",
        "place": "Permanent Mission of South Africa, New York",
        "date": datetime.date(2014, 10, 21),
        "witnesses": ["WITNESS_A"],
        "said": "undecided",
        "commitments": "None.",
        "summary": (
            "Witness A spoke about Camp 18. The mission was sympathetic but wary of the ICC referral "
            "language; the decision will be taken in Pretoria."
        ),
    },
    {
        "state": "NGA",
        "place": "Permanent Mission of Nigeria, New York",
        "date": datetime.date(2014, 10, 23),
        "witnesses": ["WITNESS_A", "WITNESS_B"],
        "said": "leaning_yes",
        "commitments": "To share the COI summary with the capital and vote against the amendment.",
        "summary": "A warm meeting; the delegate thanked both witnesses and expected a yes.",
        "confidential_notes": (
            "The delegate said privately that the African Group's line on the ICC may override the "
            "mission's recommendation."
        ),
    },
    {
        "state": "IND",
        "place": "Permanent Mission of India, New York",
        "date": datetime.date(2014, 10, 23),
        "witnesses": ["WITNESS_B"],
        "said": "no_position",
        "commitments": "None.",
        "summary": (
            "India will keep to its long-standing position on country-specific resolutions; "
            "no view on the text."
        ),
    },
    {
        "state": "PHL",
        "place": "Permanent Mission of the Philippines, New York",
        "date": datetime.date(2014, 10, 24),
        "witnesses": ["WITNESS_A"],
        "said": "supports",
        "commitments": "To vote yes and against the amendment.",
        "summary": "Supportive from the start; asked for the COI's findings on abductions.",
    },
    {
        "state": "GHA",
        "place": "Permanent Mission of Ghana, New York",
        "date": datetime.date(2014, 10, 24),
        "witnesses": ["WITNESS_B"],
        "said": "leaning_yes",
        "commitments": "To recommend a yes vote.",
        "summary": (
            "The delegate was moved by Witness B's account and asked for the 10 November letter once sent."
        ),
    },
    {
        "state": "MYS",
        "place": "Permanent Mission of Malaysia, New York",
        "date": datetime.date(2014, 10, 28),
        "witnesses": [],
        "said": "undecided",
        "commitments": "None.",
        "summary": "Malaysia is weighing the DPRK's offer to let the Special Rapporteur visit.",
    },
    {
        "state": "SEN",
        "place": "Permanent Mission of Senegal, New York",
        "date": datetime.date(2014, 11, 5),
        "witnesses": [],
        "said": "leaning_yes",
        "commitments": "To support the draft if the amendment is defeated.",
        "summary": "Positive on the text; asked how the Cuban amendment would change it.",
    },
    {
        "state": "MNG",
        "place": "Permanent Mission of Mongolia, New York",
        "date": datetime.date(2014, 11, 12),
        "witnesses": [],
        "said": "leaning_yes",
        "commitments": "None yet.",
        "summary": "Mongolia values its channel to Pyongyang but sees the COI's findings as serious.",
        "confidential_notes": "Expect pressure from Pyongyang before the plenary; the mission may stay away.",
    },
]

# From the sources; the day is not known ("last December", before the statement of 14 January).
PILLAY_MEETING = {
    "date": datetime.date(2012, 12, 1),
    "place": "Office of the High Commissioner for Human Rights, Geneva",
    "representatives": ["PILLAY", "DARUSMAN"],
    "attendees": ["HOSANIAK", "EUN_YOUNG_KIM", "WITNESS_A", "WITNESS_C", "DE_RIVERO"],
    "partner_organizations": ["HRW"],
    "ask": "Prioritise North Korean human rights and create a Commission of Inquiry.",
    "commitments": (
        "The High Commissioner would continuously raise North Korean human rights and seriously "
        "consider solutions."
    ),
    "summary": (
        "December 2012 (the day is not known; recorded as the 1st). The first meeting of a North "
        "Korean human rights NGO with a High Commissioner. Witness A spoke about her 28 years in "
        "Camp 18, Witness C about Camp 14. Six other OHCHR officials attended, among them Special "
        "Rapporteur Marzuki Darusman; Julie de Rivero of Human Rights Watch set up the meeting. On 14 "
        "January the High Commissioner issued her first statement on the DPRK, calling for an "
        "inquiry into crimes against humanity."
    ),
}

# Invented: some done, some open and already overdue before the Third Committee vote.
FOLLOW_UPS = [
    {
        "description": "Send the COI report summary to the Mission of Indonesia",
        "due_on": datetime.date(2014, 10, 27),
        "completed_on": datetime.date(2014, 10, 24),
        "state": "IDN",
        "meeting_state": "IDN",
    },
    {
        "description": "Thank the Mission of Botswana for co-sponsoring the side meeting",
        "due_on": datetime.date(2014, 10, 31),
        "completed_on": datetime.date(2014, 10, 29),
        "state": "BWA",
        "side_event": True,
    },
    {
        "description": "Brief the Mission of Malaysia on the DPRK's offer to the Special Rapporteur",
        "due_on": datetime.date(2014, 11, 4),
        "completed_on": datetime.date(2014, 11, 3),
        "state": "MYS",
        "meeting_state": "MYS",
    },
    {
        "description": "Send the COI findings on the political prison camps to the Mission of South Africa",
        "due_on": datetime.date(2014, 11, 7),
        "state": "ZAF",
        "meeting_state": "ZAF",
    },
    {
        "description": "Share the 10 November joint letter with the Mission of Ghana",
        "due_on": datetime.date(2014, 11, 12),
        "completed_on": datetime.date(2014, 11, 11),
        "state": "GHA",
        "meeting_state": "GHA",
    },
    {
        "description": "Ask the Mission of Senegal to vote against the Cuban amendment",
        "due_on": datetime.date(2014, 11, 14),
        "state": "SEN",
        "meeting_state": "SEN",
    },
    {
        "description": "Check with the Mission of Nigeria that its capital confirmed the yes vote",
        "due_on": datetime.date(2014, 11, 17),
        "state": "NGA",
        "meeting_state": "NGA",
    },
    {
        "description": "Send thank-you notes to the targeted missions that voted yes in plenary",
        "due_on": datetime.date(2014, 12, 23),
    },
]

"""The documents the sources are, or quote: letters, a press release, coverage and NKHR's own
accounts. URLs are left blank: the sources do not give them, and a wrong URL is worse than none.

`signatures` are (person, organization, capacity as signed), in the order signed; for a blog post
the author's byline is recorded the same way. `links` says what each document is about.
"""

import datetime

KERRY_LETTER = {
    "kind": "joint_letter",
    "title": "Re: United Nations General Assembly action on North Korea",
    "dated": datetime.date(2014, 9, 10),
    "summary": (
        "Letter to Secretary of State John F. Kerry from advocacy groups, academic institutions and "
        "think tanks. Asks him to attend a General Assembly side event on North Korea in September "
        "to highlight the Commission of Inquiry's work, and welcomes US readiness to co-sponsor the "
        "draft resolution being written by Japan and the European Union. Recommends a text at least "
        "as strong as the March 2014 Human Rights Council resolution (referral to an appropriate "
        "international criminal justice mechanism), targeted Security Council sanctions, access to "
        "the prison camps for monitors and humanitarian groups, and a field-based OHCHR office. "
        "Published as an appendix to the PIIE post of 15 September 2014."
    ),
    "recipient_people": ["KERRY"],
    "recipient_organizations": ["STATE_DEPT"],
    "signatures": [
        ("ABRAMOWITZ", "CENTURY", "Senior Fellow"),
        (
            "CHA",
            "GEORGETOWN",
            "Professor, Georgetown University; "
            "Senior Adviser, Center for Strategic and International Studies",
        ),
        ("COHEN", "HRNK", "Co-Chair of the Board of Directors"),
        (
            "CRANER",
            None,
            "Assistant Secretary of State (former), Bureau of Democracy, Human Rights and Labor, "
            "U.S. Department of State",
        ),
        ("GAER", "JBI", "Director"),
        ("HALPERIN", "OSF", "Senior Advisor"),
        ("HAWK", None, "Author of The Hidden Gulag"),
        ("INBODEN", "CLEMENTS", "Executive Director"),
        ("KRAMER", "FREEDOM_HOUSE", "President"),
        ("KU", "USKI", ""),
        ("LIEBERMAN", "HRF", "Senior Director, Government Advocacy"),
        ("ROTH", "HRW", "Executive Director"),
        ("SCARLATOIU", "HRNK", "Executive Director"),
        ("SONG", "LINK", "Executive Director"),
    ],
    "links": {"campaign": True, "resolution": True, "states": ["PRK", "USA"]},
}

MEMBER_STATES_LETTER = {
    "kind": "joint_letter",
    "title": "Joint letter to UN member states urging support for the resolution on North Korea",
    "dated": datetime.date(2014, 11, 10),
    "summary": (
        "Nine organizations wrote to all UN member countries urging them to support the resolution "
        "on North Korea sponsored by the European Union and Japan. The sources name three of the "
        "nine (Amnesty International, Human Rights Watch and the Jacob Blaustein Institute); the "
        "other six are not known, so only those three are recorded as signatories."
    ),
    "recipients_note": "All UN member states",
    "recipient_states": "all members",
    "signatures": [(None, "AMNESTY", ""), (None, "HRW", ""), (None, "JBI", "")],
    "links": {"campaign": True, "resolution": True, "states": ["PRK"]},
}

PRESS_RELEASE = {
    "kind": "press_release",
    "title": "UN: Stand With North Korea's Victims",
    "dated": None,
    "publisher": "HRW",
    "summary": (
        "Amnesty International, Human Rights Watch and the Jacob Blaustein Institute urge member "
        "states to vote for the resolution, which the Third Committee will consider on 18 November "
        "2014, and to reject Cuba's amendment trading accountability for \"a new cooperative "
        'approach". Quotes Nicole Bjerler (Amnesty), Christen Broecker (JBI) and Param-Preet Singh '
        "(HRW). Issued shortly before the vote; the exact day is not in the source."
    ),
    "signatures": [(None, "AMNESTY", ""), (None, "HRW", ""), (None, "JBI", "")],
    "links": {"campaign": True, "resolution": True, "states": ["PRK", "CUB"]},
}

COVERAGE_ARTICLE = {
    "kind": "media_coverage",
    "title": "United Nations Moves to Send North Korean Human Rights Case to International Criminal Court",
    "dated": None,
    "summary": (
        "Reports the 18 November vote, 111-19 with 55 abstentions, and the Cuban amendment defeated "
        "40-77 after a final push by the EU and Japan. It calls the Third Committee's vote a vote of "
        "the General Assembly, and attributes the February 2014 report to OHCHR rather than the "
        "Commission of Inquiry. Publisher and date are not in the source (written after the vote)."
    ),
    "links": {"campaign": True, "resolution": True, "states": ["PRK", "CUB", "CHN"]},
}

NKHR_NEWS_ITEM = {
    "kind": "report",
    "title": (
        "NKHR advocates at the UN General Assembly as the General Assembly considers resolution "
        "seeking referral of North Korea to the ICC"
    ),
    "dated": datetime.date(2015, 5, 18),
    "publisher": "NKHR",
    "summary": (
        "NKHR's account of the campaign: the side meeting with Human Rights Watch on 22 October, "
        "co-sponsored by Australia, Botswana and Panama, with Justice Kirby and a survivor; the "
        "DPRK delegation's intimidation; ten meetings with missions from Asia and Africa; and the "
        "Third Committee vote of 18 November. Dated from its posting on NKHR's site; it was "
        "written between the two votes."
    ),
    "links": {
        "campaign": True,
        "resolution": True,
        "side_event": True,
        "states": ["PRK", "AUS", "BWA", "PAN"],
    },
}

PIIE_POST = {
    "kind": "media_coverage",
    "title": "Next Stages on the Commission of Inquiry: the 69th Session of the UN General Assembly",
    "dated": datetime.date(2014, 9, 15),
    "publisher": "PIIE",
    "summary": (
        "Post on the blog North Korea: Witness to Transformation. Secretary Kerry will attend a side "
        "event on North Korean human rights, as urged by the appended letter; Japan, the EU and the "
        "US lead on the draft; how the resolution is read will depend on the major developing "
        "country democracies: India, Brazil, South Africa, Indonesia."
    ),
    "signatures": [("HAGGARD", "PIIE", "Senior Research Staff")],
    "links": {"campaign": True, "resolution": True, "states": ["PRK", "IND", "BRA", "ZAF", "IDN"]},
}

NKHR_COI_ITEM = {
    "kind": "report",
    "title": "NKHR Advocacy to Establish COI for DPRK",
    "dated": datetime.date(2015, 4, 8),
    "publisher": "NKHR",
    "summary": (
        "NKHR's account of its December 2012 meeting in Geneva with High Commissioner Navanethem "
        "Pillay, with two survivors of the political prison camps, and of the statement she issued "
        "on 14 January calling for a commission of inquiry. Dated from its posting on NKHR's site."
    ),
    "links": {"meetings": ["PILLAY"], "states": ["PRK"]},
}

PILLAY_STATEMENT = {
    "kind": "statement",
    "title": "Statement of the UN High Commissioner for Human Rights on North Korea",
    "dated": datetime.date(2013, 1, 14),
    "publisher": "OHCHR",
    "summary": (
        "The first statement on the DPRK's human rights situation from the High Commissioner's "
        'office: she had met two survivors of the labour camps and found their stories "extremely '
        'harrowing", called for an independent inquiry into crimes against humanity, and for '
        "clarifying the fate of South Koreans and Japanese abducted by the DPRK. The title is "
        "descriptive; the sources give none."
    ),
    "links": {"meetings": ["PILLAY"], "states": ["PRK"]},
}

DOCUMENTS = [
    KERRY_LETTER,
    MEMBER_STATES_LETTER,
    PRESS_RELEASE,
    COVERAGE_ARTICLE,
    NKHR_NEWS_ITEM,
    PIIE_POST,
    NKHR_COI_ITEM,
    PILLAY_STATEMENT,
]

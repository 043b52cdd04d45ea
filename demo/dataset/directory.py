"""Who the sources name: organizations, people, and the survivors who travelled with NKHR."""

OWNER = "NKHR"
PARTNERS = ["HRW"]

ORGANIZATIONS = {
    "NKHR": {
        "name": "Citizens' Alliance for North Korean Human Rights",
        "acronym": "NKHR",
        "kind": "ngo",
        "notes": "Seoul. Advocating at the UN since 1997.",
    },
    "HRW": {"name": "Human Rights Watch", "acronym": "HRW", "kind": "ngo"},
    "AMNESTY": {"name": "Amnesty International", "kind": "ngo"},
    "JBI": {
        "name": "Jacob Blaustein Institute for the Advancement of Human Rights",
        "acronym": "JBI",
        "kind": "ngo",
    },
    "HRNK": {"name": "The Committee for Human Rights in North Korea", "acronym": "HRNK", "kind": "ngo"},
    "OHCHR": {
        "name": "Office of the UN High Commissioner for Human Rights",
        "acronym": "OHCHR",
        "kind": "un_office",
    },
    "SR_DPRK": {
        "name": "Special Rapporteur on the situation of human rights in the Democratic People's "
        "Republic of Korea",
        "kind": "un_office",
        "notes": "A mandate of the Human Rights Council, created in 2004.",
    },
    "COI": {
        "name": "Commission of Inquiry on Human Rights in the Democratic People's Republic of Korea",
        "acronym": "COI",
        "kind": "un_office",
        "notes": "Established in 2013; its report of February 2014 found crimes against humanity.",
    },
    "STATE_DEPT": {"name": "U.S. Department of State", "kind": "government", "state": "USA"},
    "MISSION_AUS": {
        "name": "Permanent Mission of Australia to the United Nations",
        "kind": "mission",
        "state": "AUS",
    },
    "MISSION_BWA": {
        "name": "Permanent Mission of Botswana to the United Nations",
        "kind": "mission",
        "state": "BWA",
    },
    "MISSION_PAN": {
        "name": "Permanent Mission of Panama to the United Nations",
        "kind": "mission",
        "state": "PAN",
    },
    "MISSION_PRK": {
        "name": "Permanent Mission of the Democratic People's Republic of Korea to the United Nations",
        "kind": "mission",
        "state": "PRK",
    },
    # The signatories' organizations in the letter to Secretary Kerry of 10 September 2014.
    "CENTURY": {"name": "The Century Foundation", "kind": "think_tank"},
    "GEORGETOWN": {"name": "Georgetown University", "kind": "academic"},
    "CSIS": {
        "name": "Center for Strategic and International Studies",
        "acronym": "CSIS",
        "kind": "think_tank",
    },
    "OSF": {"name": "Open Society Foundations", "kind": "ngo"},
    "FREEDOM_HOUSE": {"name": "Freedom House", "kind": "ngo"},
    "HRF": {"name": "Human Rights First", "kind": "ngo"},
    "LINK": {"name": "Liberty in North Korea", "acronym": "LiNK", "kind": "ngo"},
    "USKI": {
        "name": "U.S.-Korea Institute at Johns Hopkins SAIS",
        "kind": "academic",
        "notes": "Of the Johns Hopkins School of Advanced International Studies.",
    },
    "CLEMENTS": {
        "name": "Clements Center for History, Strategy & Statecraft",
        "kind": "academic",
        "notes": "University of Texas at Austin.",
    },
    "PIIE": {
        "name": "Peterson Institute for International Economics",
        "acronym": "PIIE",
        "kind": "think_tank",
        "notes": "Publishes the blog North Korea: Witness to Transformation.",
    },
}

# Titles as the sources give them; blank where they give none.
PEOPLE = {
    "HOSANIAK": {"name": "Joanna Hosaniak", "category": "ngo_staff", "organization": "NKHR"},
    "EUN_YOUNG_KIM": {"name": "Eun-young Kim", "category": "ngo_staff", "organization": "NKHR"},
    "DE_RIVERO": {"name": "Julie de Rivero", "category": "ngo_staff", "organization": "HRW"},
    "SINGH": {
        "name": "Param-Preet Singh",
        "category": "ngo_staff",
        "organization": "HRW",
        "title": "Senior International Justice Counsel",
    },
    "ROTH": {
        "name": "Kenneth Roth",
        "category": "ngo_staff",
        "organization": "HRW",
        "title": "Executive Director",
    },
    "BJERLER": {
        "name": "Nicole Bjerler",
        "category": "ngo_staff",
        "organization": "AMNESTY",
        "title": "Deputy Representative",
    },
    "BROECKER": {
        "name": "Christen Broecker",
        "category": "ngo_staff",
        "organization": "JBI",
        "title": "Associate Director",
    },
    "GAER": {"name": "Felice D. Gaer", "category": "ngo_staff", "organization": "JBI", "title": "Director"},
    "KIRBY": {
        "name": "Michael Kirby",
        "category": "expert",
        "organization": "COI",
        "title": "Justice; former Chair of the Commission of Inquiry",
        "notes": "Thirty-four years a judge. Invited to the side meeting through JBI.",
    },
    "DARUSMAN": {
        "name": "Marzuki Darusman",
        "category": "un_official",
        "organization": "SR_DPRK",
        "title": "Special Rapporteur on the situation of human rights in the DPRK",
    },
    "PILLAY": {
        "name": "Navanethem Pillay",
        "category": "un_official",
        "organization": "OHCHR",
        "title": "UN High Commissioner for Human Rights",
        "notes": "High Commissioner when NKHR met her in December 2012 (the sources also write Navy Pillay).",
    },
    "ZEID": {
        "name": "Zeid Ra'ad Zeid Al-Hussein",
        "category": "un_official",
        "organization": "OHCHR",
        "title": "UN High Commissioner for Human Rights",
        "notes": "Jordanian prince; the new High Commissioner in September 2014.",
    },
    "KIM_SONG": {
        "name": "Kim Song",
        "category": "diplomat",
        "organization": "MISSION_PRK",
        "state": "PRK",
        "title": "Counsellor",
    },
    "KERRY": {
        "name": "John F. Kerry",
        "category": "government",
        "organization": "STATE_DEPT",
        "state": "USA",
        "title": "Secretary of State",
    },
    "HAGGARD": {
        "name": "Stephan Haggard",
        "category": "expert",
        "organization": "PIIE",
        "title": "Senior Research Staff",
    },
    # The other signatories of the letter to Secretary Kerry (Gaer and Roth are above).
    "ABRAMOWITZ": {
        "name": "Morton Abramowitz",
        "category": "expert",
        "organization": "CENTURY",
        "title": "Senior Fellow",
    },
    "CHA": {"name": "Victor Cha", "category": "expert", "organization": "GEORGETOWN", "title": "Professor"},
    "COHEN": {
        "name": "Roberta Cohen",
        "category": "ngo_staff",
        "organization": "HRNK",
        "title": "Co-Chair of the Board of Directors",
    },
    "CRANER": {
        "name": "Lorne Craner",
        "category": "other",
        "title": "Former Assistant Secretary of State, Bureau of Democracy, Human Rights and Labor",
    },
    "HALPERIN": {
        "name": "Morton H. Halperin",
        "category": "ngo_staff",
        "organization": "OSF",
        "title": "Senior Advisor",
    },
    "HAWK": {"name": "David Hawk", "category": "expert", "title": "Author of The Hidden Gulag"},
    "INBODEN": {
        "name": "William Inboden",
        "category": "expert",
        "organization": "CLEMENTS",
        "title": "Executive Director",
    },
    "KRAMER": {
        "name": "David J. Kramer",
        "category": "ngo_staff",
        "organization": "FREEDOM_HOUSE",
        "title": "President",
    },
    "KU": {"name": "Jae H. Ku", "category": "expert", "organization": "USKI"},
    "LIEBERMAN": {
        "name": "Robyn Lieberman",
        "category": "ngo_staff",
        "organization": "HRF",
        "title": "Senior Director, Government Advocacy",
    },
    "SCARLATOIU": {
        "name": "Greg Scarlatoiu",
        "category": "ngo_staff",
        "organization": "HRNK",
        "title": "Executive Director",
    },
    "SONG": {
        "name": "Hannah Song",
        "category": "ngo_staff",
        "organization": "LINK",
        "title": "Executive Director",
    },
}

# Survivors: everything but the identity record shows the pseudonym, never the real name.
WITNESSES = {
    "WITNESS_A": {
        "name": "Witness A (Camp 18 survivor)",
        "real_name": "Hye Sook Kim",
        "notes": "Taken to Political Prison Camp No. 18 at fourteen and held there 28 years.",
        "identity_notes": "Travelled with NKHR to Geneva (December 2012) and New York (October 2014).",
    },
    "WITNESS_B": {
        "name": "Witness B (former street child, kyohwaso survivor)",
        "real_name": "Hyuk Kim",
        "notes": "Lived as a street child (kkotjebi); sent to a kyohwaso (long-term detention centre) at 16.",
        "identity_notes": "Travelled with NKHR to New York (October 2014).",
    },
    "WITNESS_C": {
        "name": "Witness C (Camp 14 survivor)",
        "real_name": "Shin Dong-hyuk",
        "notes": "Born and raised in Political Prison Camp No. 14; escaped at 23.",
        "identity_notes": "Travelled with NKHR to Geneva (December 2012).",
    },
}

# A user of NKHR's so that follow-ups have an assignee; it cannot log in (demo_login makes logins).
STAFF_USERNAME = "demo-staff"

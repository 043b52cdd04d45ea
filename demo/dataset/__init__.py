"""The demo campaign's data: NKHR's 2014 advocacy for the UN General Assembly resolution on human
rights in the DPRK (A/RES/69/188), as told by the five source documents the project began from.

Records refer to each other by handle (organizations, people) or ISO 3166 alpha-3 code (states).
What the sources state is loaded as fact; anything invented to show the app at work (targets,
lobbying meetings, most stances, follow-ups) says `"illustrative": True`. The plenary roll call
of 2014 and those of the series' earlier resolutions (2005-2011, `series`) are in demo/data/,
extracted once from the UN General Assembly voting data.
"""

"""The state page: everything about one state for a campaign, as far as the user may see it."""

import re
from html import unescape

from advocacy.models import Meeting
from intelligence.selectors import campaign_scoreboard
from tests import factories


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def _state_page(client, campaign, iso3, **params):
    return client.get(f"/dashboard/campaigns/{campaign.pk}/states/{iso3}/", params)


def test_nigeria_stance_history_votes_meeting_people_and_follow_ups(manager_client, demo_campaign):
    response = _state_page(manager_client, demo_campaign, "NGA")
    text = _text(response.content.decode())

    assert response.status_code == 200
    assert "Nigeria" in text and "African Group" in text
    # Its stances, latest first, each with its evidence.
    assert "18 Dec 2014 Will abstain Vote: GA plenary, 18 Dec 2014 (116-20-53)" in text
    assert "23 Oct 2014 Leaning yes Said in a meeting: meeting of 23 Oct 2014" in text
    assert "1 Oct 2014 Undecided Analyst's judgement" in text
    # Its votes on the series: it abstained in plenary.
    assert re.search(r"69 18 Dec 2014 GA plenary A/RES/69/188 Abstain 116-20-53", text)
    # The meeting, the people on our side (survivors by pseudonym only), the commitments.
    assert "23 Oct 2014, Permanent Mission of Nigeria, New York" in text
    assert "Witness A (Camp 18 survivor)" in text and "Hye Sook Kim" not in text
    assert "To share the COI summary with the capital" in text
    assert "Check with the Mission of Nigeria that its capital confirmed the yes vote" in text
    assert "overdue" in text
    # The projection of the eve, and the vote that was not what the campaign wanted.
    assert "✗ not as the campaign wanted" in text


def test_the_projection_gives_each_votes_chance_and_why_it_moved(manager_client, demo_campaign):
    row = next(r for r in campaign_scoreboard(campaign=demo_campaign, all_states=True) if r.iso3 == "NGA")
    text = _text(_state_page(manager_client, demo_campaign, "NGA").content.decode())
    chances = ", ".join(
        f"{word} {round(row.call.probabilities[option] * 100)}%"
        for word, option in (("yes", "Y"), ("no", "N"), ("abstain", "A"), ("absent", "X"))
    )

    assert chances in text
    assert row.call.moved and f"Moved: {row.call.moved}" in text  # leaning yes after abstaining


def test_confidential_notes_are_never_on_the_dashboard(manager_client, demo_campaign):
    notes = Meeting.objects.get(place__contains="Nigeria").confidential_notes

    html = unescape(_state_page(manager_client, demo_campaign, "NGA").content.decode())

    assert notes and notes not in html
    assert "African Group's line on the ICC" not in html


def test_a_target_nobody_met_says_so(manager_client, demo_campaign):
    text = _text(_state_page(manager_client, demo_campaign, "sgp").content.decode())  # any case

    assert "Singapore" in text and "Nobody has met Singapore for this campaign" in text
    assert "Medium" in text or "medium" in text


def test_a_state_outside_the_assembly_on_the_day_has_no_row(manager_client, demo_campaign):
    response = _state_page(manager_client, demo_campaign, "YUG")

    assert response.status_code == 200
    assert "had no seat in the General Assembly" in _text(response.content.decode())


def test_an_unknown_state_is_a_404(manager_client, demo_campaign):
    assert _state_page(manager_client, demo_campaign, "XXX").status_code == 404


def test_a_bad_day_is_a_400_naming_the_field(manager_client, demo_campaign):
    response = _state_page(manager_client, demo_campaign, "NGA", as_of="yesterday")

    assert response.status_code == 400
    assert "<strong>As of</strong>" in response.content.decode()


def test_as_of_a_day_shows_only_what_was_known_then(manager_client, demo_campaign):
    text = _text(_state_page(manager_client, demo_campaign, "NGA", as_of="2014-10-22").content.decode())

    assert "Nobody has met Nigeria" in text
    assert "Leaning yes" not in text and "116-20-53" not in text


def test_a_partner_sees_only_the_meetings_shared_with_it(organization, partner_user, client):
    owner = organization
    campaign = factories.CampaignFactory(owner=owner, shared_with_partners=True)
    for place, shared in (("Shared mission visit", True), ("Private mission visit", False)):
        meeting = factories.MeetingFactory(owner=owner, place=place, shared_with_partners=shared)
        meeting.states.add(factories.state("BWA"))
        meeting.campaigns.add(campaign)
    client.force_login(partner_user)

    text = _text(_state_page(client, campaign, "BWA").content.decode())

    assert "Shared mission visit" in text and "Private mission visit" not in text


def test_a_session_adopted_without_a_vote_is_a_row_of_the_series_not_a_gap(manager_client, demo_campaign):
    # The 67th session adopted its DPRK resolution without a vote, the 68th too (adopted_on only).
    for number, symbol, day in [(67, "A/RES/67/181", "2012-12-20"), (68, "A/RES/68/183", "2013-12-18")]:
        resolution = factories.ResolutionFactory(
            series=demo_campaign.series,
            session=factories.SessionFactory(number=number),
            adopted_symbol=symbol,
            adopted_on=day,
        )
        if number == 67:
            factories.VoteEventFactory(resolution=resolution, date=day, result="without_vote")

    text = _text(_state_page(manager_client, demo_campaign, "NGA").content.decode())
    assert re.search(r"67 20 Dec 2012 GA plenary A/RES/67/181 Adopted without a vote without a vote", text)
    assert re.search(r"68 18 Dec 2013 — A/RES/68/183 Adopted without a vote without a vote", text)
    # Latest first, between the roll calls of 2011 and 2014.
    assert text.index("A/RES/69/188 Abstain") < text.index("A/RES/68/183") < text.index("A/RES/66/174")

    before = _text(_state_page(manager_client, demo_campaign, "NGA", as_of="2012-12-31").content.decode())
    assert "A/RES/67/181" in before and "A/RES/68/183" not in before

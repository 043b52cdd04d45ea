"""A staff member's day end to end, in a real browser, at a desktop's screen and at a phone's width:
the home, a meeting logged with its stances at a human pace, the campaign rolled over to next
session, the record's suggested targets accepted, targets imported from a spreadsheet, "Kenya"
searched, the brief printed and downloaded, and the calendar subscribed to.

Each step lives in tests/browser/staff_day/ and checks what the person sees; this test chains them
on the demo campaign (the 2014 DPRK resolution), as its manager."""

import time

import pytest
from playwright.sync_api import expect

from campaigns.models import Campaign, Target
from campaigns.suggestions import suggested_targets
from tests import factories
from tests.browser.staff_day import (
    DESKTOP,
    PHONE,
    fits_the_screen,
    log_in,
    steps_desk,
    steps_handouts,
    steps_meeting,
    steps_rollover,
    steps_search,
    steps_spreadsheets,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}
MISSION = "Permanent Mission of Kenya to the United Nations"


@pytest.fixture
def directory_of_the_day(demo_campaign):
    """The demo campaign in its season (active, so that a meeting is filed under it by default), and
    the two diplomats met today, already in the directory."""
    Campaign.objects.filter(pk=demo_campaign.pk).update(status=Campaign.Status.ACTIVE)
    factories.PersonFactory(name="Wanjiru Mwangi", category="diplomat", state=factories.state("KEN"))
    factories.PersonFactory(name="Koffi Kouassi", category="diplomat", state=factories.state("CIV"))
    return demo_campaign


def _log_the_meeting(page, base_url: str) -> None:
    tally, started = steps_meeting.Tally(), time.monotonic()
    steps_meeting.log_a_meeting(
        page,
        base_url,
        states=[("Kenia", "Kenya"), ("cote", "Ivoire")],
        diplomats=[("Wanj", "Wanjiru Mwangi"), ("Koff", "Koffi Kouassi")],
        ask="Vote yes on L.28 and no to the amendment",
        positions=["leaning_yes", "undecided"],
        follow_up="Send the COI report",
        tally=tally,
    )
    elapsed = time.monotonic() - started
    print(f"\nA meeting logged in {elapsed:.1f} s: {tally.clicks} clicks, {tally.keystrokes} keystrokes")
    assert elapsed < 60 and (tally.clicks, tally.keystrokes) == (9, 80)


def _turn_the_session(page, base_url: str, campaign: Campaign) -> Campaign:
    steps_rollover.roll_over_the_campaign(
        page, base_url, campaign_id=campaign.pk, new_name=campaign.name.replace("UNGA 69", "UNGA 70")
    )
    successor = Campaign.objects.get(rolled_over_from=campaign)
    first = suggested_targets(successor)[0]
    steps_rollover.accept_a_suggested_target(
        page, base_url, campaign_id=successor.pk, state_name=first.state.common_name, reason=first.reason
    )
    steps_rollover.accept_all_suggested_targets(page, base_url, campaign_id=successor.pk)
    return successor


def _import_targets(page, base_url: str, campaign: Campaign) -> None:
    header = "campaign,state,wanted_vote,priority,rationale\n"
    present = set(campaign.targets.values_list("state__iso3", flat=True))
    new = [iso3 for iso3 in ("SMR", "AND", "MCO", "LIE", "TUV", "NRU", "PLW") if iso3 not in present][:2]
    names = [factories.state(iso3).common_name for iso3 in new]
    steps_spreadsheets.see_a_file_with_a_mistake_refused(
        page,
        base_url,
        content=header + f'"{campaign.name}",Kenyaa,Yes,High,\n',
        problem="Row 2, state: no state called 'Kenyaa'; did you mean Kenya?",
    )
    rows = "".join(f'"{campaign.name}",{iso3},Yes,High,From the spreadsheet\n' for iso3 in new)
    steps_spreadsheets.import_targets_from_a_csv_file(page, base_url, content=header + rows, states=names)
    steps_spreadsheets.export_targets_as_a_csv_file(page, base_url, states=names)
    assert set(new) <= set(campaign.targets.values_list("state__iso3", flat=True))


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=list(VIEWPORTS))
def test_a_staff_members_day(open_page, live_server, directory_of_the_day, viewport):
    campaign, base_url = directory_of_the_day, live_server.url
    page = open_page(viewport=VIEWPORTS[viewport])
    log_in(page, "manager")

    _log_the_meeting(page, base_url)
    steps_meeting.filter_meetings(page, base_url, by="states", choice="Kenya", expect_shown="Kenya")
    steps_desk.open_home(page, base_url, follow_up="Send the COI report", meeting="Kenya")
    fits_the_screen(page)

    successor = _turn_the_session(page, base_url, campaign)
    _import_targets(page, base_url, successor)
    fits_the_screen(page)
    assert Target.objects.filter(campaign=successor).count() > campaign.targets.count()

    steps_search.search_for(
        page,
        base_url,
        term="Kenya",
        expected={"States": ["Kenya"], "Organizations": [MISSION], "People": ["Wanjiru Mwangi"]},
    )
    expect(page.get_by_role("region", name="Meetings")).to_contain_text("Kenya")
    fits_the_screen(page)

    steps_handouts.open_the_printable_brief(page, base_url, campaign=campaign)
    steps_handouts.download_the_brief_pdf(page, base_url, campaign=campaign)
    steps_handouts.download_a_table_as_csv(page, base_url, campaign=campaign)

    url = steps_desk.subscribe_to_calendar(page, base_url, expected=["Follow-up due: Send the COI report"])
    fits_the_screen(page)
    steps_desk.revoke_calendar(page, base_url, url=url)
    assert page.watch.console_errors == []

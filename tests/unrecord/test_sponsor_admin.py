"""The Resolution admin's "Add sponsors from text" page: a preview of the states that join or
withdraw and the problems by line; Save only offered on a clean preview, and reading the text sent
again; the button and the page for record keepers only."""

import re
from pathlib import Path

import pytest

from tests import factories
from unrecord.models import DraftRevision, Sponsorship

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ADDENDUM = (FIXTURES / "a_c3_69_l28_add1.txt").read_text(encoding="utf-8")
SAVE_BUTTON = 'name="_save"'


@pytest.fixture
def resolution():
    return factories.ResolutionFactory(draft_symbol="A/C.3/69/L.28", adopted_symbol="A/RES/69/188")


def page_of(resolution) -> str:
    return f"/admin/unrecord/resolution/{resolution.pk}/sponsors-from-text/"


def form(text=ADDENDUM, **fields) -> dict:
    return {
        "text": text,
        "date": "2014-11-10",
        "kind": "addendum",
        "document": "A/C.3/69/L.28/Add.1",
    } | fields


def test_a_drafts_page_offers_the_page_to_record_keepers(keeper_client, resolution):
    change_page = keeper_client.get(f"/admin/unrecord/resolution/{resolution.pk}/change/").content.decode()
    assert page_of(resolution) in change_page and "Add sponsors from text" in change_page
    page = keeper_client.get(page_of(resolution))
    assert page.status_code == 200
    assert 'name="text"' in page.content.decode() and SAVE_BUTTON not in page.content.decode()


def test_the_preview_lists_the_states_that_join_and_offers_save(keeper_client, resolution):
    page = keeper_client.post(page_of(resolution), form(_preview="1")).content.decode()
    assert '<abbr title="USA">United States</abbr>' in page and '<abbr title="MKD">' in page
    assert page.count('data-effect="joins"') == 5
    assert "A/C.3/69/L.28/Add.1 will be recorded as a revision of the draft" in page
    assert SAVE_BUTTON in page
    assert not Sponsorship.objects.exists()


def test_the_preview_shows_withdrawals_and_states_already_sponsors(keeper_client, resolution):
    Sponsorship.objects.create(resolution=resolution, state=factories.state("GHA"), joined_on="2014-10-30")
    Sponsorship.objects.create(resolution=resolution, state=factories.state("KEN"), joined_on="2014-10-30")
    text = "Ghana joined the sponsors. Kenya withdrew as a sponsor."
    page = keeper_client.post(page_of(resolution), form(text, kind="oral", _preview="1")).content.decode()
    assert 'data-effect="already a sponsor"' in page and 'data-effect="withdraws"' in page
    assert "1 state listed as sponsors, 1 withdrawing." in page


def test_problems_are_shown_by_line_and_save_is_not_offered(keeper_client, resolution):
    text = "Ghana, Narnia,\nGhana: draft resolution\nCuba withdrew as a sponsor."
    page = keeper_client.post(page_of(resolution), form(text, kind="oral", _preview="1")).content.decode()
    assert "line 1: &#x27;Narnia&#x27; resolves to no state on 2014-11-10" in page
    assert "line 2: GHA (&#x27;Ghana&#x27;) is listed twice" in page
    assert "line 3: Cuba (CUB) withdraws, but it is not a sponsor of this draft" in page
    assert SAVE_BUTTON not in page


def test_save_reads_the_text_sent_again_and_records_the_sponsors(keeper_client, resolution):
    response = keeper_client.post(page_of(resolution), form(_save="1"))
    assert response.status_code == 302
    assert response["Location"] == f"/admin/unrecord/resolution/{resolution.pk}/change/"
    assert set(Sponsorship.objects.values_list("state__iso3", flat=True)) == {
        "ALB",
        "AND",
        "KOR",
        "MKD",
        "USA",
    }
    assert DraftRevision.objects.get().symbol == "A/C.3/69/L.28/Add.1"
    page = keeper_client.get(response["Location"]).content.decode()
    assert "5 sponsorships of A/RES/69/188 saved from the text." in page


def test_save_of_a_text_with_problems_shows_them_and_saves_nothing(keeper_client, resolution):
    page = keeper_client.post(page_of(resolution), form("Ghana, Narnia: draft resolution", _save="1"))
    assert page.status_code == 200
    assert "line 1: &#x27;Narnia&#x27; resolves to no state" in page.content.decode()
    assert not Sponsorship.objects.exists()


def test_a_day_still_to_come_is_a_field_error(keeper_client, resolution):
    page = keeper_client.post(page_of(resolution), form(date="2999-01-01", _preview="1")).content.decode()
    assert "2999-01-01 is still to come" in page and SAVE_BUTTON not in page


def test_users_who_keep_no_record_see_no_button_and_are_refused_the_page(client, staff_user, resolution):
    client.force_login(staff_user)
    change_page = client.get(f"/admin/unrecord/resolution/{resolution.pk}/change/")
    assert page_of(resolution) not in change_page.content.decode()
    assert client.get(page_of(resolution)).status_code == 403
    assert client.post(page_of(resolution), form(_save="1")).status_code == 403
    assert not Sponsorship.objects.exists()


def test_the_page_runs_no_inline_script_or_style_the_policy_would_refuse(keeper_client, resolution):
    page = keeper_client.post(page_of(resolution), form(_preview="1")).content.decode()
    assert re.search(r"\sstyle=\"", page) is None
    assert re.search(r"<script(?![^>]*\s(?:src|nonce)=)[^>]*>", page) is None
    assert re.search(r"<style(?![^>]*\snonce=)[^>]*>", page) is None

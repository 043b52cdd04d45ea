"""POST /api/v1/resolutions/{id}/sponsors-from-text/: a draft's sponsor list pasted as the UN prints
it, previewed with dry_run (200) or saved (201) by record keepers only (403 for everyone else), every
problem of the text a 400 by line with nothing saved; and the day each sponsor joined or withdrew
on the resolution's page."""

from pathlib import Path

import pytest

from tests import factories
from unrecord.models import Sponsorship

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[1] / "unrecord" / "fixtures"
L_DOCUMENT = (FIXTURES / "a_c3_69_l28_sponsors.txt").read_text(encoding="utf-8")
ADDENDUM = (FIXTURES / "a_c3_69_l28_add1.txt").read_text(encoding="utf-8")
MEETING = (FIXTURES / "ga_c3_2014_11_18_sponsors_oral.txt").read_text(encoding="utf-8")


@pytest.fixture
def resolution():
    return factories.ResolutionFactory(draft_symbol="A/C.3/69/L.28", adopted_symbol="A/RES/69/188")


def url_of(resolution) -> str:
    return f"/api/v1/resolutions/{resolution.pk}/sponsors-from-text/"


def post(client, resolution, **fields):
    body = {"text": ADDENDUM, "date": "2014-11-10", "kind": "addendum"} | fields
    return client.post(url_of(resolution), body, content_type="application/json")


def test_a_dry_run_answers_what_saving_would_change_and_saves_nothing(keeper_client, resolution):
    response = post(keeper_client, resolution, document="A/C.3/69/L.28/Add.1", dry_run=True)
    assert response.status_code == 200, response.content
    preview = response.json()
    assert [(c["state"], c["effect"], c["line"]) for c in preview["changes"]] == [
        ("ALB", "joins", 20),
        ("AND", "joins", 21),
        ("MKD", "joins", 21),
        ("KOR", "joins", 21),
        ("USA", "joins", 21),
    ]
    assert preview["changes"][0]["joined_on"] == "2014-11-10" and preview["changes"][0]["withdrew_on"] is None
    assert (preview["revision"], preview["saved"], preview["resolution"]) == (
        "A/C.3/69/L.28/Add.1",
        False,
        resolution.pk,
    )
    assert not Sponsorship.objects.exists()


def test_saving_answers_201_with_the_drafts_sponsors_and_the_day_each_joined(keeper_client, resolution):
    assert (
        post(keeper_client, resolution, text=L_DOCUMENT, date="2014-10-30", kind="draft").status_code == 201
    )
    response = post(keeper_client, resolution)
    assert response.status_code == 201, response.content
    sponsors = {row["state"]: row for row in response.json()["sponsors"]}
    assert len(sponsors) == 34 and response.json()["saved"] is True
    assert (sponsors["USA"]["joined_on"], sponsors["JPN"]["joined_on"]) == ("2014-11-10", "2014-10-30")


def test_a_withdrawal_shows_on_the_resolutions_page(keeper_client, resolution):
    post(keeper_client, resolution)
    assert post(keeper_client, resolution, text=MEETING, date="2014-11-18", kind="oral").status_code == 201
    page = keeper_client.get(f"/api/v1/resolutions/{resolution.pk}/").json()
    andorra = next(row for row in page["sponsors"] if row["state"] == "AND")
    assert (andorra["role"], andorra["joined_on"], andorra["withdrew_on"]) == (
        "co",
        "2014-11-10",
        "2014-11-18",
    )


@pytest.mark.parametrize("dry_run", [True, False])
def test_every_problem_of_the_text_is_a_400_by_line_and_nothing_is_saved(keeper_client, resolution, dry_run):
    text = "Ghana, Narnia,\nGhana: draft resolution"
    response = post(keeper_client, resolution, text=text, kind="draft", dry_run=dry_run)
    assert response.status_code == 400
    assert response.json() == {
        "text": [
            "line 1: 'Narnia' resolves to no state on 2014-11-10",
            "line 2: GHA ('Ghana') is listed twice: it already joins on line 1",
        ]
    }
    assert not Sponsorship.objects.exists()


def test_a_withdrawal_of_a_state_that_is_no_sponsor_is_a_400_by_line(keeper_client, resolution):
    response = post(keeper_client, resolution, text="Cuba withdrew as a sponsor.", kind="withdrawal")
    assert response.status_code == 400
    assert response.json() == {
        "text": ["line 1: Cuba (CUB) withdraws, but it is not a sponsor of this draft"]
    }


@pytest.mark.parametrize(
    "fields, named",
    [
        ({"kind": "rumour"}, "kind"),
        ({"date": "2999-01-01"}, "date"),
        ({"date": "10/11/2014"}, "date"),
        ({"colour": "blue"}, "colour"),
        ({"text": ["Ghana"]}, "text"),
        ({"document": "A/C.3/69/L.28/Add.1" * 4}, "document"),
    ],
)
def test_bad_fields_are_400s_naming_them(keeper_client, resolution, fields, named):
    response = post(keeper_client, resolution, **fields)
    assert response.status_code == 400 and list(response.json()) == [named]
    assert not Sponsorship.objects.exists()


@pytest.mark.parametrize("user", ["staff_user", "manager_user", "analyst_user"])
def test_users_who_keep_no_record_are_refused(client, request, resolution, user):
    client.force_login(request.getfixturevalue(user))
    assert post(client, resolution).status_code == 403
    assert post(client, resolution, dry_run=True).status_code == 403
    assert not Sponsorship.objects.exists()


def test_an_unknown_resolution_is_a_404(keeper_client, resolution):
    response = keeper_client.post(
        "/api/v1/resolutions/999999/sponsors-from-text/",
        {"text": ADDENDUM, "date": "2014-11-10", "kind": "addendum"},
        content_type="application/json",
    )
    assert response.status_code == 404


def test_a_preview_costs_the_same_queries_for_a_long_list_as_for_a_short_one(
    keeper_client, resolution, django_assert_max_num_queries
):
    short = {"text": "Ghana joined the sponsors.", "date": "2014-11-10", "kind": "oral", "dry_run": True}
    post(keeper_client, resolution, **short)  # the session and the names' first read
    with django_assert_max_num_queries(99) as counted:
        assert post(keeper_client, resolution, **short).status_code == 200
    with django_assert_max_num_queries(len(counted.captured_queries)):
        assert post(keeper_client, resolution, text=L_DOCUMENT, date="2014-10-30", kind="draft", dry_run=True)

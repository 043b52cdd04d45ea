"""The search page, /desk/search/?q=: the admin's look, what was typed checked, queries pinned."""

import pytest

from desk.search_sql import capabilities
from directory.models import Organization
from tests import factories


@pytest.fixture
def found_everywhere(organization):
    """Two records of each kind that "Kenya" finds, so that the query counts are those of lists."""
    kenya = factories.state("KEN")
    for n in range(2):
        factories.OrganizationFactory(name=f"Kenya Coalition {n}", kind=Organization.Kind.NGO)
        factories.PersonFactory(name=f"Diplomat {n}", category="diplomat", state=kenya)
        factories.MeetingFactory(owner=organization, place="Kenya").states.add(kenya, factories.state("UGA"))
        factories.DocumentFactory(owner=organization, title=f"Kenya report {n}")


def test_the_page_shows_each_kind_linking_to_its_page(
    staff_client, found_everywhere, django_assert_num_queries
):
    capabilities()  # once per process: not the page's
    # Session and user (2), one query per kind, two for meetings (their states), and the user's
    # permissions for the admin's sidebar (2).
    with django_assert_num_queries(10):
        response = staff_client.get("/desk/search/", {"q": "Kenya"})
    assert response.status_code == 200
    page = response.content.decode()
    for heading in ("States", "Organizations", "People", "Meetings", "Documents"):
        assert f">{heading}</h2>" in page
    assert "Kenya Coalition 1" in page and "Kenya, Uganda" in page
    assert 'href="/admin/advocacy/meeting/' in page


def test_the_page_without_a_term_shows_the_box(staff_client):
    response = staff_client.get("/desk/search/")
    assert response.status_code == 200
    assert 'name="q"' in response.content.decode() and "Found" not in response.content.decode()


@pytest.mark.parametrize("term", ["", "   ", "?!*"])
def test_a_term_without_words_is_refused_saying_what_to_type(staff_client, term):
    response = staff_client.get("/desk/search/", {"q": term})
    assert response.status_code == 400
    assert "Type a name or a word to search for" in response.content.decode()


def test_an_unknown_kind_is_refused_by_name(staff_client):
    response = staff_client.get("/desk/search/", {"q": "Kenya", "kind": "votes"})
    assert response.status_code == 400
    assert "votes is not a kind of record to search" in response.content.decode()


def test_the_page_asks_for_a_login(client, db):
    assert client.get("/desk/search/", {"q": "Kenya"}).status_code == 302

"""The one search box (desk/search.py): what it finds, by any name, and what it never shows."""

import dataclasses

import pytest

from desk import search_sql
from desk.search import search
from directory.models import Organization
from tests import factories


def _found(user, term, kind) -> list[str]:
    (group,) = search(user=user, term=term, kinds=(kind,))
    return [hit.title for hit in group.hits]


@pytest.fixture
def kenya_mission(db):
    return factories.OrganizationFactory(
        name="Permanent Mission of Kenya to the United Nations",
        kind=Organization.Kind.MISSION,
        state=factories.state("KEN"),
    )


def test_a_state_is_found_with_its_mission_people_and_meetings(staff_user, organization, kenya_mission):
    diplomat = factories.PersonFactory(
        name="Grace Wanjiru", category="diplomat", state=factories.state("KEN")
    )
    meeting = factories.MeetingFactory(owner=organization, place="Permanent Mission of Kenya, New York")
    met = factories.MeetingFactory(owner=organization, place="Delegates' Lounge")
    met.states.add(factories.state("KEN"))
    groups = {group.kind: group for group in search(user=staff_user, term="Kenya")}
    assert [hit.title for hit in groups["states"].hits] == ["Kenya"]
    assert [hit.title for hit in groups["organizations"].hits] == [kenya_mission.name]
    assert [hit.title for hit in groups["people"].hits] == [diplomat.name]
    assert {hit.title for hit in groups["meetings"].hits} == {str(meeting), str(met)}
    assert groups["meetings"].hits[0].url == f"/admin/advocacy/meeting/{meeting.pk}/change/"


def test_states_are_found_by_their_names_in_other_languages(staff_user, kenya_mission):
    assert _found(staff_user, "Kenia", "states") == ["Kenya"]  # Spanish
    assert _found(staff_user, "Kenia", "organizations") == [kenya_mission.name]


def test_accents_are_folded_both_ways(staff_user):
    factories.PersonFactory(name="Zoë Ångström")
    assert _found(staff_user, "zoe angstrom", "people") == ["Zoë Ångström"]
    assert _found(staff_user, "Zôé", "people") == ["Zoë Ångström"]


def test_without_the_extensions_accents_are_still_folded(staff_user, monkeypatch):
    factories.PersonFactory(name="José Ramírez")
    monkeypatch.setattr(
        search_sql, "capabilities", lambda alias="default": search_sql.Capabilities(False, False)
    )
    assert _found(staff_user, "jose ramirez", "people") == ["José Ramírez"]
    assert _found(staff_user, "Ramír", "people") == ["José Ramírez"]  # a word's start


def test_typos_in_names_are_forgiven_with_pg_trgm(staff_user):
    if not search_sql.capabilities().trigram:
        pytest.skip("pg_trgm is not installed in this database (the embedded PostgreSQL has none)")
    factories.PersonFactory(name="Navanethem Pillay")
    assert _found(staff_user, "Pilay", "people") == ["Navanethem Pillay"]


def test_a_strangers_meeting_mentioning_kenya_is_not_found(staff_user, other_organization):
    factories.MeetingFactory(owner=other_organization, summary="Kenya will co-sponsor.")
    assert _found(staff_user, "Kenya", "meetings") == []


def test_a_partner_finds_a_shared_meeting_but_not_by_its_confidential_notes(
    staff_user, partner_user, organization
):
    meeting = factories.MeetingFactory(
        owner=organization,
        shared_with_partners=True,
        summary="Kenya",
        confidential_notes="Ambassador wavering",
    )
    assert _found(partner_user, "Kenya", "meetings") == [str(meeting)]
    assert _found(partner_user, "wavering", "meetings") == []
    assert _found(staff_user, "wavering", "meetings") == [str(meeting)]
    (hit,) = search(user=partner_user, term="Kenya", kinds=("meetings",))[0].hits
    assert "wavering" not in hit.snippet


def test_a_protected_persons_real_name_finds_nothing(staff_user, organization):
    witness = factories.ProtectedPersonFactory(name="Witness Magnolia", protected_by=organization)
    witness.identity.real_name = "Kim Sun-hee"
    witness.identity.save()
    assert all(not group.hits for group in search(user=staff_user, term="Kim Sun-hee"))
    assert _found(staff_user, "Magnolia", "people") == ["Witness Magnolia"]


def test_a_snippet_is_escaped_and_highlights_the_words_found(staff_user, organization):
    factories.MeetingFactory(owner=organization, summary="<script>alert(1)</script> Kenya & Uganda agreed.")
    (hit,) = search(user=staff_user, term="kenya", kinds=("meetings",))[0].hits
    assert "<script>" not in hit.snippet
    assert "<mark>Kenya</mark> &amp; Uganda" in hit.snippet


def test_documents_are_found_by_the_text_of_their_pdf(staff_user, organization, other_organization):
    factories.DocumentFactory(
        owner=organization, title="Annual report", extracted_text="Nairobi consultations"
    )
    factories.DocumentFactory(owner=other_organization, title="Theirs", extracted_text="Nairobi")
    (hit,) = search(user=staff_user, term="nairobi", kinds=("documents",))[0].hits
    assert hit.title == "Annual report" and "<mark>Nairobi</mark>" in hit.snippet


def test_one_kind_alone_shows_more_and_says_when_there_are_more_still(staff_user, organization):
    factories.MeetingFactory.create_batch(9, owner=organization, place="Mission of Chile")
    (group,) = search(user=staff_user, term="chile", kinds=("meetings", "states"))[1:]
    assert (len(group.hits), group.more) == (8, True)
    (alone,) = search(user=staff_user, term="chile", kinds=("meetings",))
    assert (len(alone.hits), alone.more) == (9, False)


def test_hits_are_plain_data(staff_user, kenya_mission):
    (group,) = search(user=staff_user, term="Kenya", kinds=("organizations",))
    assert dataclasses.asdict(group.hits[0])["detail"] == "Permanent mission of a state · Kenya"


def test_the_indexes_find_exactly_what_reading_every_row_finds(
    staff_user, partner_user, outsider_user, organization, other_organization, monkeypatch
):
    assert search_sql.capabilities().indexed, "the search indexes' fold is not the search's"
    factories.MeetingFactory(owner=organization, shared_with_partners=True, confidential_notes="Kenya wavers")
    factories.MeetingFactory(owner=organization, summary="Kenyan mission visit", place="Nairobi")
    factories.MeetingFactory(owner=organization, place="New York").states.add(factories.state("KEN"))
    factories.MeetingFactory(owner=other_organization, ask="Kenya, vote yes", confidential_notes="Côte")
    factories.DocumentFactory(owner=organization, title="Letter to Kenya", summary="Côte d'Ivoire")
    terms, users = ("Kenya", "wavers", "cote", "nairobi mission"), (staff_user, partner_user, outsider_user)

    def everything_found():
        return {
            (user.pk, term, kind): _found(user, term, kind)
            for user in users
            for term in terms
            for kind in ("meetings", "documents")
        }

    indexed = everything_found()
    unindexed = dataclasses.replace(search_sql.capabilities(), indexed=False)
    monkeypatch.setattr(search_sql, "capabilities", lambda alias="default": unindexed)
    assert everything_found() == indexed
    assert indexed[(partner_user.pk, "wavers", "meetings")] == []  # the owners' notes, never a partner's
    assert indexed[(staff_user.pk, "wavers", "meetings")] != []

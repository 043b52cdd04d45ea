"""Adding a record that looks like one already recorded warns, with links to the look-alikes
and a "save anyway"; a clear case saves at once. The look-alikes are those the user may see,
named by pseudonym when protected."""

import datetime

import pytest

from advocacy.duplicates import side_events_like, stances_like
from advocacy.models import SideEvent, Stance
from core.duplicates import fold, similar
from directory.duplicates import people_like
from directory.models import Person
from documents.duplicates import letters_like
from documents.models import Document
from tests import factories

pytestmark = pytest.mark.django_db
PERSON = {"category": "ngo_staff", "identity-TOTAL_FORMS": 0, "identity-INITIAL_FORMS": 0}


def test_names_fold_without_accents_case_punctuation_or_word_order():
    assert fold("Müller-Ri, Jong") == fold("jong muller ri")
    assert similar("Kim Song-ae", "Kim Songae ") and similar("Navanethem Pillay", "Navanethem Pilay")
    assert not similar("Kim Song-ae", "Ri Chol-ho")


def test_adding_a_person_like_one_recorded_warns_with_a_link_then_saves_anyway(staff_client):
    known = factories.PersonFactory(name="Kim Sŏng-ae")
    response = staff_client.post("/admin/directory/person/add/", {**PERSON, "name": "Kim Song Ae"})
    page = response.content.decode()
    assert response.status_code == 200 and "This looks like a person already recorded" in page
    assert f"/admin/directory/person/{known.pk}/change/" in page and 'name="save_anyway"' in page
    assert Person.objects.count() == 1
    saved = staff_client.post(
        "/admin/directory/person/add/", {**PERSON, "name": "Kim Song Ae", "save_anyway": "on"}
    )
    assert saved.status_code == 302 and Person.objects.count() == 2


def test_a_clear_case_saves_without_a_warning(staff_client):
    factories.PersonFactory(name="Kim Song-ae")
    response = staff_client.post("/admin/directory/person/add/", {**PERSON, "name": "Ri Chol-ho"})
    assert response.status_code == 302


def test_a_protected_person_is_matched_and_named_by_pseudonym_only(staff_user):
    witness = factories.ProtectedPersonFactory(name="Witness Camp 18", identity__real_name="Shin Dong-hyuk")
    assert people_like(user=staff_user, record=Person(name="Witness camp-18"), data={}) == [witness]
    assert people_like(user=staff_user, record=Person(name="Shin Dong-hyuk"), data={}) == []


def test_a_person_of_another_state_is_not_a_look_alike(staff_user):
    factories.PersonFactory(name="Ri Chol", state=factories.state("PRK"), category="diplomat")
    record = Person(name="Ri Chol", state=factories.state("KOR"))
    assert people_like(user=staff_user, record=record, data={}) == []


def test_a_strangers_unshared_letter_is_no_look_alike_but_ones_own_is(
    staff_user, organization, other_organization
):
    day = datetime.date(2014, 12, 18)
    own = factories.DocumentFactory(
        owner=organization, kind="letter", title="Joint letter to the missions", dated=day
    )
    factories.DocumentFactory(
        owner=other_organization, kind="letter", title="Joint letter to the missions", dated=day
    )
    record = Document(kind="joint_letter", title="Joint Letter to the Missions", dated=day)
    assert letters_like(user=staff_user, record=record, data={}) == [own]
    assert letters_like(user=staff_user, record=Document(kind="report", title=own.title), data={}) == []


def test_a_side_event_of_a_like_title_on_the_same_day_is_a_look_alike(staff_user, organization):
    event = factories.SideEventFactory(owner=organization, title="North Korea: accountability now")
    alike = SideEvent(title="North Korea - Accountability Now", date=event.date)
    assert side_events_like(user=staff_user, record=alike, data={}) == [event]
    alike.date = event.date + datetime.timedelta(days=1)
    assert side_events_like(user=staff_user, record=alike, data={}) == []


def test_a_stance_repeated_on_the_same_day_is_a_look_alike_a_later_one_is_not(staff_user, organization):
    stance = factories.StanceFactory(owner=organization)
    fields = {f: getattr(stance, f) for f in ("state", "resolution", "series", "position", "as_of")}
    assert stances_like(user=staff_user, record=Stance(**fields), data={}) == [stance]
    later = Stance(**{**fields, "as_of": stance.as_of + datetime.timedelta(days=7)})
    assert stances_like(user=staff_user, record=later, data={}) == []

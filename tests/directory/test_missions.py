"""The directory out of the box: every member and observer state's permanent mission, named as
the UN names it, beside those the demo or a user recorded."""

import pytest

from directory.missions import add_missing_missions, mission_name
from directory.models import Organization
from tests import factories
from unrecord.models import MemberState

pytestmark = pytest.mark.django_db


def test_every_member_and_observer_state_has_its_mission_out_of_the_box():
    missions = Organization.objects.filter(kind=Organization.Kind.MISSION)
    states = MemberState.objects.filter(status__in=["member", "observer"], left_on__isnull=True)
    assert missions.count() == states.count() == 195
    assert set(missions.values_list("state_id", flat=True)) == set(states.values_list("pk", flat=True))


@pytest.mark.parametrize(
    ("iso3", "name"),
    [
        ("KEN", "Permanent Mission of Kenya to the United Nations"),
        ("RUS", "Permanent Mission of the Russian Federation to the United Nations"),
        ("BOL", "Permanent Mission of the Plurinational State of Bolivia to the United Nations"),
        ("PHL", "Permanent Mission of the Philippines to the United Nations"),
        ("VAT", "Permanent Observer Mission of the Holy See to the United Nations"),
        ("PSE", "Permanent Observer Mission of the State of Palestine to the United Nations"),
    ],
)
def test_missions_are_named_as_the_un_names_them(iso3, name):
    assert Organization.objects.get(kind="mission", state__iso3=iso3).name == name


def test_former_members_have_no_mission():
    assert not Organization.objects.filter(kind="mission", state__status="historic").exists()


def test_a_state_with_a_mission_recorded_already_gets_no_second_one():
    kenya = factories.state("KEN")
    Organization.objects.filter(state=kenya, kind="mission").update(name="Kenya Mission, New York")
    Organization.objects.filter(state=factories.state("BWA"), kind="mission").delete()
    assert add_missing_missions(Organization=Organization, MemberState=MemberState) == [
        mission_name(factories.state("BWA"), observer=False)
    ]
    assert Organization.objects.filter(state=kenya, kind="mission").count() == 1


def test_the_demo_names_its_missions_as_the_directory_does():
    from demo.dataset.directory import ORGANIZATIONS

    missions = [data for data in ORGANIZATIONS.values() if data["kind"] == "mission"]
    assert missions and all(
        data["name"] == mission_name(factories.state(data["state"]), observer=False) for data in missions
    )

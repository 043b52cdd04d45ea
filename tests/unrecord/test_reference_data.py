"""The shipped member states: all 193, observers, historic members and the group exceptions."""

import datetime
import io

import pytest
from django.core.management import call_command

from unrecord.models import MemberState, RegionalGroup, StateCodeAlias

pytestmark = pytest.mark.django_db


def test_all_members_observers_and_historic_members_are_there():
    counts = {status: MemberState.objects.filter(status=status).count() for status in MemberState.Status}
    assert counts == {"member": 193, "observer": 2, "historic": 8}
    assert set(MemberState.objects.filter(status="historic").values_list("iso3", flat=True)) == {
        "SUN",
        "YUG",
        "CSK",
        "DDR",
        "YAR",
        "YMD",
        "ZAN",
        "TWN",
    }


def test_every_current_member_has_a_regional_group_and_an_admission_date():
    members = MemberState.objects.current_members()
    assert not members.filter(regional_group__isnull=True).exists()
    assert not members.filter(admitted_on__isnull=True).exists()


def test_group_sizes_match_the_un_lists():
    sizes = {
        group.code: MemberState.objects.current_members().filter(regional_group=group).count()
        for group in RegionalGroup.objects.all()
    }
    # WEOG counts the United States, which attends it as an observer (see below).
    assert sizes == {"AFRICAN": 54, "ASIA_PACIFIC": 54, "EEG": 23, "GRULAC": 33, "WEOG": 29}


def test_the_exceptions_a_state_in_no_group_and_one_that_sits_with_two():
    usa = MemberState.objects.get(iso3="USA")
    assert usa.group_status == "observer" and usa.regional_group.code == "WEOG"
    assert MemberState.objects.get(iso3="VAT").group_status == "none"
    turkiye = MemberState.objects.get(iso3="TUR")
    assert [g.code for g in turkiye.other_groups.all()] == ["ASIA_PACIFIC"]


def test_voting_records_codes_resolve_through_dated_aliases():
    assert StateCodeAlias.objects.get(code="YUG").state.iso3 == "SRB"
    assert StateCodeAlias.objects.get(code="RUS").state.iso3 == "SUN"
    assert MemberState.objects.get(iso3="SUN").successor.iso3 == "RUS"


def test_membership_on_a_date():
    on_the_vote = MemberState.objects.members_on(datetime.date(2014, 12, 18))
    assert on_the_vote.count() == 193
    assert not on_the_vote.filter(iso3="SUN").exists()
    assert MemberState.objects.members_on(datetime.date(1964, 1, 1)).filter(iso3="ZAN").exists()


def test_the_loader_keeps_admin_edits_unless_told_to_overwrite():
    MemberState.objects.filter(iso3="PRK").update(common_name="DPRK")
    call_command("load_reference_data", stdout=io.StringIO())
    assert MemberState.objects.get(iso3="PRK").common_name == "DPRK"
    call_command("load_reference_data", overwrite=True, stdout=io.StringIO())
    assert MemberState.objects.get(iso3="PRK").common_name == "North Korea"

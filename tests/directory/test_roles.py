"""Each role's permissions: analysts read, staff log outreach, managers run campaigns."""

import pytest

pytestmark = pytest.mark.django_db


def test_analysts_read_everything_and_change_nothing(analyst_user):
    assert analyst_user.has_perm("advocacy.view_meeting")
    assert analyst_user.has_perm("unrecord.view_voteevent")
    assert not analyst_user.has_perm("advocacy.add_meeting")
    assert not analyst_user.has_perm("campaigns.change_campaign")


def test_staff_log_outreach_but_do_not_run_campaigns(staff_user):
    assert staff_user.has_perm("advocacy.add_meeting")
    assert staff_user.has_perm("advocacy.change_followup")
    assert not staff_user.has_perm("campaigns.add_campaign")
    assert not staff_user.has_perm("advocacy.delete_meeting")


def test_managers_run_campaigns_and_may_delete(manager_user):
    assert manager_user.has_perm("campaigns.add_campaign")
    assert manager_user.has_perm("campaigns.change_target")
    assert manager_user.has_perm("advocacy.delete_meeting")


def test_no_role_keeps_the_public_record(manager_user):
    assert not manager_user.has_perm("unrecord.change_memberstate")
    assert not manager_user.has_perm("unrecord.add_voteevent")
    assert not manager_user.has_perm("unrecord.keep_record")


def test_no_role_holds_the_account_permissions_managers_act_under_the_policy(manager_user):
    # Managers manage their colleagues through the policy (directory/access.py), not a permission
    # that would reach every organization's users.
    assert not manager_user.has_perm("directory.change_user")
    assert not manager_user.has_perm("directory.view_user")


def test_analysts_get_a_read_only_admin(client, analyst_user):
    client.force_login(analyst_user)
    assert client.get("/admin/advocacy/meeting/").status_code == 200
    assert client.get("/admin/advocacy/meeting/add/").status_code == 403

"""The admin's sidebar groups the models by the staff's tasks, with human names; administrators
still reach every model the admin registers."""

import pytest
from django.contrib import admin
from django.test import RequestFactory

from dashboards.admin_navigation import sidebar

pytestmark = pytest.mark.django_db


def _groups(user) -> dict[str, list[str]]:
    request = RequestFactory().get("/admin/")
    request.user = user
    return {group["title"]: [item["title"] for item in group["items"]] for group in sidebar(request)}


def test_staff_see_their_tasks_with_human_names(staff_user):
    groups = _groups(staff_user)
    assert list(groups) == ["Desk", "Outreach", "Campaigns", "Directory", "UN record"]
    assert groups["Outreach"][:3] == ["Meetings", "Follow-ups", "Side events"]
    assert groups["Directory"][:2] == ["People", "Organizations and missions"]


def test_administrators_reach_every_model_the_admin_lists(admin_user):
    groups = _groups(admin_user)
    listed = sum(len(items) for title, items in groups.items() if title != "Desk")
    request = RequestFactory().get("/admin/")
    request.user = admin_user
    assert listed == sum(len(app["models"]) for app in admin.site.get_app_list(request))
    assert "Periodic tasks" in groups["Administration"]


def test_the_applications_list_is_offered_to_administrators_only(staff_user, admin_user):
    def offered(user) -> bool:
        request = RequestFactory().get("/admin/")
        request.user = user
        return admin.site.each_context(request)["sidebar_show_all_applications"]

    assert offered(staff_user) is False and offered(admin_user) is True

"""The admin's sidebar (django-unfold's SIDEBAR navigation, see config/unfold.py): the dashboards
first, then every application and model the user may see, as the admin lists them anyway."""

from django.contrib import admin
from django.urls import reverse


def sidebar(request) -> list[dict]:
    dashboards = {
        "title": "Dashboards",
        "items": [
            {"title": "Campaign dashboards", "icon": "monitoring", "link": reverse("dashboards:index")}
        ],
    }
    applications = [
        {
            "title": app["name"],
            "items": [{"title": model["name"], "link": model["admin_url"]} for model in app["models"]],
        }
        for app in admin.site.get_app_list(request)
    ]
    return [dashboards, *applications]

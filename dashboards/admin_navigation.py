"""The admin's sidebar (django-unfold's SIDEBAR navigation, see config/unfold.py), grouped by the
staff's tasks with human names: the desk, outreach, campaigns, the directory, the UN record,
then administration. Every model the admin lists for the user is in one group (a model no group
names goes to its application's, or to Administration), so administrators still reach all."""

from django.contrib import admin
from django.urls import reverse

OUTREACH, CAMPAIGNS, DIRECTORY, UN_RECORD, ADMINISTRATION = (
    "Outreach",
    "Campaigns",
    "Directory",
    "UN record",
    "Administration",
)
# The task each application's models serve, when the model has no entry in MODELS.
APP_GROUPS = {
    "advocacy": OUTREACH,
    "campaigns": CAMPAIGNS,
    "documents": CAMPAIGNS,
    "directory": DIRECTORY,
    "unrecord": UN_RECORD,
}
# label: (group, the name staff know it by, icon); in the order each group lists them.
MODELS = {
    "advocacy.Meeting": (OUTREACH, "Meetings", "handshake"),
    "advocacy.FollowUp": (OUTREACH, "Follow-ups", "task_alt"),
    "advocacy.SideEvent": (OUTREACH, "Side events", "event"),
    "advocacy.Stance": (OUTREACH, "Stances of states", "how_to_vote"),
    "advocacy.Incident": (OUTREACH, "Incidents at side events", "report"),
    "campaigns.Campaign": (CAMPAIGNS, "Campaigns", "campaign"),
    "campaigns.Target": (CAMPAIGNS, "Targeted states", "target"),
    "campaigns.Threshold": (CAMPAIGNS, "Thresholds of success", "flag"),
    "documents.Document": (CAMPAIGNS, "Reports and letters", "description"),
    "documents.Signature": (CAMPAIGNS, "Signatures", "draw"),
    "directory.Person": (DIRECTORY, "People", "person"),
    "directory.Organization": (DIRECTORY, "Organizations and missions", "apartment"),
    "directory.Partnership": (DIRECTORY, "Partnerships", "diversity_3"),
    "directory.User": (DIRECTORY, "Colleagues", "badge"),
    "directory.PersonIdentity": (DIRECTORY, "Protected identities", "shield_person"),
    "directory.IdentityRead": (DIRECTORY, "Who read a protected identity", "visibility"),
    "unrecord.MemberState": (UN_RECORD, "States", "public"),
    "unrecord.Resolution": (UN_RECORD, "Resolutions", "gavel"),
    "unrecord.VoteEvent": (UN_RECORD, "Votes", "ballot"),
}
GROUP_ORDER = (OUTREACH, CAMPAIGNS, DIRECTORY, UN_RECORD, ADMINISTRATION)
COLLAPSED = {UN_RECORD, ADMINISTRATION}  # reference and upkeep: opened when needed


def sidebar(request) -> list[dict]:
    groups = {title: [] for title in GROUP_ORDER}
    for app in admin.site.get_app_list(request):
        for model in app["models"]:
            group, position, item = _item(app["app_label"], model)
            groups[group].append((position, item))
    # Named models in MODELS' order, then the others as the admin lists them (sorted() is stable).
    tasks = [
        {
            "title": title,
            "collapsible": title in COLLAPSED,
            "items": [item for _, item in sorted(items, key=lambda pair: pair[0])],
        }
        for title, items in groups.items()
        if items
    ]
    return [_desk(), *tasks]


def _desk() -> dict:
    return {
        "title": "Desk",
        "items": [
            {"title": "Home", "icon": "home", "link": reverse("admin:index")},
            {"title": "Campaign dashboards", "icon": "monitoring", "link": reverse("dashboards:index")},
            {"title": "Search", "icon": "search", "link": reverse("desk:search")},
            {"title": "Calendar feed", "icon": "calendar_month", "link": reverse("desk:calendar")},
        ],
    }


def _item(app_label: str, model: dict) -> tuple[str, int, dict]:
    """(its group, its place in the group, the sidebar's item) for one model the admin lists."""
    label = f"{app_label}.{model['object_name']}"
    if label not in MODELS:
        return (
            APP_GROUPS.get(app_label, ADMINISTRATION),
            len(MODELS),
            {"title": model["name"], "link": model["admin_url"]},
        )
    group, title, icon = MODELS[label]
    return group, list(MODELS).index(label), {"title": title, "icon": icon, "link": model["admin_url"]}

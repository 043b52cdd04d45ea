"""Settings of the admin theme (django-unfold). Its CSS, JS and fonts ship in the package."""

UNFOLD = {
    "SITE_TITLE": "Plenary",
    "SITE_HEADER": "Plenary",
    "SITE_SUBHEADER": "Advocacy at the United Nations",
    "SHOW_HISTORY": True,
    "SHOW_VIEW_ON_SITE": False,
    "SIDEBAR": {"show_search": True, "show_all_applications": True},
}

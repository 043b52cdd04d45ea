"""Settings of the admin theme (django-unfold). Its CSS, JS and fonts ship in the package."""

from django.templatetags.static import static

UNFOLD = {
    "SITE_TITLE": "Plenary",
    "SITE_HEADER": "Plenary",
    "SITE_SUBHEADER": "Advocacy at the United Nations",
    "SHOW_HISTORY": True,
    "SHOW_VIEW_ON_SITE": False,
    # Plenary's admin styles: a file, because the Content-Security-Policy refuses style="" attributes.
    "STYLES": [lambda request: static("plenary/admin.css")],
    "SITE_FAVICONS": [
        {"rel": "icon", "type": "image/svg+xml", "href": lambda request: static("plenary/favicon.svg")},
    ],
    # The account menu: two-factor authentication, and the password change.
    "ACCOUNT": {"navigation": "directory.two_factor.navigation.account_links"},
    # The admin's index is each user's home: their follow-ups, meetings, news and next votes.
    "DASHBOARD_CALLBACK": "desk.views.dashboard_callback",
    "SIDEBAR": {
        "show_search": True,
        # The list of applications under their technical names: for administrators only.
        "show_all_applications": lambda request: request.user.is_superuser,
        # The desk and the dashboards, then every model the user may see, grouped by task.
        "navigation": "dashboards.admin_navigation.sidebar",
    },
}

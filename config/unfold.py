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
    "SIDEBAR": {
        "show_search": True,
        "show_all_applications": True,
        # The managers' dashboards, then the applications as the admin lists them.
        "navigation": "dashboards.admin_navigation.sidebar",
    },
}

"""The admin's account menu (django-unfold's ACCOUNT navigation, see config/unfold.py)."""

from django.urls import reverse


def account_links(request) -> list[dict]:
    """Two-factor authentication, beside the password change unfold shows when left alone."""
    if not request.user.is_authenticated:  # the login page asks too
        return []
    links = [{"title": "Two-factor authentication", "link": reverse("two_factor:manage")}]
    if request.user.has_usable_password():
        links.append({"title": "Change password", "link": reverse("admin:password_change")})
    return links

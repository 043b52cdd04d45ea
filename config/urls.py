"""Plenary's URLs. Uploaded files have none of their own, in development or production: each is
served by the view that asks its access policy (documents/downloads.py), never from MEDIA_ROOT."""

from django.contrib import admin
from django.templatetags.static import static as static_url
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    # The admin's own look, and its Content-Security-Policy (config/csp.py): under /admin/.
    path("admin/two-factor/", include("directory.two_factor.urls")),
    path("admin/", admin.site.urls),
    path("api/", include("config.api_urls")),
    path("dashboard/", include("dashboards.urls")),
    path("desk/", include("desk.urls")),
    path("favicon.ico", RedirectView.as_view(url=static_url("plenary/favicon.svg"))),
    path("", RedirectView.as_view(url="/admin/", permanent=False)),
]

"""The desk's pages, under /desk/: search, and the calendar feeds."""

from django.urls import path

from desk import search_views, views

app_name = "desk"
urlpatterns = [
    path("search/", search_views.search_page, name="search"),
    path("calendar/", views.calendar_page, name="calendar"),
    path("calendar/renew/", views.calendar_renew, name="calendar_renew"),
    path("calendar/revoke/", views.calendar_revoke, name="calendar_revoke"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]

"""The managers' dashboards, under /dashboard/."""

from django.urls import path

from dashboards import handouts, views

app_name = "dashboards"
urlpatterns = [
    path("", views.campaign_list, name="index"),
    path("campaigns/<int:pk>/", views.campaign_page, name="campaign"),
    path("campaigns/<int:pk>/states/<str:iso3>/", views.state_page, name="state"),
    # Things to hand out (dashboards/handouts.py): the brief, the tables as CSV, the map as SVG.
    path("campaigns/<int:pk>/brief/", handouts.brief, name="brief"),
    path("campaigns/<int:pk>/brief.pdf", handouts.brief_pdf, name="brief_pdf"),
    path("campaigns/<int:pk>/map.svg", handouts.map_image, name="map_svg"),
    path("campaigns/<int:pk>/tables/<slug:name>.csv", handouts.campaign_table, name="campaign_table"),
    path(
        "campaigns/<int:pk>/states/<str:iso3>/tables/<slug:name>.csv",
        handouts.state_table,
        name="state_table",
    ),
]

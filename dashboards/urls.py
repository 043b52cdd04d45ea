"""The managers' dashboards, under /dashboard/."""

from django.urls import path

from dashboards import views

app_name = "dashboards"
urlpatterns = [
    path("", views.campaign_list, name="index"),
    path("campaigns/<int:pk>/", views.campaign_page, name="campaign"),
    path("campaigns/<int:pk>/states/<str:iso3>/", views.state_page, name="state"),
]

"""The two-factor pages, under /admin/two-factor/."""

from django.urls import path

from directory.two_factor import views

app_name = "two_factor"
urlpatterns = [
    path("", views.manage, name="manage"),
    path("setup/", views.setup, name="setup"),
    path("setup/qr.svg", views.setup_qr, name="setup_qr"),
    path("verify/", views.verify, name="verify"),
    path("recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path("remove/", views.remove, name="remove"),
]

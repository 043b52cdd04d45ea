"""The staff's desk: each user's home, one search over their records, and their calendar feed."""

from django.apps import AppConfig


class DeskConfig(AppConfig):
    name = "desk"
    verbose_name = "Desk"

    def ready(self):
        # Declares the models' access policies and their writes (README, "Confidentiality").
        from desk import access, services  # noqa: F401

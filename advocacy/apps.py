from django.apps import AppConfig


class AdvocacyConfig(AppConfig):
    name = "advocacy"

    def ready(self):
        # Declares the models' access policies, their writes (README, "Confidentiality") and
        # their look-alikes (core/duplicates.py).
        from advocacy import access, duplicates, services  # noqa: F401

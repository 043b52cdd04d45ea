from django.apps import AppConfig


class AdvocacyConfig(AppConfig):
    name = "advocacy"

    def ready(self):
        # Declares the models' access policies and their writes (README, "Confidentiality").
        from advocacy import access, services  # noqa: F401

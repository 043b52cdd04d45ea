from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "campaigns"

    def ready(self):
        # Declares the models' access policies and their writes (README, "Confidentiality").
        from campaigns import access, services  # noqa: F401

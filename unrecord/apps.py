from django.apps import AppConfig


class UnrecordConfig(AppConfig):
    name = "unrecord"
    verbose_name = "UN record"

    def ready(self):
        # Declares the models' access policies and their writes (README, "Confidentiality").
        from unrecord import access, services  # noqa: F401

from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "documents"

    def ready(self):
        # Declares the models' access policies, their writes (README, "Confidentiality") and
        # their look-alikes (core/duplicates.py).
        from documents import access, duplicates, services  # noqa: F401

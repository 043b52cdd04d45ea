from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "documents"

    def ready(self):
        # Declares the models' access policies and their writes (README, "Confidentiality").
        from documents import access, services  # noqa: F401

from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = "Directory"

    def ready(self):
        # Declares the models' access policies, their writes (README, "Confidentiality") and
        # their look-alikes (core/duplicates.py).
        from directory import access, duplicates, services  # noqa: F401
        from directory.two_factor.install import install

        install()

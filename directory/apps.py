from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = "Directory"

    def ready(self):
        # Declares the models' access policies and their writes (README, "Confidentiality").
        from directory import access, services  # noqa: F401
        from directory.two_factor.install import install

        install()

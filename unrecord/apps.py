from django.apps import AppConfig


class UnrecordConfig(AppConfig):
    name = "unrecord"
    verbose_name = "UN record"

"""The app config of core, the lowest layer: what every app shares (access policy, writes, API
machinery), and the tables that machinery keeps (the outbox of background work, the cache)."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"

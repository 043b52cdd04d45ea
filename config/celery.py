"""The Celery application: `celery -A config worker` and `celery -A config beat` (README,
"Background work"). Settings are Django's CELERY_* ones; tasks live in each app's tasks.py."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("plenary")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

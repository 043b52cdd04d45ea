"""Settings of the Celery workers the tests start (tests/tasks/conftest.py): Plenary's own, on the
test run's database, Redis keys and media folder, with mail written to files the test reads."""

import os

from config.settings import *  # noqa: F403

DATABASES["default"]["NAME"] = os.environ["PLENARY_TEST_DATABASE"]  # noqa: F405
MEDIA_ROOT = os.environ["PLENARY_TEST_MEDIA_ROOT"]
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ["PLENARY_TEST_MAIL_DIR"]
CELERY_TASK_DEFAULT_QUEUE = os.environ["PLENARY_TEST_QUEUE"]
CELERY_BROKER_TRANSPORT_OPTIONS = {
    # Keys of their own, so that runs and test processes never share a queue.
    "global_keyprefix": os.environ["PLENARY_TEST_KEY_PREFIX"],
    # A message a dead worker held comes back after seconds, not the production hour.
    "visibility_timeout": int(os.environ["PLENARY_TEST_VISIBILITY_TIMEOUT"]),
    "unacked_restore_interval": 1,
    "unacked_restore_throttle": 1,
}

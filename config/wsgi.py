"""WSGI entry point (gunicorn config.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

# The refusals read the settings, loaded by now.
from config.security import refuse_development_key, refuse_missing_identity_keys  # noqa: E402

refuse_development_key()
refuse_missing_identity_keys()

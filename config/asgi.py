"""ASGI entry point."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_asgi_application()

# The refusals read the settings, loaded by now.
from config.security import refuse_development_key, refuse_missing_identity_keys  # noqa: E402

refuse_development_key()
refuse_missing_identity_keys()

"""Plenary's settings: one module, every value read from the environment (see .env.example)."""

import sys
from datetime import timedelta
from pathlib import Path

import environ
from csp import constants as csp_constants

from config.development_identity_key import development_identity_keys

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)
# The fallback key only ever serves a local development server: the web entry points refuse it
# when debug is off (config/security.py), so production must set its own.
DEVELOPMENT_SECRET_KEY = "plenary-development-key-not-for-production"
SECRET_KEY = env("DJANGO_SECRET_KEY", default=DEVELOPMENT_SECRET_KEY)
# Protected identities are sealed at rest with these Fernet keys (core/sealed.py): the first
# seals, every one opens, so a rotation puts the new key first (manage.py rotate_identity_key).
# Unset, development and the tests use a key made once in var/identity.key; with debug off the
# web entry points refuse it (config/security.py), so production must set its own.
DEVELOPMENT_IDENTITY_KEYS = development_identity_keys(
    BASE_DIR / "var" / "identity.key", create=DEBUG or "pytest" in sys.modules
)
IDENTITY_KEYS = env.list("PLENARY_IDENTITY_KEYS", default=[]) or DEVELOPMENT_IDENTITY_KEYS
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "unfold",
    "unfold.contrib.filters",
    "unfold.contrib.import_export",  # the look of the spreadsheet import and export pages
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "pgtrigger",
    "pghistory",
    "rest_framework",
    "django_filters",
    "import_export",  # spreadsheets (CSV, Excel) in and out of the admin: core/spreadsheets.py
    "knox",
    # Two-factor authentication: authenticator apps (TOTP) and one-time recovery codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_celery_beat",
    "axes",  # failed logins counted, and refused past a limit (django-axes)
    # Plenary, from the public UN record up to the NGO's own work (see README, "Architecture"),
    # on core, what they share.
    "core",
    "unrecord",
    "directory",
    "campaigns",
    "advocacy",
    "documents",
    "intelligence",
    "desk",
    "dashboards",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "config.csp.PlenaryCSPMiddleware",  # every page Plenary renders; static files need none
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language of the browser (Accept-Language) picks how dates are written and read.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",  # request.user.is_verified(): passed a second factor
    "django.contrib.messages.middleware.MessageMiddleware",
    # A session that must pass a second factor reaches nothing else until it has.
    "directory.two_factor.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # After authentication, so that every history event records who made the change.
    "pghistory.middleware.HistoryMiddleware",
    # Last, as django-axes asks: turns a refused admin login into its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


def _database() -> dict:
    if env("DATABASE_URL", default=""):
        return env.db("DATABASE_URL")
    from config.embedded_db import embedded_database

    return embedded_database(
        data_dir=Path(env("PLENARY_PGDATA", default=str(BASE_DIR / "var" / "pgdata"))),
        name=env("PLENARY_DB_NAME", default="plenary"),
    )


DATABASES = {"default": _database()}
# A connection kept between requests: opening one costs more than most API requests do.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "directory.User"
# django-axes first: it refuses a locked-out login before any backend checks the password.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "directory.auth.RolePermissionBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "/admin/"
# Two-factor authentication (directory/two_factor): whoever may see protected identities must use
# it; with this setting, every user must.
PLENARY_2FA_REQUIRED_FOR_ALL = env.bool("PLENARY_2FA_REQUIRED_FOR_ALL", default=False)
OTP_TOTP_ISSUER = "Plenary"  # the name authenticator apps list the account under

# The languages a browser may ask for. Each reads dates in its own order of day and month or as
# ISO 8601, nothing else (config/formats/): 05/12/2026 is 5 December in en-gb, fr and es, and
# 12 May in en-us. Only a browser that asks for US English gets month first: any other English
# (en, en-AU, en-IE...) and any language not listed (de, pt...) get en-gb, day first as most of
# the world writes it, so a European date is never read as an American one.
LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", "English (UK)"), ("en-us", "English (US)"), ("fr", "Français"), ("es", "Español")]
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = env("TIME_ZONE", default="America/New_York")  # UN Headquarters
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env("PLENARY_MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))
# Vote files (unrecord/importer/source.py): the most a file may decompress to, and the longest
# line. The 1946-2019 file decompresses to 276 MB; its longest line is under 2 KB.
PLENARY_MAX_VOTE_FILE_MB = env.int("PLENARY_MAX_VOTE_FILE_MB", default=2048)
PLENARY_MAX_VOTE_LINE_KB = env.int("PLENARY_MAX_VOTE_LINE_KB", default=64)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed files need `collectstatic` first: the Docker image does it and sets this.
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env.bool("DJANGO_STATIC_MANIFEST", default=False)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000  # a vote event's read-only inline holds ~200 rows
# The largest document file (documents/uploads.py refuses a larger one beside its field). A request
# body over twice this is refused before it is read (core/uploads.py); files above 2.5 MB are
# spooled to a temporary file, never held in memory (Django's FILE_UPLOAD_MAX_MEMORY_SIZE).
PLENARY_MAX_UPLOAD_MB = env.int("PLENARY_MAX_UPLOAD_MB", default=25)
FILE_UPLOAD_HANDLERS = [
    "core.uploads.RefuseOversizedBodies",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# Behind HTTPS (DJANGO_HTTPS=true) everything an HTTPS deployment needs, so that
# `manage.py check --deploy` has nothing to warn of: cookies sent over HTTPS only, plain HTTP
# redirected, and HSTS. Behind a proxy that ends TLS, the header it names the scheme in.
HTTPS = env.bool("DJANGO_HTTPS", default=False)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=31_536_000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS and env.bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = HTTPS and env.bool("DJANGO_HSTS_PRELOAD", default=True)
if HTTPS and env("DJANGO_PROXY_SSL_HEADER", default=""):
    SECURE_PROXY_SSL_HEADER = (env("DJANGO_PROXY_SSL_HEADER"), "https")  # e.g. HTTP_X_FORWARDED_PROTO

# Content-Security-Policy (django-csp; config/csp.py): scripts and styles from Plenary's own origin
# only, never inline unless the page marked them with the request's nonce. Report-only first, to try
# it out behind a proxy that adds other pages (the browser console names what it would block).
PLENARY_CSP_DIRECTIVES = {
    "default-src": [csp_constants.SELF],
    "script-src": [csp_constants.SELF, csp_constants.NONCE],
    "style-src": [csp_constants.SELF, csp_constants.NONCE],
    "img-src": [csp_constants.SELF],
    "object-src": [csp_constants.NONE],
    "base-uri": [csp_constants.SELF],
    "form-action": [csp_constants.SELF],
    "frame-ancestors": [csp_constants.NONE],
}
if env.bool("PLENARY_CSP_REPORT_ONLY", default=False):
    CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": PLENARY_CSP_DIRECTIVES}
else:
    CONTENT_SECURITY_POLICY = {"DIRECTIVES": PLENARY_CSP_DIRECTIVES}

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
# SMTP (EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend): docker compose's mail catcher.
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Plenary <plenary@localhost>")
# Links in emails point here.
PLENARY_BASE_URL = env("PLENARY_BASE_URL", default="http://127.0.0.1:8000")


def cache_settings(url: str) -> dict:
    """One cache shared by every web, worker and beat process (throttles count across all of
    them): the database's table (made by core's migrations) unless `url` names another; a Redis
    one falls back to the table while Redis does not answer (core/cache.py)."""
    database = {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "plenary_cache"}
    default = env.cache_url_config(url) if url else {**database}
    if default["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
        default["BACKEND"] = "core.cache.FallbackCache"
        default["OPTIONS"] = {**default.get("OPTIONS", {}), "FALLBACK": "database"}
    return {"default": default, "database": database}


CACHES = cache_settings(env("CACHE_URL", default=""))

# Background work (config/celery.py; README, "Background work"). Without a broker, tasks run in
# the process that queues them, still only once its transaction has committed.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=CELERY_BROKER_URL or None)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
if CELERY_TASK_ALWAYS_EAGER:
    CELERY_BROKER_URL = "memory://localhost/"  # never used: only keeps Celery from guessing a broker
CELERY_TASK_EAGER_PROPAGATES = False  # in-process tasks retry and fail as in a worker (and log it)
CELERY_TASK_IGNORE_RESULT = True  # every task records its outcome in Plenary's own tables
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_QUEUE", default="plenary")
# A task is acknowledged when it has finished, not when it starts: a worker that dies mid-task
# leaves its message to be delivered again, so every task is written to be run twice safely.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Redis hands an unacknowledged message to another worker after this long: longer than any task.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600)}
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"

# History: pghistory's triggers (declared with core.history.tracked) record who changed what.
PGHISTORY_ADMIN_ALL_EVENTS = False
# Django's automatic many-to-many tables get no migration operations, so their history triggers
# are installed after every migrate instead.
PGTRIGGER_INSTALL_ON_MIGRATE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}

# Login throttling (README, "Security"). The client's address is the connection's, unless Plenary
# sits behind this many reverse proxies, each adding the address it saw to X-Forwarded-For: then it
# is the one the outermost proxy wrote. With none, the header is ignored (a client can write it).
PLENARY_TRUSTED_PROXIES = env.int("PLENARY_TRUSTED_PROXIES", default=0)
# django-axes: after this many failed logins, in the admin or the API, a username is refused from
# every address and an address for every username, correct password or not, until the cool-off
# has passed since the last counted failure (or `manage.py axes_reset`). Counted in the database,
# which every worker shares; attempts while locked are not counted, so they do not prolong it.
AXES_FAILURE_LIMIT = env.int("PLENARY_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("PLENARY_LOGIN_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # each on its own, not the pair
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# Failures only: axes's log of good logins would open a session for every API token login.
AXES_DISABLE_ACCESS_LOG = True
AXES_CLIENT_IP_CALLABLE = "directory.lockout.client_address"  # the API throttles' own rule
AXES_LOCKOUT_CALLABLE = "directory.lockout.lockout_response"

# The REST API (/api/v1/). See core/api.py for the pieces every endpoint shares.
API_MAX_PAGE_SIZE = 500
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # First, so that a request without credentials is answered 401 with WWW-Authenticate.
        # Scripts and notebooks: knox's expiring, revocable tokens, checked in one query.
        "directory.auth.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",  # the browsable API
    ],
    "DEFAULT_PERMISSION_CLASSES": ["core.api.PolicyPermission"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PARSER_CLASSES": [
        "core.api.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "core.api.CappedPageNumberPagination",
    "DEFAULT_RENDERER_CLASSES": [
        "core.api.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
        "core.api.PaginatedCSVRenderer",
    ],
    # X-Forwarded-For hops trusted (see PLENARY_TRUSTED_PROXIES): 0 reads REMOTE_ADDR only, where
    # DRF's default (None) would take the whole header, whatever the client wrote in it.
    "NUM_PROXIES": PLENARY_TRUSTED_PROXIES,
    # A counter per client and window, not DRF's list of every request's time (core/throttling.py).
    "DEFAULT_THROTTLE_CLASSES": ["core.throttling.AnonThrottle", "core.throttling.UserThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("API_THROTTLE_ANON", default="30/minute"),
        "user": env("API_THROTTLE_USER", default="6000/minute"),
        "login": env("API_THROTTLE_LOGIN", default="10/minute"),
    },
    # Operations grouped by resource and named for what they do (listRecordedVotes), in one place.
    "DEFAULT_SCHEMA_CLASS": "core.openapi.ResourceSchema",
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "core.api.ContentNegotiation",
    "EXCEPTION_HANDLER": "core.api.exception_handler",
}
REST_KNOX = {
    "TOKEN_TTL": timedelta(hours=env.int("API_TOKEN_TTL_HOURS", default=24 * 30)),
    "AUTO_REFRESH": False,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Plenary API",
    # The guide an analyst reads first on /api/docs/: signing in, pages, CSV, errors, recipes.
    "DESCRIPTION": (BASE_DIR / "core" / "api_guide.md").read_text(encoding="utf-8"),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI from drf-spectacular-sidecar's static files: nothing from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # A box that narrows the long page to one group, and each operation's name shown beside it
    # (the name a generated client gives it); links to an operation (#/Recorded votes/listRecordedVotes).
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "filter": True, "displayOperationId": True},
    # Every operation's errors (400, 401, 403, 404, 409, 415, 429) in the shape the API sends.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "core.openapi.document_errors",
        "core.openapi.describe_groups",
    ],
    # One name for a choice set that several fields share.
    "ENUM_NAME_OVERRIDES": {
        "PositionEnum": "advocacy.models.Position",
        "VoteChoiceEnum": "unrecord.models.VoteChoice",
        # Choice sets that share a field name ("kind", "status") with others: named, not hashed.
        "ThresholdKindEnum": "campaigns.models.Threshold.Kind",
        "VoteEventKindEnum": "unrecord.models.VoteEvent.Kind",
        "MemberStateStatusEnum": "unrecord.models.MemberState.Status",
    },
}

from config.unfold import UNFOLD  # noqa: E402,F401  (the admin theme's settings)

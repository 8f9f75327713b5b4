"""Configuration comes from the environment, with defaults that need nothing installed.

Settings modules are evaluated once per process, so each case runs Django in a fresh subprocess
with exactly the environment it describes.
"""

import json
import os
import stat
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from portal.env import env_bool, env_list, redis_db_url
from tests.conftest import REPO_ROOT

PRODUCTION_ENV = {
    "SECRET_KEY": "k" * 20 + "-production-test-secret-of-sufficient-length-0123456789",
    "ALLOWED_HOSTS": "mobilitas.example.org",
    "DATABASE_URL": "postgres://mobilitas@db.example.org:5432/mobilitas",
    "REDIS_URL": "redis://redis.example.org:6379",
}

INSPECT = """
import json, django
django.setup()
from django.conf import settings
print(json.dumps({name: getattr(settings, name, None) for name in %r}, default=str))
"""


def clean_env(tmp_path, **extra):
    """The current environment without any of our variables, plus ``extra``."""
    ours = {
        "DATABASE_URL",
        "REDIS_URL",
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "CELERY_BROKER_URL",
        "EMAIL_BACKEND",
        "DEBUG",
        "MEDIA_ROOT",
    }
    env = {k: v for k, v in os.environ.items() if k not in ours}
    env["MOBILITAS_VAR_DIR"] = str(tmp_path / "var")
    env.update(extra)
    return env


def run_python(code, env, settings_module="portal.settings.dev"):
    env = {**env, "DJANGO_SETTINGS_MODULE": settings_module}
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def read_settings(names, env, settings_module="portal.settings.dev"):
    result = run_python(INSPECT % (names,), env, settings_module)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def manage(args, env, settings_module):
    env = {**env, "DJANGO_SETTINGS_MODULE": settings_module}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


# The helpers themselves


def test_env_bool_reads_the_usual_spellings_and_rejects_the_rest(monkeypatch):
    for raw, expected in [("1", True), ("yes", True), ("On", True), ("0", False), ("", False)]:
        monkeypatch.setenv("FLAG", raw)
        assert env_bool("FLAG") is expected
    monkeypatch.setenv("FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="FLAG='maybe' is not a boolean"):
        env_bool("FLAG")


def test_env_list_splits_on_commas_and_drops_blanks(monkeypatch):
    monkeypatch.setenv("HOSTS", " a.example , ,b.example")
    assert env_list("HOSTS") == ["a.example", "b.example"]


def test_redis_db_url_replaces_any_database_number():
    assert redis_db_url("redis://h:6379", 1) == "redis://h:6379/1"
    assert redis_db_url("redis://:pw@h:6379/5", 0) == "redis://:pw@h:6379/0"
    with pytest.raises(ImproperlyConfigured):
        redis_db_url("http://h:6379", 0)


# The embedded default


def test_with_nothing_set_everything_lives_in_files_under_var(tmp_path):
    values = read_settings(
        [
            "DATABASES",
            "CELERY_BROKER_URL",
            "CELERY_BROKER_TRANSPORT_OPTIONS",
            "CACHES",
            "EMAIL_BACKEND",
            "EMAIL_FILE_PATH",
        ],
        clean_env(tmp_path),
    )
    var = str(tmp_path / "var")
    database = values["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert database["NAME"].startswith(var)
    assert values["CELERY_BROKER_URL"] == "filesystem://"
    assert values["CELERY_BROKER_TRANSPORT_OPTIONS"]["data_folder_in"].startswith(var)
    assert values["CACHES"]["default"]["LOCATION"].startswith(var)
    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.filebased.EmailBackend"
    assert values["EMAIL_FILE_PATH"] == f"{var}/mail"
    assert (tmp_path / "var" / "celery" / "queue").is_dir()


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(tmp_path):
    """Web, worker and beat write to one SQLite file; without WAL and a timeout they lock out."""
    code = (
        "import django; django.setup()\n"
        "from django.db import connection\n"
        "with connection.cursor() as c:\n"
        "    c.execute('PRAGMA journal_mode'); mode = c.fetchone()[0]\n"
        "    c.execute('PRAGMA busy_timeout'); timeout = c.fetchone()[0]\n"
        "print(mode, timeout, connection.transaction_mode)\n"
    )
    result = run_python(code, clean_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["wal", "20000", "IMMEDIATE"]


def test_dev_generates_its_own_secret_once_and_keeps_it_private(tmp_path):
    env = clean_env(tmp_path)
    first = read_settings(["SECRET_KEY"], env)["SECRET_KEY"]
    second = read_settings(["SECRET_KEY"], env)["SECRET_KEY"]
    secret_file = tmp_path / "var" / "secret_key"
    assert first == second == secret_file.read_text().strip()
    assert len(first) >= 50
    assert stat.S_IMODE(secret_file.stat().st_mode) == 0o600


def test_dev_takes_the_secret_from_the_environment_when_given(tmp_path):
    env = clean_env(tmp_path, SECRET_KEY="from-the-environment")
    assert read_settings(["SECRET_KEY"], env)["SECRET_KEY"] == "from-the-environment"
    assert not (tmp_path / "var" / "secret_key").exists()


# With services


def test_redis_url_puts_cache_and_broker_on_separate_databases(tmp_path):
    values = read_settings(
        ["CACHES", "CELERY_BROKER_URL"], clean_env(tmp_path, REDIS_URL="redis://r.example:6379")
    )
    cache = values["CACHES"]["default"]
    assert cache["BACKEND"] == "django_redis.cache.RedisCache"
    assert cache["LOCATION"] == "redis://r.example:6379/0"
    assert cache["OPTIONS"]["IGNORE_EXCEPTIONS"] is True
    assert values["CELERY_BROKER_URL"] == "redis://r.example:6379/1"


def test_database_url_selects_postgresql_with_health_checks(tmp_path):
    values = read_settings(
        ["DATABASES"], clean_env(tmp_path, DATABASE_URL="postgres://u:p@db.example:5433/mobi")
    )
    database = values["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["HOST"], database["PORT"], database["NAME"]) == ("db.example", 5433, "mobi")
    assert database["CONN_HEALTH_CHECKS"] is True


def test_a_redis_outage_slows_the_cache_but_never_breaks_a_request(tmp_path):
    """Port 1 on loopback refuses connections: the cache must answer 'miss', not raise."""
    code = (
        "import django; django.setup()\n"
        "from django.core.cache import cache\n"
        "cache.set('key', 'value')\n"
        "print(repr(cache.get('key')))\n"
    )
    result = run_python(code, clean_env(tmp_path, REDIS_URL="redis://127.0.0.1:1"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "None"


@pytest.mark.redis
def test_the_cache_really_uses_redis_database_zero(tmp_path, redis_url):
    import redis

    code = (
        "import django; django.setup()\n"
        "from django.core.cache import cache\n"
        "cache.set('settings-test-key', 'stored', 60)\n"
        "print(cache.get('settings-test-key'))\n"
    )
    result = run_python(code, clean_env(tmp_path, REDIS_URL=redis_url))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "stored"
    keys = redis.Redis.from_url(redis_db_url(redis_url, 0)).keys("mobilitas:*settings-test-key")
    assert keys, "the key is not in Redis database 0"


# Production


def test_production_passes_check_deploy_without_a_single_warning(tmp_path):
    result = manage(
        ["check", "--deploy", "--fail-level", "WARNING"],
        clean_env(tmp_path, **PRODUCTION_ENV),
        "portal.settings.production",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_hardens_cookies_transport_and_static_files(tmp_path):
    values = read_settings(
        [
            "DEBUG",
            "SECURE_SSL_REDIRECT",
            "SESSION_COOKIE_SECURE",
            "CSRF_COOKIE_SECURE",
            "SECURE_HSTS_SECONDS",
            "SECURE_CONTENT_TYPE_NOSNIFF",
            "SECURE_REFERRER_POLICY",
            "MIDDLEWARE",
            "STORAGES",
            "MOBILITAS_DEMO_ALLOWED",
            "SECURE_PROXY_SSL_HEADER",
        ],
        clean_env(tmp_path, **PRODUCTION_ENV),
        "portal.settings.production",
    )
    assert values["DEBUG"] is False
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SESSION_COOKIE_SECURE"] is values["CSRF_COOKIE_SECURE"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 31536000
    assert values["SECURE_CONTENT_TYPE_NOSNIFF"] is True
    assert values["SECURE_REFERRER_POLICY"] == "same-origin"
    assert "whitenoise.middleware.WhiteNoiseMiddleware" in values["MIDDLEWARE"]
    assert "Manifest" in values["STORAGES"]["staticfiles"]["BACKEND"]
    assert values["MOBILITAS_DEMO_ALLOWED"] is False
    assert values["SECURE_PROXY_SSL_HEADER"] is None


def test_production_behind_a_proxy_trusts_its_scheme_header(tmp_path):
    values = read_settings(
        ["SECURE_PROXY_SSL_HEADER", "SECURE_SSL_REDIRECT"],
        clean_env(tmp_path, BEHIND_PROXY="1", SECURE_SSL_REDIRECT="0", **PRODUCTION_ENV),
        "portal.settings.production",
    )
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["SECURE_SSL_REDIRECT"] is False


@pytest.mark.parametrize(
    ("missing", "message"),
    [("SECRET_KEY", "SECRET_KEY must be set"), ("ALLOWED_HOSTS", "ALLOWED_HOSTS must list")],
)
def test_production_refuses_to_start_without_its_secrets(tmp_path, missing, message):
    env = clean_env(tmp_path, **{k: v for k, v in PRODUCTION_ENV.items() if k != missing})
    result = manage(["check"], env, "portal.settings.production")
    assert result.returncode != 0
    assert message in result.stderr

"""Reading configuration from the environment.

Every deployment knob lives in an environment variable so that the same code runs as the embedded
demo, in CI and in production; these helpers turn the strings the environment holds into the types
the settings need, and fail loudly on values they cannot read rather than guessing.
"""

import os
from urllib.parse import urlsplit, urlunsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean; use 1/0, true/false, yes/no.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from exc


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


def redis_db_url(base_url: str, db: int) -> str:
    """Return ``base_url`` pointed at Redis database ``db``.

    One ``REDIS_URL`` names the server; the cache and the Celery broker each get their own
    database on it so that flushing the cache can never drop queued tasks.
    """
    parts = urlsplit(base_url)
    if parts.scheme not in {"redis", "rediss"}:
        raise ImproperlyConfigured(
            f"REDIS_URL must start with redis:// or rediss://, not {parts.scheme or 'nothing'}."
        )
    return urlunsplit((parts.scheme, parts.netloc, f"/{db}", parts.query, ""))

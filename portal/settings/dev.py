"""The embedded default: what ``make demo`` and a developer's ``manage.py`` run."""

from django.core.management.utils import get_random_secret_key

from .base import *


def _local_secret_key() -> str:
    """Read this checkout's own secret, generating it on first use, so none is ever committed."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(get_random_secret_key())
        path.chmod(0o600)
    return path.read_text().strip()


INSTALLED_APPS = installed_apps_with("demo", "bench")
DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env_str("SECRET_KEY") or _local_secret_key()
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")

# Where the embedded default is served (``make demo``, Procfile.dev): the base of links in emails,
# and, through ``load_demo``, the address of the demo's Site in the sitemap, feeds and API.
MOBILITAS_PORT = env_int("MOBILITAS_PORT", 8000)
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", f"http://127.0.0.1:{MOBILITAS_PORT}")

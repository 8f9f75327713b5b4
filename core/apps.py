from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The rules every part of the site obeys (see docs/architecture.md): who may see what,
    project membership, per-user caching, notifications, page permissions and file access.

    Feature apps import from here; nothing here imports a feature app.
    """

    name = "core"
    verbose_name = _("Core")

    def ready(self):
        from core.caching import connect_signals

        connect_signals()

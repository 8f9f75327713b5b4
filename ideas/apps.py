from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdeasConfig(AppConfig):
    name = "ideas"
    verbose_name = _("Ideas")

    def ready(self):
        # The views register themselves as the answers to the idea pages' routes (ideas.routes).
        from ideas import feeds, views  # noqa: F401

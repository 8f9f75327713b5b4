from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EuropassConfig(AppConfig):
    name = "europass"
    verbose_name = _("Europass Mobility")

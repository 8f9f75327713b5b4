from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FinalReportConfig(AppConfig):
    name = "final_report"
    verbose_name = _("Final report")

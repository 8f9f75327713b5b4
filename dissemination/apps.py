from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisseminationConfig(AppConfig):
    name = "dissemination"
    verbose_name = _("Dissemination")

    def ready(self):
        from dissemination.review_emails import replace_wagtail_handlers

        replace_wagtail_handlers()

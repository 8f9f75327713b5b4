from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfoliosConfig(AppConfig):
    name = "portfolios"
    verbose_name = _("Portfolios")

    def ready(self):
        # wagtail.permissions registers Wagtail's own page policy when first imported; import it
        # first so that ours, registered after it, is the one every admin view looks up.
        import wagtail.permissions
        from wagtail.models import AbstractPage

        from portfolios.permissions import PortfolioPagePermissionPolicy

        wagtail.permissions.register_permission_policy(
            AbstractPage, PortfolioPagePermissionPolicy()
        )

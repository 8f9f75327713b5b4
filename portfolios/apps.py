from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfoliosConfig(AppConfig):
    name = "portfolios"
    verbose_name = _("Portfolios")

    def ready(self):
        """Tell the core which pages are personal (a participant's portfolio and the entries
        under it) and how share links open them: its page permission policy, its file access and
        the hub's list of portfolios work from this (see ``core.personal``)."""
        from core.personal import ShareLinks, register_personal_pages, register_share_links
        from portfolios import sharing
        from portfolios.models import EntryPage, PortfolioPage

        register_personal_pages(PortfolioPage, EntryPage)
        register_share_links(
            ShareLinks(
                opened_by=sharing.portfolio_ids_shared_with, shows=sharing.shown_by_share_links
            )
        )

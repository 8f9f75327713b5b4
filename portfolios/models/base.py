"""What every page of a portfolio shares: the visibility rule serves it, its owner edits it.

Page tree: MobilityProjectPage → PortfolioPage (one per participant,
``portfolios.models.portfolio``) → entry pages (``portfolios.models.entries``).
"""

from wagtail.models import Page

from core.caching import CachedViewRestrictionsMixin
from core.querysets import GovernedPageManager
from core.visibility import VisibilityCheckedMixin


class VisibilityCheckedPage(VisibilityCheckedMixin, CachedViewRestrictionsMixin, Page):
    """A portfolio page: served as the visibility rule says, edited as its owner's."""

    # ``PortfolioPage.objects.of_project(hub).visible_to(user)``; every subclass, each entry
    # type included, inherits the manager (``core.querysets``).
    objects = GovernedPageManager()

    class Meta:
        abstract = True

    def portfolio_participant_id(self):
        raise NotImplementedError

    def permissions_for_user(self, user):
        from core.permissions import PersonalPagePermissionTester as PortfolioPermissionTester

        return PortfolioPermissionTester(user, self, self.portfolio_participant_id())

    # A participant publishes their own portfolio and entries. The site's moderation workflow,
    # set on the root for public pages, would also offer them "Submit to Moderators approval",
    # sending editors material they may not even open.
    @property
    def has_workflow(self):
        return False

    def get_workflow(self):
        return None

"""The portfolios app's panels on the Wagtail dashboard, registered from
``portfolios.wagtail_hooks``.

A participant's panel (their portfolios and what to do next) is shown only to someone who keeps
a portfolio, and goes first: for a participant, writing in their portfolio is what the admin is
for. A coordinator's panel shows each project they coordinate in figures, with the way to its
full overview (``portfolios.overview``).
"""

from django.urls import reverse
from wagtail.admin.ui.components import Component

from portfolios.overview import project_summaries
from portfolios.views.own import add_entry_links, own_portfolios


class ParticipantPanel(Component):
    name = "participant_portfolios"
    template_name = "portfolios/admin/participant_panel.html"
    order = 50

    def __init__(self, portfolios):
        self.portfolios = portfolios

    @classmethod
    def for_user(cls, user):
        # Each portfolio once, in the admin's language where it has been translated.
        portfolios = list(own_portfolios(user))
        return cls(portfolios) if portfolios else None

    def get_context_data(self, parent_context):
        return {
            "portfolios": [
                {
                    "page": portfolio,
                    "edit_url": reverse("wagtailadmin_pages:edit", args=[portfolio.pk]),
                    "entries_url": reverse("wagtailadmin_explore", args=[portfolio.pk]),
                    "add_entry_links": add_entry_links(portfolio),
                }
                for portfolio in self.portfolios
            ],
            "log_practice_url": reverse("portfolios:log_practice"),
            "practice_log_url": reverse("practice_log:index"),
            "my_portfolio_url": reverse("portfolios:my_portfolio"),
        }


class CoordinatedProjectsPanel(Component):
    name = "coordinated_projects"
    template_name = "portfolios/admin/coordinated_projects_panel.html"
    # Above Wagtail's own panels: following their projects is what coordinators come here for.
    order = 90

    def __init__(self, projects):
        self.projects = projects

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["summaries"] = project_summaries(self.projects)
        return context

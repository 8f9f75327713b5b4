"""The coordinators' panel on the Wagtail dashboard: each project they coordinate in figures,
with the way to its full overview (``portfolios.overview``).

Registered from ``portfolios.wagtail_hooks``.
"""

from wagtail import hooks
from wagtail.admin.ui.components import Component

from portfolios.overview import coordinated_projects, project_summaries


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


@hooks.register("construct_homepage_panels")
def add_coordinated_projects_panel(request, panels):
    projects = coordinated_projects(request.user)
    if projects:
        panels.append(CoordinatedProjectsPanel(projects))

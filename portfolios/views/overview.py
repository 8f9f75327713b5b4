"""The coordinators' project overview page, under /my/projects/<hub id>/overview/.

The figures come from ``portfolios.overview``; only the project's coordinators and superusers
get the page, everyone else the same 404 as for an address that does not exist.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from portfolios.overview import may_see_overview, project_in_active_language, project_overview
from portfolios.views.responses import private_response


@login_required
def project_overview_page(request, project_pk):
    hub = project_in_active_language(project_pk)
    if hub is None or not may_see_overview(request.user, hub):
        raise Http404
    overview = project_overview(hub)
    context = {
        "overview": overview,
        "hub": overview.hub,
        "time_zone": overview.hub.time_zone,
    }
    return private_response(render(request, "portfolios/project_overview.html", context))

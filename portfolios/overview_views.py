"""The coordinators' project overview page, under /my/projects/<hub id>/overview/.

The figures come from ``portfolios.overview``; only the project's coordinators and superusers
get the page, everyone else the same 404 as for an address that does not exist.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from home.models import MobilityProjectPage
from portfolios.overview import hub_in_active_language, may_see_overview, project_overview
from portfolios.views import private_response


@login_required
def project_overview_page(request, project_pk):
    hub = get_object_or_404(MobilityProjectPage, pk=project_pk)
    if not may_see_overview(request.user, hub):
        raise Http404
    overview = project_overview(hub_in_active_language(hub))
    context = {
        "overview": overview,
        "hub": overview.hub,
        "time_zone": overview.hub.time_zone,
    }
    return private_response(render(request, "portfolios/project_overview.html", context))

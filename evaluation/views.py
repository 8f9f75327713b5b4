"""The participant's page for rating the project's objectives (``/my/projects/<id>/objectives/``).

Only a participant of the project opens it (anyone else gets a 404, as for the overview, so the
address reveals nothing), and only once the mobility has started on the project's wall clock.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.visibility import Audience
from evaluation.forms import ObjectiveRatingForm
from evaluation.results import mobility_started
from portfolios.overview import project_in_active_language
from portfolios.views.responses import posted_data, private_response


def participates_in(user, hub) -> bool:
    """Is ``user`` a participant (not a coordinator) of ``hub``'s project?"""
    audience = Audience.of(user)
    key = hub.translation_key
    return key in audience.member_of and key not in audience.coordinator_of


def rating_hub(user, project_pk):
    """The live hub (in the reader's language) whose objectives ``user`` may rate, or a 404."""
    hub = project_in_active_language(project_pk)
    if hub is None or not hub.live or not participates_in(user, hub):
        raise Http404
    return hub


@login_required
@require_http_methods(["GET", "POST"])
def rate_objectives(request, project_pk):
    hub = rating_hub(request.user, project_pk)
    objectives = hub.objectives.order_by("number")
    started = mobility_started(hub)
    form = ObjectiveRatingForm(
        posted_data(request) if started else None,
        hub=hub,
        participant=request.user,
        objectives=objectives,
    )
    if started and form.is_valid():
        form.save()
        messages.success(request, _("Thank you: your ratings of the objectives are saved."))
        return redirect("evaluation:rate_objectives", project_pk=hub.pk)
    context = {
        "hub": hub,
        "form": form,
        "started": started,
        "starts": date_format(hub.start_date),
    }
    # Rating before the mobility has started is refused, and nothing is saved.
    status = 403 if request.method == "POST" and not started else 200
    return private_response(
        render(request, "evaluation/rate_objectives.html", context, status=status)
    )

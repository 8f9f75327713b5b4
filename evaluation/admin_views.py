"""The coordinator's evaluation of the project's objectives, in the Wagtail admin.

``/admin/evaluation/`` lists the projects the user may evaluate; ``/admin/evaluation/<hub>/``
shows each objective with its evidence (everything the coordinator may see, private material
included, since this page is theirs alone), the participants' ratings and the evaluation so far;
``/admin/evaluation/<hub>/<number>/`` is the form for one objective, with the same beside it.
Anyone but the project's coordinators and superusers gets a 404 for a project's pages.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from evaluation.evidence import evidence_for
from evaluation.forms import ObjectiveEvaluationForm
from evaluation.models import ObjectiveEvaluation
from evaluation.permissions import may_evaluate, may_evaluate_any
from evaluation.results import evaluations_by_number, ratings_by_number
from home.models import MobilityProjectPage, ProjectObjective


def evaluable_hub(user, hub_pk):
    hub = MobilityProjectPage.objects.filter(pk=hub_pk).first()
    if hub is None or not may_evaluate(user, hub):
        raise Http404
    return hub


def projects_index(request):
    if not may_evaluate_any(request.user):
        raise PermissionDenied
    hubs = MobilityProjectPage.objects.select_related("locale").order_by("-start_date", "title")
    hubs = [hub for hub in hubs if may_evaluate(request.user, hub)]
    return TemplateResponse(
        request,
        "evaluation/admin/projects.html",
        {"hubs": hubs, "header_title": _("Objectives evaluation"), "header_icon": "tasks"},
    )


def _rows(hub, user):
    evaluations = evaluations_by_number(hub)
    ratings = ratings_by_number(hub)
    return [
        {
            "objective": evidence.objective,
            "evidence": evidence,
            "evaluation": evaluations.get(evidence.objective.number),
            "ratings": ratings.get(evidence.objective.number, []),
        }
        for evidence in evidence_for(hub, user)
    ]


def project_evaluation(request, hub_pk):
    hub = evaluable_hub(request.user, hub_pk)
    title = _("Evaluate the objectives of “%(title)s”") % {"title": hub.title}
    return TemplateResponse(
        request,
        "evaluation/admin/project.html",
        {
            "hub": hub,
            "rows": _rows(hub, request.user),
            "header_title": title,
            "header_icon": "tasks",
        },
    )


@require_http_methods(["GET", "POST"])
def evaluate_objective(request, hub_pk, number):
    hub = evaluable_hub(request.user, hub_pk)
    objective = ProjectObjective.objects.filter(page=hub, number=number).first()
    if objective is None:
        raise Http404
    evaluation = ObjectiveEvaluation.objects.filter(objective=objective).first()
    # A form for this translation of the hub: its narrative is in this hub's language. What
    # another translation has says what to start from.
    initial = {}
    if evaluation is None:
        elsewhere = evaluations_by_number(hub).get(number)
        if elsewhere is not None:
            initial = {"status": elsewhere.status}
    form = ObjectiveEvaluationForm(
        request.POST if request.method == "POST" else None,
        instance=evaluation or ObjectiveEvaluation(objective=objective),
        initial=initial,
    )
    if form.is_valid():
        saved = form.save(commit=False)
        saved.evaluated_by = request.user
        try:
            with transaction.atomic():
                saved.save()
        except IntegrityError:
            # Someone else evaluated this objective while the form was open.
            form.add_error(
                None,
                _("This objective was evaluated meanwhile. Reload the page and try again."),
            )
        else:
            messages.success(
                request, _("Objective %(number)s is evaluated.") % {"number": objective.number}
            )
            return redirect("evaluation_project", hub.pk)
    row = next(row for row in _rows(hub, request.user) if row["objective"].pk == objective.pk)
    title = _("Evaluate objective %(number)s") % {"number": objective.number}
    return TemplateResponse(
        request,
        "evaluation/admin/objective.html",
        {
            "hub": hub,
            "row": row,
            "form": form,
            "header_title": title,
            "header_icon": "tasks",
        },
        status=400 if form.errors else 200,
    )

"""The objectives' evidence and evaluation for templates of other apps (the hub, the overview,
My portfolio, the coordinator's digest), which may not import this app."""

from django import template
from django.urls import reverse

from evaluation.evidence import objectives_without_evidence
from evaluation.models import EvaluationStatus
from evaluation.results import mobility_started, mobility_under_way, objective_results
from evaluation.views import participates_in

register = template.Library()


@register.simple_tag
def evaluation_status_label(status):
    """The label of an evaluation status code, in the reader's language."""
    return EvaluationStatus(status).label if status in EvaluationStatus.values else status


@register.simple_tag
def public_objective_results(hub):
    """Each objective of ``hub`` with its public evidence and its evaluation: what any visitor
    may read, so that the page can be cached for all of them."""
    return objective_results(hub)


@register.simple_tag
def objectives_lacking_evidence(hub, user):
    """During the mobility, the objectives of ``hub`` that nothing ``user`` (a coordinator)
    may see serves yet; outside it, none."""
    if hub is None or not mobility_under_way(hub):
        return []
    return objectives_without_evidence(hub, user)


@register.simple_tag
def rate_objectives_url(hub, user):
    """Where ``user`` rates the objectives of ``hub``, once the mobility has started, if they
    take part in it; else an empty string."""
    if hub is None or not participates_in(user, hub) or not mobility_started(hub):
        return ""
    return reverse("evaluation:rate_objectives", kwargs={"project_pk": hub.pk})

"""Each objective of a project with its evidence and its evaluation: what the hub, the results
page, the API and the coordinator's admin show.

An evaluation is written per translation of the hub (its narrative is in that language); where
the hub being read has none yet for an objective, the one written in another translation for the
objective of the same number stands in, so that evaluating once shows everywhere.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from evaluation.evidence import ObjectiveEvidence, evidence_for
from evaluation.models import ObjectiveEvaluation, ObjectiveRating


@dataclass
class ObjectiveResult:
    evidence: ObjectiveEvidence
    evaluation: ObjectiveEvaluation | None

    @property
    def objective(self):
        return self.evidence.objective


def evaluations_by_number(hub) -> dict:
    """The evaluation of each objective number of ``hub``'s project, this translation's first."""
    rows = ObjectiveEvaluation.objects.filter(
        objective__page__translation_key=hub.translation_key
    ).select_related("objective", "evaluated_by")
    chosen = {}
    for evaluation in sorted(rows, key=lambda row: (row.objective.page_id != hub.pk, row.pk)):
        chosen.setdefault(evaluation.objective.number, evaluation)
    return chosen


def objective_results(hub, user=None) -> list[ObjectiveResult]:
    """The objectives of ``hub`` with their evidence as ``user`` may see it (public material
    for ``None``) and their evaluation, in a fixed number of queries."""
    evaluations = evaluations_by_number(hub)
    return [
        ObjectiveResult(evidence, evaluations.get(evidence.objective.number))
        for evidence in evidence_for(hub, user)
    ]


def ratings_by_number(hub) -> dict:
    """Every participant's rating of each objective number of ``hub``'s project, whichever
    translation of the hub it was given in: for the coordinator, never shown publicly."""
    rows = (
        ObjectiveRating.objects.filter(objective__page__translation_key=hub.translation_key)
        .select_related("objective", "participant")
        .order_by("participant__first_name", "participant__last_name", "participant__username")
    )
    ratings = {}
    for rating in rows:
        ratings.setdefault(rating.objective.number, []).append(rating)
    return ratings


def project_today(hub) -> datetime.date:
    """Today on the project's wall clock."""
    return timezone.localtime(timezone.now(), hub.time_zone).date()


def mobility_started(hub) -> bool:
    return project_today(hub) >= hub.start_date


def mobility_under_way(hub) -> bool:
    return hub.start_date <= project_today(hub) <= hub.end_date

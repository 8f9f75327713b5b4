"""The objectives' evaluation as a section of the project's results page.

The results compile gathers its sections through the ``compile_results_sections`` Wagtail hook
as well as its own, so that it imports no app that adds one. Like every section, this one is
plain JSON-ready data (codes, not labels) from public material only: the evaluation the
coordinator wrote (never the participants' ratings) and the count of public evidence.
"""

from evaluation.results import objective_results


def evaluation_section(hub, locale=None) -> dict:
    return {
        "evaluation": [
            {
                "number": result.objective.number,
                "status": result.evaluation.status if result.evaluation else None,
                "summary": result.evaluation.summary if result.evaluation else "",
                "evidence": result.evidence.total,
            }
            for result in objective_results(hub)
        ]
    }

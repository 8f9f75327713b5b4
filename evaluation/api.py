"""The hub's ``objectives`` in the public API (``/api/v2/pages/<hub id>/``).

The API answers everyone as an anonymous visitor, so the evidence counted is public evidence
only, and the ratings of participants never appear.
"""

from rest_framework.fields import Field


def objectives_of(hub) -> list[dict]:
    from evaluation.results import objective_results

    return [
        {
            "number": result.objective.number,
            "text": result.objective.text,
            "kind": result.objective.kind,
            "evidence": result.evidence.total,
            "evaluation": (
                {"status": result.evaluation.status, "summary": result.evaluation.summary}
                if result.evaluation is not None
                else None
            ),
        }
        for result in objective_results(hub)
    ]


class ObjectivesField(Field):
    """Serialises a whole hub into its list of objectives (use with ``source="*"``)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, hub):
        return objectives_of(hub)

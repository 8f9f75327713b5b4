"""How far each objective of a project was achieved: each participant's rating, and the
coordinator's evaluation that the hub, the results page and the API show.

An objective belongs to one translation of a hub; its translations share its number. A rating is
one per participant and objective *number* (the form updates the rating given in another language
rather than adding a second); an evaluation is written per translation, since its narrative is in
that translation's language.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EvaluationStatus(models.TextChoices):
    ACHIEVED = "achieved", _("Achieved")
    PARTLY_ACHIEVED = "partly_achieved", _("Partly achieved")
    NOT_ACHIEVED = "not_achieved", _("Not achieved")


class ObjectiveRating(models.Model):
    """A participant's own answer to "did we reach this objective?", with one sentence why."""

    objective = models.ForeignKey(
        "home.ProjectObjective",
        on_delete=models.CASCADE,
        related_name="ratings",
        verbose_name=_("objective"),
    )
    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="objective_ratings",
        verbose_name=_("participant"),
    )
    status = models.CharField(_("rating"), max_length=20, choices=EvaluationStatus.choices)
    comment = models.CharField(
        _("comment"),
        max_length=300,
        blank=True,
        help_text=_("One sentence: what shows it?"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("objective rating")
        verbose_name_plural = _("objective ratings")
        ordering = ["objective__number", "participant__last_name", "participant__username"]
        constraints = [
            models.UniqueConstraint(
                fields=["objective", "participant"], name="one_rating_per_objective_and_participant"
            )
        ]

    def __str__(self):
        return f"{self.objective.number}. {self.participant} – {self.get_status_display()}"


class ObjectiveEvaluation(models.Model):
    """The project's evaluation of one objective, written by its coordinator at the end."""

    objective = models.OneToOneField(
        "home.ProjectObjective",
        on_delete=models.CASCADE,
        related_name="evaluation",
        verbose_name=_("objective"),
    )
    status = models.CharField(_("evaluation"), max_length=20, choices=EvaluationStatus.choices)
    summary = models.TextField(_("summary"), max_length=4000, blank=True)
    evaluated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("evaluated by"),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("objective evaluation")
        verbose_name_plural = _("objective evaluations")

    def __str__(self):
        return f"{self.objective} – {self.get_status_display()}"

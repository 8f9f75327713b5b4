"""The English-practice log: plain rows, cheap to add from a phone, many per participant."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.querysets import GovernedQuerySet
from core.visibility import VisibilityRule

EARLIEST_PRACTICE_DATE = datetime.date(2000, 1, 1)


class PracticeLogEntry(models.Model):
    class Skill(models.TextChoices):
        LISTENING = "listening", _("Listening")
        READING = "reading", _("Reading")
        SPOKEN_INTERACTION = "spoken_interaction", _("Spoken interaction")
        SPOKEN_PRODUCTION = "spoken_production", _("Spoken production")
        WRITING = "writing", _("Writing")

    class Activity(models.TextChoices):
        CONVERSATION = "conversation", _("Conversation")
        SEMINAR = "seminar", _("Seminar")
        READING = "reading", _("Reading")
        WRITING = "writing", _("Writing")
        OTHER = "other", _("Other")

    class Level(models.TextChoices):
        A1 = "A1", "A1"
        A2 = "A2", "A2"
        B1 = "B1", "B1"
        B2 = "B2", "B2"
        C1 = "C1", "C1"
        C2 = "C2", "C2"

    portfolio = models.ForeignKey(
        "portfolios.PortfolioPage",
        on_delete=models.CASCADE,
        related_name="practice_log",
        verbose_name=_("portfolio"),
    )
    date = models.DateField(_("date"))
    minutes = models.PositiveSmallIntegerField(
        _("minutes"), validators=[MinValueValidator(1), MaxValueValidator(600)]
    )
    skill = models.CharField(_("skill"), max_length=30, choices=Skill.choices)
    activity = models.CharField(_("activity"), max_length=30, choices=Activity.choices)
    level = models.CharField(_("self-assessed level"), max_length=2, choices=Level.choices)
    note = models.TextField(_("note"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = GovernedQuerySet.as_manager()

    # The whole log shares one setting, kept on the portfolio.
    visibility_rule = VisibilityRule(
        levels=("portfolio__practice_log_visibility",),
        owner="portfolio__participant",
        project_key="portfolio__project__translation_key",
    )

    class Meta:
        verbose_name = _("English practice")
        verbose_name_plural = _("English practice log")
        ordering = ["-date", "-created_at"]
        indexes = [models.Index(fields=["portfolio", "date"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(minutes__gte=1, minutes__lte=600),
                name="practice_minutes_between_1_and_600",
            )
        ]

    def __str__(self):
        return f"{self.date} · {self.get_skill_display()} · {self.minutes} min"

    def clean(self):
        super().clean()
        if self.date and not (
            EARLIEST_PRACTICE_DATE <= self.date <= datetime.date.today() + datetime.timedelta(1)
        ):
            raise ValidationError({"date": _("Enter a date between 2000 and today.")})

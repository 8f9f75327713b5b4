"""The final report a coordinator owes the national agency: the budget's actuals they fill in, and
each build of the report (one per project and language) with its progress and files.

Both belong to the project, not to one translation of its hub: they point at the hub in the
site's default language where it exists (``canonical_hub``), whichever translation the
coordinator started from.
"""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Sum
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale


def canonical_hub(hub):
    """The translation of ``hub`` the project's report data hangs on: the one in the default
    language if there is one, else ``hub`` itself."""
    default = Locale.get_default()
    if hub.locale_id == default.pk:
        return hub
    return hub.get_translation_or_none(default) or hub


class BudgetLine(models.Model):
    """One line of the project's budget summary: what was planned for a category of costs and
    what was spent, as the coordinator reports it."""

    class Category(models.TextChoices):
        TRAVEL = "travel", _("Travel")
        SUBSISTENCE = "subsistence", _("Subsistence (individual support)")
        ORGANISATION = "organisation", _("Organisation of the mobility")
        PREPARATION = "preparation", _("Linguistic, cultural and pedagogical preparation")
        COURSE_FEES = "course_fees", _("Course fees")
        SPECIAL_NEEDS = "special_needs", _("Special needs support")
        EXCEPTIONAL = "exceptional", _("Exceptional costs")
        OTHER = "other", _("Other")

    hub = models.ForeignKey(
        "home.MobilityProjectPage",
        on_delete=models.CASCADE,
        related_name="budget_lines",
        verbose_name=_("project"),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    planned_eur = models.DecimalField(
        _("planned (EUR)"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )
    actual_eur = models.DecimalField(
        _("actual (EUR)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Leave empty until the costs are known."),
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["hub", "sort_order", "pk"]

    def __str__(self):
        return f"{self.get_category_display()}: {self.planned_eur} EUR"

    @property
    def difference_eur(self):
        """Planned minus actual; None while the actual cost is unknown."""
        return None if self.actual_eur is None else self.planned_eur - self.actual_eur


def budget_totals(lines):
    """Planned and actual totals of ``lines`` (a queryset); actual counts the known costs."""
    totals = lines.aggregate(planned=Sum("planned_eur"), actual=Sum("actual_eur"))
    return totals["planned"], totals["actual"]


class FinalReportBuild(models.Model):
    """The latest build of the final report of a project in one language: queued by a
    coordinator, made by a worker (``final_report.tasks``), its progress shown while it runs."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Being built")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    hub = models.ForeignKey(
        "home.MobilityProjectPage",
        on_delete=models.CASCADE,
        related_name="final_report_builds",
        verbose_name=_("project"),
    )
    # One of settings.LANGUAGES, which the view checks; not choices, so that adding a language
    # to the site needs no migration here.
    language = models.CharField(_("language"), max_length=10)
    state = models.CharField(_("state"), max_length=10, choices=State.choices)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    step = models.CharField(_("step"), max_length=255, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    queued_at = models.DateTimeField(_("queued"), null=True, blank=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    # Names in default storage, under a private folder (``final_report.build.ROOT``).
    docx_name = models.CharField(_("DOCX file"), max_length=255, blank=True)
    pdf_name = models.CharField(_("PDF file"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("final report build")
        verbose_name_plural = _("final report builds")
        constraints = [
            models.UniqueConstraint(
                fields=["hub", "language"], name="one_final_report_per_project_and_language"
            )
        ]

    def __str__(self):
        return f"{self.hub} ({self.language}): {self.get_state_display()}"

    @property
    def in_progress(self):
        return self.state in (self.State.QUEUED, self.State.RUNNING)

    @property
    def ready(self):
        return self.state == self.State.DONE and bool(self.docx_name and self.pdf_name)

"""A participant's portfolio: their profile, their self-assessment and the way their entries
and practice log are shown.

The portfolio keeps its participant and project as real foreign keys (the project set from the
tree on save), so that the visibility rule and every listing filter on them in SQL.
"""

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import Orderable, Page

from core.visibility import Visibility, VisibilityRule, can_view
from portfolios.models.admin_forms import PortfolioPageForm
from portfolios.models.base import VisibilityCheckedPage
from portfolios.models.practice import PracticeLogEntry

LEVELS = [(n, str(n)) for n in range(1, 6)]
LEVEL_DESCRIPTORS = {
    1: _("1 – aware: I know what it is"),
    2: _("2 – beginner: I can do it with help"),
    3: _("3 – capable: I can do it on my own"),
    4: _("4 – proficient: I can adapt it to new situations"),
    5: _("5 – expert: I can teach it to colleagues"),
}


class PortfolioPage(VisibilityCheckedPage):
    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="portfolios",
        verbose_name=_("participant"),
    )
    project = models.ForeignKey(
        "home.MobilityProjectPage",
        on_delete=models.SET_NULL,
        related_name="portfolios",
        editable=False,
        null=True,
        verbose_name=_("project"),
    )
    role = models.CharField(_("role in the project"), max_length=200, blank=True)
    institution = models.CharField(_("institution"), max_length=255, blank=True)
    subject_area = models.CharField(_("subject area"), max_length=200, blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("photo"),
    )
    photo_alt_text = models.CharField(
        _("photo description"),
        max_length=250,
        blank=True,
        help_text=_("What the photo shows, for people who cannot see it."),
    )
    bio = models.TextField(_("short bio"), blank=True, max_length=1500)
    languages = models.CharField(
        _("languages spoken"), max_length=200, blank=True, help_text=_("e.g. Latvian, Russian")
    )
    visibility = models.CharField(
        _("who can see this portfolio"),
        max_length=20,
        choices=Visibility.choices,
        default=Visibility.PRIVATE,
    )
    practice_log_visibility = models.CharField(
        _("who can see the English practice log"),
        max_length=20,
        choices=Visibility.choices,
        default=Visibility.PRIVATE,
    )

    visibility_rule = VisibilityRule(
        levels=("visibility",), owner="participant", project_key="project__translation_key"
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("participant"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("role"), FieldPanel("institution")]),
                FieldRowPanel([FieldPanel("subject_area"), FieldPanel("languages")]),
                FieldRowPanel([FieldPanel("photo"), FieldPanel("photo_alt_text")]),
                FieldPanel("bio"),
            ],
            heading=_("Profile"),
        ),
        InlinePanel("self_assessments", heading=_("Self-assessment"), label=_("competence")),
        MultiFieldPanel(
            [FieldPanel("visibility"), FieldPanel("practice_log_visibility")],
            heading=_("Sharing"),
        ),
    ]

    # The profile only: never the participant's account, and never the practice log, which has
    # a level of its own.
    api_fields = [
        APIField("role"),
        APIField("institution"),
        APIField("subject_area"),
        APIField("languages"),
    ]

    base_form_class = PortfolioPageForm
    parent_page_types = ["home.MobilityProjectPage"]
    subpage_types = [
        "portfolios.SeminarNotePage",
        "portfolios.LessonObservationPage",
        "portfolios.InstitutionVisitPage",
        "portfolios.ReflectionPage",
    ]
    entries_per_page = 20

    class Meta:
        verbose_name = _("portfolio")

    def portfolio_participant_id(self):
        return self.participant_id

    def clean(self):
        super().clean()
        if self.photo_id and not self.photo_alt_text.strip():
            raise ValidationError({"photo_alt_text": _("Describe the photo for screen readers.")})

    def save(self, *args, **kwargs):
        parent = self.get_parent() if self.pk or self.path else None
        if parent is not None:
            self.project_id = parent.pk
        if self.pk is None:
            self.name_competences_in_own_language()
        super().save(*args, **kwargs)

    def name_competences_in_own_language(self):
        """A translation copies its original's self-assessment, whose competences are named in
        the original's language: the framework's translation into this page's language, where
        it has one, is the same competence."""
        rows = [row for row in self.self_assessments.all() if row.competence_id]
        foreign = [row for row in rows if row.competence.locale_id != self.locale_id]
        if not foreign:
            return
        from portfolios.models.frameworks import Competence

        translated = {
            competence.translation_key: competence
            for competence in Competence.objects.filter(
                locale_id=self.locale_id,
                translation_key__in=[row.competence.translation_key for row in foreign],
            )
        }
        for row in foreign:
            row.competence = translated.get(row.competence.translation_key, row.competence)

    def get_entries(self, user):
        # Entries refer to their portfolio, so this model is looked up rather than imported.
        EntryPage = apps.get_model("portfolios", "EntryPage")
        return (
            EntryPage.objects.live()
            .child_of(self)
            .visible_to(user)
            .select_related("content_type")
            .order_by("-date", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        from portfolios.charts import self_assessment_chart

        context = super().get_context(request, *args, **kwargs)
        entries = Paginator(self.get_entries(request.user), self.entries_per_page)
        context["entries"] = entries.get_page(request.GET.get("page"))
        context["self_assessment_chart"] = self_assessment_chart(
            (
                (row.competence.name, row.level_before, row.level_after, row.target_level)
                for row in self.self_assessments.select_related("competence")
            ),
            LEVEL_DESCRIPTORS,
        )
        context["can_see_practice_log"] = can_view(request.user, PracticeLogEntry(portfolio=self))
        if context["can_see_practice_log"]:
            context["practice"] = self.get_practice_summary()
        return context

    def get_practice_summary(self):
        """The English-practice log in figures and charts, or None while it is empty.

        The database adds the log up to one row per day and skill, so the page costs one query
        for the log however long the log grows.
        """
        from portfolios.charts import (
            level_over_time_chart,
            minutes_per_day_chart,
            minutes_per_skill_chart,
        )

        minutes_by_skill = {}
        minutes_by_date = {}
        level_by_date = {}
        # By translation key rather than through self.practice_log: the log is kept once, on the
        # portfolio it was written to, and its translations show it too; and a portfolio
        # previewed before its first save simply has no log instead of raising.
        totals = (
            PracticeLogEntry.objects.filter(portfolio__translation_key=self.translation_key)
            .values_list("date", "skill")
            .annotate(minutes=models.Sum("minutes"), level=models.Max("level"))
        )
        for day, skill, minutes, level in totals:
            minutes_by_skill[skill] = minutes_by_skill.get(skill, 0) + minutes
            minutes_by_date[day] = minutes_by_date.get(day, 0) + minutes
            # CEFR codes sort as strings in the order of the scale: A1 < A2 < B1 < … < C2.
            level_by_date[day] = max(level, level_by_date.get(day, level))
        if not minutes_by_date:
            return None
        # Serving has already loaded the project for the visibility check; a preview of a
        # portfolio not saved yet has no project, only a parent.
        hub = self.project or self.get_parent().specific
        return {
            "total_hours": sum(minutes_by_date.values()) / 60,
            "by_skill": minutes_per_skill_chart(
                (label, minutes_by_skill.get(skill, 0))
                for skill, label in PracticeLogEntry.Skill.choices
            ),
            "by_day": minutes_per_day_chart(minutes_by_date, hub.start_date, hub.end_date),
            "level": level_over_time_chart(
                level_by_date, PracticeLogEntry.Level.values, hub.start_date, hub.end_date
            ),
        }


class SelfAssessment(Orderable, ClusterableModel):
    """One competence as the participant rated it before and after, against a target.

    A ClusterableModel itself, so that its evidence (a many-to-many inside an inline row) is
    kept in page revisions and saved on publish.
    """

    portfolio = ParentalKey(
        PortfolioPage, on_delete=models.CASCADE, related_name="self_assessments"
    )
    competence = models.ForeignKey(
        "portfolios.Competence", on_delete=models.PROTECT, verbose_name=_("competence")
    )
    level_before = models.PositiveSmallIntegerField(
        _("level before"),
        choices=LEVELS,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    level_after = models.PositiveSmallIntegerField(
        _("level after"),
        choices=LEVELS,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    target_level = models.PositiveSmallIntegerField(
        _("target level"),
        choices=LEVELS,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    evidence = ParentalManyToManyField(
        "portfolios.EntryPage", blank=True, related_name="+", verbose_name=_("evidence")
    )
    reflection = models.TextField(_("reflection"), blank=True, max_length=2000)

    panels = [
        FieldPanel("competence"),
        FieldRowPanel(
            [FieldPanel("level_before"), FieldPanel("level_after"), FieldPanel("target_level")]
        ),
        FieldPanel("evidence"),
        FieldPanel("reflection"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessment")

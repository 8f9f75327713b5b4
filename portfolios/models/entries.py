"""The entries of a portfolio: what all of them share (``EntryPage``) and the four types.

Every entry type extends ``EntryPage`` (multi-table), so a portfolio lists all its entries with
one query on ``EntryPage`` whatever their types. Each entry keeps its portfolio as a real foreign
key, set from the tree on save, for the visibility rule to filter on in SQL.
"""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.visibility import Visibility, VisibilityRule
from portfolios.blocks import ENTRY_TEXT_FEATURES, EntryBodyBlock
from portfolios.models.admin_forms import EntryPageForm
from portfolios.models.base import VisibilityCheckedPage
from portfolios.models.portfolio import PortfolioPage


class EntryTag(TaggedItemBase):
    content_object = ParentalKey(
        "portfolios.EntryPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class EntryPage(VisibilityCheckedPage):
    """What all entries share: date, body, tags, the objectives served, and who may see it."""

    portfolio = models.ForeignKey(
        PortfolioPage,
        on_delete=models.SET_NULL,
        related_name="entries",
        editable=False,
        null=True,
        verbose_name=_("portfolio"),
    )
    date = models.DateField(_("date"))
    body = StreamField(EntryBodyBlock(), blank=True, verbose_name=_("body"))
    tags = ClusterTaggableManager(through=EntryTag, blank=True, verbose_name=_("tags"))
    objectives = ParentalManyToManyField(
        "home.ProjectObjective",
        blank=True,
        related_name="entries",
        verbose_name=_("objectives served"),
    )
    visibility = models.CharField(
        _("who can see this entry"),
        max_length=20,
        choices=Visibility.choices,
        default=Visibility.PRIVATE,
    )

    visibility_rule = VisibilityRule(
        levels=("visibility", "portfolio__visibility"),
        owner="portfolio__participant",
        project_key="portfolio__project__translation_key",
    )

    search_fields = [*Page.search_fields, index.SearchField("body"), index.FilterField("date")]

    entry_panels = [
        FieldPanel("date"),
        FieldPanel("objectives", widget=forms.CheckboxSelectMultiple),
        FieldPanel("tags"),
        FieldPanel("visibility"),
    ]
    api_fields = [APIField("date"), APIField("tags"), APIField("body")]

    base_form_class = EntryPageForm
    is_creatable = False
    parent_page_types = ["portfolios.PortfolioPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("entry")
        verbose_name_plural = _("entries")

    def portfolio_participant_id(self):
        if self.portfolio_id is None:
            return None
        return (
            PortfolioPage.objects.filter(pk=self.portfolio_id)
            .values_list("participant_id", flat=True)
            .first()
        )

    def save(self, *args, **kwargs):
        parent = self.get_parent() if self.pk or self.path else None
        if parent is not None:
            self.portfolio_id = parent.pk
            if self.pk is None:
                self.serve_objectives_of_own_project()
        super().save(*args, **kwargs)

    def serve_objectives_of_own_project(self):
        """A translation copies its original's objectives, which belong to the original's hub:
        the objectives of the same numbers in this portfolio's hub are meant."""
        chosen = list(self.objectives.all())
        if not chosen:
            return
        from home.models import ProjectObjective

        project_id = (
            PortfolioPage.objects.filter(pk=self.portfolio_id)
            .values_list("project_id", flat=True)
            .first()
        )
        if project_id is None or all(o.page_id == project_id for o in chosen):
            return
        project = {o.number: o for o in ProjectObjective.objects.filter(page_id=project_id)}
        self.objectives = [project[o.number] for o in chosen if o.number in project]


def entry_content_panels(*type_panels):
    return [*Page.content_panels, *EntryPage.entry_panels, *type_panels, FieldPanel("body")]


class SeminarNotePage(EntryPage):
    seminar_title = models.CharField(_("seminar"), max_length=255)
    organiser = models.CharField(_("organiser"), max_length=255, blank=True)
    speaker = models.CharField(_("speaker"), max_length=255, blank=True)
    key_points = RichTextField(_("key points"), blank=True, features=ENTRY_TEXT_FEATURES)
    transfer = models.TextField(_("what to transfer home"), blank=True)

    content_panels = entry_content_panels(
        FieldPanel("seminar_title"),
        FieldRowPanel([FieldPanel("organiser"), FieldPanel("speaker")]),
        FieldPanel("key_points"),
        FieldPanel("transfer"),
    )

    class Meta:
        verbose_name = _("seminar note")


class LessonObservationPage(EntryPage):
    host_institution = models.ForeignKey(
        "portfolios.HostInstitution",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("host institution"),
    )
    subject = models.CharField(_("subject"), max_length=255)
    learner_level = models.CharField(_("level of learners"), max_length=255, blank=True)
    methods_observed = models.TextField(_("teaching methods observed"), blank=True)
    what_worked = models.TextField(_("what worked"), blank=True)
    transfer = models.TextField(_("what to transfer home"), blank=True)

    content_panels = entry_content_panels(
        FieldPanel("host_institution"),
        FieldRowPanel([FieldPanel("subject"), FieldPanel("learner_level")]),
        FieldPanel("methods_observed"),
        FieldPanel("what_worked"),
        FieldPanel("transfer"),
    )

    class Meta:
        verbose_name = _("lesson observation")


class InstitutionVisitPage(EntryPage):
    host_institution = models.ForeignKey(
        "portfolios.HostInstitution",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("host institution"),
    )
    quality_practices = RichTextField(
        _("quality-management practices observed"), blank=True, features=ENTRY_TEXT_FEATURES
    )

    content_panels = entry_content_panels(
        FieldPanel("host_institution"),
        FieldPanel("quality_practices"),
        InlinePanel(
            "labour_market_rows",
            heading=_("Labour-market comparison"),
            label=_("occupation or skill"),
        ),
    )

    class Meta:
        verbose_name = _("institution visit report")


class LabourMarketComparison(Orderable):
    """One row of a visit report's table: a requirement here and there, and what follows."""

    visit = ParentalKey(
        InstitutionVisitPage, on_delete=models.CASCADE, related_name="labour_market_rows"
    )
    occupation = models.CharField(_("occupation or skill"), max_length=255)
    host_requirement = models.TextField(_("requirement in the host country"))
    home_requirement = models.TextField(_("requirement in Latvia"))
    implication = models.TextField(_("implication for our programmes"), blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("labour-market comparison")


class ReflectionPage(EntryPage):
    """A diary entry: the body says it all."""

    content_panels = entry_content_panels()

    class Meta:
        verbose_name = _("reflection")

"""A project's results page: what the editors write, what the compile gathers, and its progress.

Page tree: MobilityProjectPage → ResultsPage (/projects/<slug>/results/), one per hub.

The page has two kinds of content. Editors write the introduction, the conclusions, the hero
image, the dissemination log and which reflections to leave out of the quotes; compiling never
touches these. The compile (``dissemination.compile``) writes ``compiled``, plain JSON built from
the project's public material only, into a new draft revision, so the editors' workflow reviews
exactly the figures that will be published. ``ResultsCompile`` keeps the state of the latest
compile (queued, running, compiled…) for the admin to show and for the lock.
"""

import datetime

from django import forms
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, Panel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.caching import CachedViewRestrictionsMixin
from dissemination import funding
from dissemination.permissions import may_compile
from dissemination.status import page_status
from dissemination.withdrawn import still_public

TEXT_FEATURES = ["h3", "bold", "italic", "ol", "ul", "link"]
RESULTS_SLUG = "results"
RESULTS_WORKFLOW_NAME = "Results review"


class ResultsPageForm(WagtailAdminPageForm):
    """Offers the quotes of the latest compile, and those already left out, as checkboxes."""

    excluded_quotes = forms.TypedMultipleChoiceField(
        label=_("Quotes to leave out"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Ticked quotes are not shown. The next compile picks another reflection in their place."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk and not self.initial.get("slug"):
            self.initial.setdefault("title", _("Results"))
            self.initial["slug"] = RESULTS_SLUG
        if "excluded_quotes" in self.fields:
            self.fields["excluded_quotes"].choices = self.instance.quote_choices()


class CompileStatusPanel(Panel):
    """The state of the latest compile and the way to start one, at the top of the editor."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "dissemination/admin/compile_status_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            status = ResultsCompile.objects.filter(page_id=page.pk).first() if page.pk else None
            context["status"] = status
            # The page as stored, not the form's copy: its workflow and revisions say where it is.
            stored = ResultsPage.objects.filter(pk=page.pk).first() if page.pk else None
            context["results_status"] = page_status(stored, status) if stored else None
            context["page"] = page
            context["may_compile"] = bool(page.pk) and may_compile(self.request.user, page)
            return context

        def is_shown(self):
            return bool(self.instance.pk)


class ResultsPage(CachedViewRestrictionsMixin, Page):
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("hero image"),
    )
    hero_alt_text = models.CharField(
        _("hero image description"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    introduction = RichTextField(_("introduction"), blank=True, features=TEXT_FEATURES)
    conclusions = RichTextField(_("conclusions"), blank=True, features=TEXT_FEATURES)
    # Reflection entry ids the editors left out of the quotes.
    excluded_quotes = models.JSONField(_("quotes to leave out"), default=list, blank=True)
    # Written by the compile only; see dissemination.compile.sections for its shape.
    compiled = models.JSONField(_("compiled sections"), default=dict, blank=True, editable=False)

    content_panels = [
        *Page.content_panels,
        CompileStatusPanel(heading=_("Compile")),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("hero_image"), FieldPanel("hero_alt_text")])],
            heading=_("Hero image"),
        ),
        FieldPanel("introduction"),
        FieldPanel("conclusions"),
        FieldPanel("excluded_quotes"),
        InlinePanel(
            "dissemination_log",
            heading=_("Dissemination log"),
            label=_("dissemination activity"),
        ),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("conclusions"),
    ]

    base_form_class = ResultsPageForm
    parent_page_types = ["home.MobilityProjectPage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("results page")

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        if self.hero_image_id and not self.hero_alt_text.strip():
            raise ValidationError({"hero_alt_text": _("Describe the image for screen readers.")})

    def save(self, *args, **kwargs):
        created = self.pk is None
        super().save(*args, **kwargs)
        if created:
            assign_results_workflow(self)

    @property
    def project(self):
        """The hub this page reports on (the reminders outbox reads a subject's ``project``)."""
        from home.models import MobilityProjectPage

        return MobilityProjectPage.objects.filter(
            path=self.path[: -self.steplen], depth=self.depth - 1
        ).first()

    def quote_choices(self):
        from portfolios.models import ReflectionPage

        quotes = {q["entry"]: q for q in (self.compiled or {}).get("quotes", [])}
        choices = [
            (entry, f"{quote['author']}: “{quote['text'][:80]}…”")
            for entry, quote in quotes.items()
        ]
        missing = [pk for pk in self.excluded_quotes or [] if pk not in quotes]
        titles = dict(ReflectionPage.objects.filter(pk__in=missing).values_list("pk", "title"))
        choices += [(pk, titles.get(pk, _("a reflection no longer public"))) for pk in missing]
        return choices

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # What the owners have withdrawn since the compile goes at once, without an editor.
        context["results"] = present(
            still_public(self.compiled), excluded_quotes=self.excluded_quotes
        )
        context["dissemination_log"] = self.dissemination_log.all()
        context["funding"] = funding.for_web(self, request)
        return context


class DisseminationActivity(Orderable):
    """One line of the dissemination log: where and to whom the results were shown."""

    page = ParentalKey(ResultsPage, on_delete=models.CASCADE, related_name="dissemination_log")
    date = models.DateField(_("date"))
    event = models.CharField(_("event or channel"), max_length=255)
    audience = models.CharField(_("audience"), max_length=255, blank=True)
    link = models.URLField(_("link"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("event")]),
        FieldRowPanel([FieldPanel("audience"), FieldPanel("link")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("dissemination activity")
        verbose_name_plural = _("dissemination log")


class ResultsCompile(models.Model):
    """The latest compile of one results page: what the admin shows, and the lock.

    A compile claims the row by moving it to ``running`` in one conditional UPDATE, so two
    compiles of the same page can never both hold it (see ``dissemination.compile.run.claim``).
    """

    class State(models.TextChoices):
        IDLE = "idle", _("Not compiled yet")
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        COMPILED = "compiled", _("Compiled: a new draft is in review")
        UNCHANGED = "unchanged", _("Compiled: nothing had changed")
        FAILED = "failed", _("Failed")

    page = models.OneToOneField(
        ResultsPage, on_delete=models.CASCADE, related_name="compile_status", primary_key=True
    )
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default="idle")
    message = models.TextField(_("message"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("requested by"),
    )
    queued_at = models.DateTimeField(_("queued"), null=True, blank=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    # When the latest compile that ran to the end (changed or not) finished: the nightly
    # schedule compiles each page once per night in its project's time zone.
    succeeded_at = models.DateTimeField(_("last compiled"), null=True, blank=True)
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("revision"),
    )

    class Meta:
        verbose_name = _("results compile")
        verbose_name_plural = _("results compiles")

    def __str__(self):
        return f"{self.page_id}: {self.get_state_display()}"

    @property
    def in_progress(self):
        return self.state in (self.State.QUEUED, self.State.RUNNING)


def results_workflow():
    from wagtail.models import Workflow

    return Workflow.objects.filter(name=RESULTS_WORKFLOW_NAME, active=True).first()


def assign_results_workflow(page):
    """A new results page goes to the "Results review" workflow (made by a migration), unless
    the page already has one of its own."""
    from wagtail.models import WorkflowPage

    workflow = results_workflow()
    if workflow is not None:
        WorkflowPage.objects.get_or_create(page=page, defaults={"workflow": workflow})


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


def present(compiled, excluded_quotes=()):
    """The compiled sections ready for a template: dates as dates, codes as labels, charts drawn.

    ``compiled`` stays plain JSON in revisions; labels are looked up here, in the language of
    whoever is reading, and the charts are drawn from the stored figures.
    """
    from ideas.models import IdeaStatus
    from portfolios.charts import (
        minutes_per_day_chart,
        minutes_per_skill_chart,
        self_assessment_chart,
    )
    from portfolios.models import PracticeLogEntry
    from portfolios.models.portfolio import LEVEL_DESCRIPTORS

    if not compiled:
        return None
    glance = dict(compiled["glance"])
    glance["start_date"] = _date(glance["start_date"])
    glance["end_date"] = _date(glance["end_date"])

    def dated(items):
        return [{**item, "date": _date(item.get("date"))} for item in items]

    competences = [
        {
            **row,
            "by_level": list(
                zip(row["distribution"]["before"], row["distribution"]["after"], strict=True)
            ),
        }
        for row in compiled["competences"]
    ]
    competence_chart = self_assessment_chart(
        (
            (row["competence"], row["average_before"], row["average_after"], None)
            for row in competences
        ),
        LEVEL_DESCRIPTORS,
    )

    practice = compiled["practice"]
    if practice:
        skills = dict(PracticeLogEntry.Skill.choices)
        by_day = {_date(row["date"]): row["minutes"] for row in practice["by_day"]}
        practice = {
            **practice,
            "total_hours": practice["total_minutes"] / 60,
            "by_skill_chart": minutes_per_skill_chart(
                (skills.get(row["skill"], row["skill"]), row["minutes"])
                for row in practice["by_skill"]
            ),
            "by_day_chart": minutes_per_day_chart(by_day, glance["start_date"], glance["end_date"]),
        }

    statuses = dict(IdeaStatus.choices)
    ideas = {
        **compiled["ideas"],
        "by_status": [
            {**row, "label": statuses.get(row["status"], row["status"])}
            for row in compiled["ideas"]["by_status"]
        ],
    }
    excluded = set(excluded_quotes or ())
    # The coordinator's evaluation of each objective (compiled by the evaluation app's hook),
    # shown with the objective; none in pages compiled before it existed.
    evaluations = {row["number"]: row for row in compiled.get("evaluation", [])}
    return {
        "glance": glance,
        "objectives": [
            {
                **objective,
                "entries": dated(objective["entries"]),
                "evaluation": evaluations.get(objective["number"]),
            }
            for objective in compiled["objectives"]
        ],
        "competences": competences,
        "competence_chart": competence_chart,
        "levels": sorted(LEVEL_DESCRIPTORS),
        "practice": practice,
        "seminars": {**compiled["seminars"], "notes": dated(compiled["seminars"]["notes"])},
        "observations": {
            **compiled["observations"],
            "items": dated(compiled["observations"]["items"]),
        },
        "visits": {**compiled["visits"], "items": dated(compiled["visits"]["items"])},
        "ideas": ideas,
        "quotes": dated([q for q in compiled["quotes"] if q["entry"] not in excluded]),
        # Figures left out until the next compile: they counted material no longer public.
        "withheld": compiled.get("withheld", []),
    }

"""A participant's portfolio and the entries under it.

Page tree: MobilityProjectPage → PortfolioPage (one per participant) → entry pages. Every entry
type extends ``EntryPage`` (multi-table), so a portfolio lists all its entries with one query on
``EntryPage`` whatever their types.

The portfolio keeps its participant and project, and each entry its portfolio, as real foreign
keys (set from the tree on save): the visibility rule and every listing filter on them in SQL.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.caching import CachedViewRestrictionsMixin
from core.visibility import (
    Visibility,
    VisibilityCheckedMixin,
    VisibilityRule,
    can_view,
    visible_to,
)
from portfolios.blocks import ENTRY_TEXT_FEATURES, EntryBodyBlock
from portfolios.models.practice import PracticeLogEntry

LEVELS = [(n, str(n)) for n in range(1, 6)]
LEVEL_DESCRIPTORS = {
    1: _("1 – aware: I know what it is"),
    2: _("2 – beginner: I can do it with help"),
    3: _("3 – capable: I can do it on my own"),
    4: _("4 – proficient: I can adapt it to new situations"),
    5: _("5 – expert: I can teach it to colleagues"),
}


class VisibilityCheckedPage(VisibilityCheckedMixin, CachedViewRestrictionsMixin, Page):
    """A portfolio page: served as the visibility rule says, edited as its owner's."""

    class Meta:
        abstract = True

    def portfolio_participant_id(self):
        raise NotImplementedError

    def permissions_for_user(self, user):
        from portfolios.permissions import PortfolioPermissionTester

        return PortfolioPermissionTester(user, self, self.portfolio_participant_id())

    # A participant publishes their own portfolio and entries. The site's moderation workflow,
    # set on the root for public pages, would also offer them "Submit to Moderators approval",
    # sending editors material they may not even open.
    @property
    def has_workflow(self):
        return False

    def get_workflow(self):
        return None


def files_in_body(body):
    """The images and the documents an entry body holds, each as a list."""
    images, documents = [], []
    for block in body or []:
        if block.block_type == "image" and block.value is not None:
            images.append(block.value)
        elif block.block_type == "document" and block.value is not None:
            documents.append(block.value)
    return images, documents


class OwnFilesFormMixin:
    """Refuses files the editing user may not pick, however their ids reached the form.

    The choosers offer a person their own uploads and library material only
    (``portfolios.files.choosable_files``); a request crafted by hand could still name any image
    or document by its id, and once an entry used it, the file would open for its author. Files
    the page already held before this edit stay allowed.
    """

    def unchoosable(self, chosen, already_used):
        from portfolios.files import unchoosable_files

        user = getattr(self, "for_user", None)
        if user is None:
            return []
        return unchoosable_files(chosen, user, {file.pk for file in already_used if file})

    def unchoosable_message(self, files):
        return _("You may only use your own uploads or library files. Not allowed: %(files)s.") % {
            "files": ", ".join(file.title for file in files)
        }


def participant_label(user) -> str:
    """A participant as a coordinator knows them: their name, and their username to tell two
    people of the same name apart."""
    name = user.get_full_name()
    return f"{name} ({user.get_username()})" if name else user.get_username()


class PortfolioPageForm(OwnFilesFormMixin, WagtailAdminPageForm):
    """Evidence offers this portfolio's own entries only, and the photo must be choosable."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.keep_the_participant()
        formset = self.formsets.get("self_assessments")
        if formset is None:
            return
        if self.instance.pk:
            entries = EntryPage.objects.child_of(self.instance).order_by("-date", "-pk")
        else:
            entries = EntryPage.objects.none()
        row_form = formset.form

        class SelfAssessmentForm(row_form):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                if "evidence" in self.fields:
                    self.fields["evidence"].queryset = entries

        # The formset builds the empty row the page's script copies on demand, from this class;
        # the rows it holds may have been built already.
        formset.form = SelfAssessmentForm
        for form in formset.forms:
            if "evidence" in form.fields:
                form.fields["evidence"].queryset = entries

    def keep_the_participant(self):
        """Only administrators and the project's coordinators give a portfolio to someone, and
        only to one of the project's participants (``ProjectMembership``); the participant whose
        portfolio it is, editors and everyone else see who has it, unchangeable, and never a
        list of accounts. A disabled field ignores whatever is posted for it."""
        from core.visibility import Audience
        from home.models import ProjectMembership

        field = self.fields.get("participant")
        if field is None:
            return
        user = getattr(self, "for_user", None)
        hub = self.parent_page or (self.instance.get_parent() if self.instance.pk else None)
        current = self.instance.participant_id if self.instance.pk else None
        audience = Audience.of(user)
        if hub is not None and (
            audience.superuser or hub.translation_key in audience.coordinator_of
        ):
            members = ProjectMembership.objects.filter(
                project__translation_key=hub.translation_key,
                role=ProjectMembership.Role.PARTICIPANT,
            ).values("user")
            # The one who has it keeps being a choice, so that the rest of the page can be saved
            # even if they have left the project since.
            field.queryset = field.queryset.filter(
                models.Q(pk__in=members) | models.Q(pk=current)
            ).order_by("first_name", "last_name", "username")
            field.label_from_instance = participant_label
            field.help_text = _(
                "One of the project's participants. People join a project under “Project "
                "members” in the admin menu."
            )
            field.error_messages["invalid_choice"] = _("Choose one of the project's participants.")
            return
        field.disabled = True
        field.queryset = field.queryset.filter(pk=current)
        field.label_from_instance = participant_label
        field.help_text = _(
            "Only an administrator or one of the project's coordinators gives a portfolio to a "
            "participant."
        )
        field.error_messages["required"] = field.help_text

    def clean(self):
        cleaned_data = super().clean()
        photo = cleaned_data.get("photo")
        if photo is not None:
            refused = self.unchoosable(
                [photo], [self.instance.photo] if self.instance.photo_id else []
            )
            if refused:
                self.add_error("photo", self.unchoosable_message(refused))
        return cleaned_data


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
        return (
            visible_to(EntryPage.objects.live().child_of(self), user)
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


class EntryTag(TaggedItemBase):
    content_object = ParentalKey(
        "portfolios.EntryPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class EntryPageForm(OwnFilesFormMixin, WagtailAdminPageForm):
    """Offers only the objectives of the hub this entry's portfolio belongs to, and refuses
    files in the body that the author may not pick."""

    def __init__(self, *args, parent_page=None, **kwargs):
        super().__init__(*args, parent_page=parent_page, **kwargs)
        if "objectives" not in self.fields:
            return
        from home.models import ProjectObjective

        portfolio = parent_page if parent_page is not None else self.instance.get_parent()
        project_id = getattr(getattr(portfolio, "specific", None), "project_id", None)
        self.fields["objectives"].queryset = ProjectObjective.objects.filter(
            page_id=project_id
        ).order_by("number")
        if not self.instance.pk and not self.is_bound and "date" in self.fields:
            # A new entry is most often about today, where the project happens; without a date
            # it could not even be saved as a draft.
            from portfolios.forms import today_for

            if self.initial.get("date") is None and portfolio is not None:
                self.initial["date"] = today_for(portfolio.specific)

    def clean(self):
        from wagtail.blocks import StreamBlockValidationError

        cleaned_data = super().clean()
        if "body" not in cleaned_data:
            return cleaned_data
        held_images, held_documents = files_in_body(
            self.instance.body if self.instance.pk else None
        )
        images, documents = files_in_body(cleaned_data["body"])
        refused = [
            *self.unchoosable(images, held_images),
            *self.unchoosable(documents, held_documents),
        ]
        if refused:
            self.add_error(
                "body",
                StreamBlockValidationError(non_block_errors=[self.unchoosable_message(refused)]),
            )
        return cleaned_data


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

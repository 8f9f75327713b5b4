"""The idea database: proposals for new projects, shared across projects.

Page tree: HomePage → IdeaIndexPage (/ideas/) → IdeaPage. Around each idea: its status history
(``StatusChange``), supports ("I'd join this", ``IdeaSupport``) and comments (``IdeaComment``).

An idea's status, its support count and what the listing filters on are kept on the page row but
changed only by the actions in ``ideas.actions``, never through the page editor:
``with_content_json`` carries them over whenever a revision is published, so an author publishing
an edit can neither undo a coordinator's decision nor reset the count of supports.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from core.caching import CachedViewRestrictionsMixin
from core.querysets import GovernedPageManager
from core.visibility import Visibility, VisibilityCheckedMixin, VisibilityRule, hidden_pages
from ideas import routes
from ideas.panels import SimilarIdeasPanel
from ideas.permissions import IdeaIndexPermissionTester, IdeaPermissionTester

ACTIVITY_FEATURES = ["bold", "italic", "ol", "ul", "link"]
MAX_BUDGET = 10_000_000
MAX_DURATION_MONTHS = 120
COMMENT_MAX_LENGTH = 4000


class FundingProgramme(models.TextChoices):
    ERASMUS_KA1 = "erasmus_ka1", _("Erasmus+ KA1 (learning mobility)")
    ERASMUS_KA2 = "erasmus_ka2", _("Erasmus+ KA2 (cooperation partnerships)")
    ESF = "esf", _("European Social Fund (ESF)")
    ERDF = "erdf", _("European Regional Development Fund (ERDF)")
    NATIONAL = "national", _("National programme")
    OTHER = "other", _("Other")


class IdeaStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PROPOSED = "proposed", _("Proposed")
    UNDER_REVIEW = "under_review", _("Under review")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    IN_APPLICATION = "in_application", _("In application")
    FUNDED = "funded", _("Funded")
    NOT_FUNDED = "not_funded", _("Not funded")
    ARCHIVED = "archived", _("Archived")


class IdeaIndexPage(CachedViewRestrictionsMixin, RoutablePageMixin, Page):
    """The idea database: every idea, with filters, facets, search, tag pages and a feed."""

    intro = RichTextField(_("introduction"), blank=True, features=ACTIVITY_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["ideas.IdeaPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("idea database")

    def permissions_for_user(self, user):
        return IdeaIndexPermissionTester(user, self)

    @path("")
    def listing(self, request):
        return routes.view("listing")(request, self)

    # Any letters, not only ASCII: a Latvian tag's slug keeps its diacritics ("mobilitāte").
    @re_path(r"^tags/(?P<tag>[-\w]+)/$")
    def tag_listing(self, request, tag):
        return routes.view("listing")(request, self, tag=tag)

    @path("feed/")
    def feed(self, request):
        return routes.view("feed")(request, self)


class IdeaTag(TaggedItemBase):
    content_object = ParentalKey(
        "ideas.IdeaPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class IdeaPageForm(WagtailAdminPageForm):
    """The idea editor offers as inspiration only the entries its user may see: the choices
    would otherwise list the title of every entry on the site, others' private ones included."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("inspired_by")
        if field is not None and self.for_user is not None and not self.for_user.is_superuser:
            field.queryset = field.queryset.exclude(hidden_pages(self.for_user))


class IdeaPage(VisibilityCheckedMixin, CachedViewRestrictionsMixin, RoutablePageMixin, Page):
    summary = models.TextField(_("summary"), max_length=1000)
    need = models.TextField(_("the need or problem it answers"), blank=True, max_length=4000)
    target_group = models.CharField(_("target group"), max_length=255, blank=True)
    activities = RichTextField(_("proposed activities"), blank=True, features=ACTIVITY_FEATURES)
    partners = ParentalManyToManyField(
        "portfolios.HostInstitution",
        blank=True,
        related_name="ideas",
        verbose_name=_("partner institutions"),
    )
    programme = models.CharField(
        _("funding programme"),
        max_length=20,
        choices=FundingProgramme.choices,
        default=FundingProgramme.ERASMUS_KA1,
    )
    budget = models.DecimalField(
        _("estimated budget (EUR)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_BUDGET)],
    )
    duration_months = models.PositiveSmallIntegerField(
        _("duration (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_DURATION_MONTHS)],
    )
    project = models.ForeignKey(
        "home.MobilityProjectPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ideas",
        verbose_name=_("project it came from"),
    )
    inspired_by = ParentalManyToManyField(
        "portfolios.EntryPage",
        blank=True,
        related_name="inspired_ideas",
        verbose_name=_("entries that inspired it"),
    )
    tags = ClusterTaggableManager(through=IdeaTag, blank=True, verbose_name=_("tags"))
    co_authors = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="co_authored_ideas",
        verbose_name=_("co-authors"),
    )
    visibility = models.CharField(
        _("who can see this idea"),
        max_length=20,
        choices=Visibility.choices,
        default=Visibility.PRIVATE,
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=IdeaStatus.choices,
        default=IdeaStatus.DRAFT,
        editable=False,
        db_index=True,
    )
    status_changed_at = models.DateTimeField(_("status changed"), null=True, editable=False)
    # While an idea is a draft only its authors (and coordinators) see it, whatever its
    # visibility says; kept as a column so that listings filter on it in SQL.
    effective_visibility = models.CharField(
        max_length=20, choices=Visibility.choices, default=Visibility.PRIVATE, editable=False
    )
    support_count = models.PositiveIntegerField(_("supports"), default=0, editable=False)
    # Title, texts and tags in one column, for the full-text index (see ideas.listing).
    search_text = models.TextField(editable=False, blank=True, default="")

    visibility_rule = VisibilityRule(
        levels=("effective_visibility",),
        owner="owner",
        project_key="project__translation_key",
        co_owners="co_authors",
    )

    # IdeaPage.objects.of_project(hub).visible_to(user), from the rule above (core.querysets).
    objects = GovernedPageManager()

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("need"),
        index.SearchField("target_group"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("status"),
        index.FilterField("programme"),
        index.FilterField("effective_visibility"),
    ]

    content_panels = [
        *Page.content_panels,
        SimilarIdeasPanel(),
        FieldPanel("summary"),
        FieldPanel("need"),
        FieldPanel("target_group"),
        FieldPanel("activities"),
        MultiFieldPanel(
            [
                FieldPanel("programme"),
                FieldRowPanel([FieldPanel("budget"), FieldPanel("duration_months")]),
                FieldPanel("partners"),
            ],
            heading=_("Funding and partners"),
        ),
        MultiFieldPanel(
            [FieldPanel("project"), FieldPanel("inspired_by"), FieldPanel("tags")],
            heading=_("Where it came from"),
        ),
        MultiFieldPanel(
            [FieldPanel("co_authors"), FieldPanel("visibility")],
            heading=_("Authors and sharing"),
        ),
    ]

    # The API answers as for an anonymous visitor (portal.api), so no author or audience here.
    api_fields = [
        APIField("summary"),
        APIField("need"),
        APIField("target_group"),
        APIField("programme"),
        APIField("budget"),
        APIField("duration_months"),
        APIField("status"),
        APIField("tags"),
        APIField("support_count"),
        APIField("project"),
    ]

    base_form_class = IdeaPageForm
    parent_page_types = ["ideas.IdeaIndexPage"]
    subpage_types = []

    # Kept from the live row whenever a revision is published or loaded for editing.
    managed_fields = ("status", "status_changed_at", "effective_visibility", "support_count")

    class Meta:
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")

    def clean(self):
        super().clean()
        if self.owner_id is not None and any(
            user.pk == self.owner_id for user in self.co_authors.all()
        ):
            raise ValidationError({"co_authors": _("The author cannot also be a co-author.")})

    def with_content_json(self, content):
        obj = super().with_content_json(content)
        for field in self.managed_fields:
            setattr(obj, field, getattr(self, field))
        return obj

    def save(self, *args, **kwargs):
        if self.pk is not None:
            # Whatever copy of the page is being saved (a stale revision, an old form), the
            # managed fields keep what the actions last wrote.
            stored = IdeaPage.objects.filter(pk=self.pk).values(*self.managed_fields).first()
            for field, value in (stored or {}).items():
                setattr(self, field, value)
        else:
            self.link_pages_in_own_language()
        self.effective_visibility = self.visibility_while(self.status)
        tag_names = " ".join(tag.name for tag in self.tags.all())
        self.search_text = "\n".join(
            part for part in (self.title, self.summary, self.need, self.target_group, tag_names)
        )
        super().save(*args, **kwargs)

    def link_pages_in_own_language(self):
        """A translation copies its original's project and inspiring entries, which are in the
        original's language: their translations into this idea's language, where they have
        one, are meant."""
        from core.languages import as_translations

        if self.project_id is not None and self.project.locale_id != self.locale_id:
            self.project = as_translations([self.project], self.locale_id)[0]
        entries = list(self.inspired_by.all())
        if any(entry.locale_id != self.locale_id for entry in entries):
            self.inspired_by = as_translations(entries, self.locale_id)

    def visibility_while(self, status):
        return Visibility.PRIVATE if status == IdeaStatus.DRAFT else self.visibility

    def is_author(self, user) -> bool:
        from core.visibility import owns

        return owns(user, self)

    def permissions_for_user(self, user):
        return IdeaPermissionTester(user, self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(routes.view("idea")(request, self))
        return context

    @path("support/")
    def support(self, request):
        return routes.view("support")(request, self)

    @path("comment/")
    def comment(self, request):
        return routes.view("comment")(request, self)

    @re_path(r"^comments/(?P<comment_id>\d+)/hide/$")
    def hide_comment(self, request, comment_id):
        return routes.view("hide_comment")(request, self, int(comment_id))

    @path("status/")
    def change_status(self, request):
        return routes.view("change_status")(request, self)


class StatusChange(models.Model):
    """One step of an idea along its path, for the timeline."""

    idea = models.ForeignKey(
        IdeaPage, on_delete=models.CASCADE, related_name="status_changes", verbose_name=_("idea")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("changed by"),
    )
    from_status = models.CharField(_("from"), max_length=20, choices=IdeaStatus.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=IdeaStatus.choices)
    comment = models.TextField(_("comment"), blank=True, max_length=COMMENT_MAX_LENGTH)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.idea}: {self.get_from_status_display()} → {self.get_to_status_display()}"


class IdeaSupport(models.Model):
    """ "I'd join this": one per user and idea, which the database itself guarantees."""

    idea = models.ForeignKey(
        IdeaPage, on_delete=models.CASCADE, related_name="supports", verbose_name=_("idea")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="idea_supports",
        verbose_name=_("user"),
    )
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(fields=["idea", "user"], name="one_support_per_user_and_idea")
        ]

    def __str__(self):
        return f"{self.user} → {self.idea}"


class IdeaComment(models.Model):
    idea = models.ForeignKey(
        IdeaPage, on_delete=models.CASCADE, related_name="comments", verbose_name=_("idea")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("author"),
    )
    body = models.TextField(_("comment"), max_length=COMMENT_MAX_LENGTH)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("hidden by"),
    )

    class Meta:
        verbose_name = _("idea comment")
        verbose_name_plural = _("idea comments")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.idea} · {self.created_at:%Y-%m-%d %H:%M}"

"""The site's front door and the project hubs.

Page tree: HomePage → ProjectIndexPage (/projects/) → MobilityProjectPage (/projects/<slug>/).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from timezone_field import TimeZoneField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.caching import CachedViewRestrictionsMixin

SUMMARY_FEATURES = ["h3", "bold", "italic", "ol", "ul", "link"]


class HomePage(CachedViewRestrictionsMixin, Page):
    """What the site is, and the way into its projects."""

    intro = RichTextField(_("introduction"), blank=True, features=SUMMARY_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["home.ProjectIndexPage", "ideas.IdeaIndexPage"]

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        """Find a page by its path in one query instead of one query per tree level.

        Portfolio entries sit five levels down, and Wagtail's default routing fetches each level
        in turn. The deepest page whose path starts the address gets the rest of it, so a
        routable page's sub-path (/ideas/tags/metalwork/) costs no more than its own address.
        Anything else (a typo) falls back to Wagtail's own routing, which gives the usual 404.
        """
        if path_components:
            prefixes = [
                self.url_path + "/".join(path_components[:length]) + "/"
                for length in range(len(path_components), 0, -1)
            ]
            page = (
                Page.objects.filter(url_path__in=prefixes, path__startswith=self.path)
                .order_by("-depth")
                .specific()
                .first()
            )
            if page is not None:
                return page.route(request, path_components[page.depth - self.depth :])
        return super().route(request, path_components)

    def get_projects(self):
        return (
            MobilityProjectPage.objects.live()
            .public()
            .descendant_of(self)
            .filter(locale=self.locale)
            .order_by("-start_date", "title")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["projects"] = self.get_projects()[:6]
        context["project_index"] = (
            ProjectIndexPage.objects.live().child_of(self).filter(locale=self.locale).first()
        )
        return context


class ProjectIndexPage(CachedViewRestrictionsMixin, Page):
    """Every mobility project of the site, newest first."""

    intro = RichTextField(_("introduction"), blank=True, features=SUMMARY_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.MobilityProjectPage"]
    projects_per_page = 12

    class Meta:
        verbose_name = _("project list")

    def get_projects(self):
        return (
            MobilityProjectPage.objects.live()
            .public()
            .child_of(self)
            .order_by("-start_date", "title")
        )

    def paginate(self, request, queryset):
        # get_page turns a missing, non-numeric or out-of-range ?page= into a real page.
        return Paginator(queryset, self.projects_per_page).get_page(request.GET.get("page"))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["projects"] = self.paginate(request, self.get_projects())
        return context


class MobilityProjectForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        objectives = self.formsets.get("objectives")
        if objectives is not None and objectives.is_valid():
            seen = set()
            for form in objectives.forms:
                if form.cleaned_data.get("DELETE") or not form.cleaned_data:
                    continue
                number = form.cleaned_data.get("number")
                if number in seen:
                    message = _("Objective number %(number)s is used more than once.")
                    form.add_error("number", message % {"number": number})
                seen.add(number)
        return cleaned_data


class MobilityProjectPage(CachedViewRestrictionsMixin, Page):
    """The hub of one mobility project: its facts, its numbered objectives and who to contact."""

    programme = models.CharField(_("programme"), max_length=120)
    action = models.CharField(_("action"), max_length=200, blank=True)
    agreement_number = models.CharField(_("agreement number"), max_length=60, blank=True)

    sending_institution_name = models.CharField(_("sending institution"), max_length=255)
    sending_institution_address = models.TextField(_("address"), blank=True)
    sending_institution_phone = models.CharField(_("phone / fax"), max_length=60, blank=True)
    sending_institution_email = models.EmailField(_("email"), blank=True)

    host_city = models.CharField(_("host city"), max_length=120)
    host_country = models.CharField(_("host country"), max_length=120)
    host_description = models.TextField(_("host institutions"), blank=True)

    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    budget_eur = models.DecimalField(
        _("budget (EUR)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    target_group = models.TextField(_("target group"), blank=True)

    summary = RichTextField(_("summary"), blank=True, features=SUMMARY_FEATURES)
    expected_results = RichTextField(_("expected results"), blank=True, features=SUMMARY_FEATURES)

    contact_name = models.CharField(_("contact person"), max_length=120, blank=True)
    contact_role = models.CharField(_("contact person's role"), max_length=120, blank=True)

    time_zone = TimeZoneField(
        _("time zone"),
        default="Europe/Riga",
        help_text=_("Reminders and dates of this project are shown and scheduled in this zone."),
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("programme"), FieldPanel("action")]),
                FieldPanel("agreement_number"),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldRowPanel([FieldPanel("budget_eur"), FieldPanel("time_zone")]),
                FieldPanel("target_group"),
            ],
            heading=_("Programme and dates"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("sending_institution_name"),
                FieldPanel("sending_institution_address"),
                FieldRowPanel(
                    [
                        FieldPanel("sending_institution_phone"),
                        FieldPanel("sending_institution_email"),
                    ]
                ),
                FieldRowPanel([FieldPanel("contact_name"), FieldPanel("contact_role")]),
            ],
            heading=_("Sending institution and contact"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("host_city"), FieldPanel("host_country")]),
                FieldPanel("host_description"),
            ],
            heading=_("Host"),
        ),
        # The rows are portfolios.ProjectPartner, which points here by a ParentalKey.
        InlinePanel(
            "partners", heading=_("Partner organisations"), label=_("partner organisation")
        ),
        FieldPanel("summary"),
        InlinePanel("objectives", heading=_("Objectives"), label=_("objective"), min_num=1),
        FieldPanel("expected_results"),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("expected_results"),
        index.SearchField("sending_institution_name"),
        index.SearchField("host_city"),
        index.AutocompleteField("agreement_number"),
        index.FilterField("start_date"),
    ]

    base_form_class = MobilityProjectForm
    parent_page_types = ["home.ProjectIndexPage"]
    subpage_types = ["portfolios.PortfolioPage", "dissemination.ResultsPage"]

    class Meta:
        verbose_name = _("mobility project")

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The project cannot end before it starts.")})

    def get_portfolios(self, user):
        """Portfolios of this project that ``user`` may see, each once, in this hub's language
        where it has been translated."""
        from core.languages import in_language
        from core.personal import personal_roots_of_project
        from core.visibility import visible_to

        portfolios = personal_roots_of_project(self).live()
        return in_language(visible_to(portfolios, user), self.locale_id).order_by("title")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["portfolios"] = self.get_portfolios(request.user)
        context["partners"] = self.get_partners()
        return context

    def get_partners(self):
        """The organisations of the project with their roles, in the order the editor gave."""
        return self.partners.select_related("organisation")

    @property
    def duration_days(self):
        if self.start_date and self.end_date:
            return (self.end_date - self.start_date).days + 1
        return None


class ObjectiveKind(models.TextChoices):
    """What an objective is about, so that the material serving it by nature can be counted
    (practice-log hours for English, the project's ideas for the ideas database…) whatever its
    number in a given project."""

    GENERAL = "general", _("General")
    PROFESSIONAL_COMPETENCES = "professional_competences", _("Professional competences")
    LABOUR_MARKET = "labour_market", _("Labour-market needs")
    QUALITY_MANAGEMENT = "quality_management", _("Quality management")
    COOPERATION = "cooperation", _("Cooperation between institutions")
    INTERCULTURAL = "intercultural", _("Intercultural competence")
    EUROPEAN_DIMENSION = "european_dimension", _("European dimension")
    PERSONAL_GROWTH = "personal_growth", _("Personal and professional growth")
    ENGLISH = "english", _("English language")
    IDEAS_DATABASE = "ideas_database", _("Ideas database")


class ProjectObjective(Orderable):
    """One numbered objective of a project; entries and ideas will point at these."""

    page = ParentalKey(MobilityProjectPage, on_delete=models.CASCADE, related_name="objectives")
    number = models.PositiveSmallIntegerField(_("number"), validators=[MinValueValidator(1)])
    text = models.TextField(_("objective"))
    kind = models.CharField(
        _("kind"),
        max_length=30,
        choices=ObjectiveKind.choices,
        default=ObjectiveKind.GENERAL,
        help_text=_("What the objective is about: decides which material counts as its evidence."),
    )

    panels = [
        FieldRowPanel(
            [
                FieldPanel("number", classname="col2"),
                FieldPanel("text"),
                FieldPanel("kind", classname="col3"),
            ]
        )
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")

    def __str__(self):
        return f"{self.number}. {self.text}"


# The disclaimer the Erasmus+ grant agreement asks funded projects to show, in the wording of
# the programme's own guidance, per interface language.
FUNDING_ACKNOWLEDGEMENT = {
    "en": (
        "Co-funded by the European Union. Views and opinions expressed are however those of the "
        "author(s) only and do not necessarily reflect those of the European Union or the "
        "national agency. Neither the European Union nor the granting authority can be held "
        "responsible for them."
    ),
    "lv": (
        "Līdzfinansē Eiropas Savienība. Paustie viedokļi un uzskati ir tikai autora(-u) viedokļi "
        "un uzskati, un tie ne vienmēr atspoguļo Eiropas Savienības vai nacionālās aģentūras "
        "viedokļus. Ne Eiropas Savienība, ne finansējuma piešķīrējs nevar par tiem būt atbildīgi."
    ),
}


@register_setting(icon="site")
class PortalSettings(BaseSiteSetting):
    """Who runs this site (shown in the footer of every page), and the funding acknowledgement
    that results pages, their brochure and their HTML bundle carry."""

    institution_name = models.CharField(_("institution name"), max_length=255, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=60, blank=True)
    footer_text = models.TextField(_("footer text"), blank=True)
    funding_acknowledgement_en = models.TextField(
        _("funding acknowledgement (English)"),
        blank=True,
        default=FUNDING_ACKNOWLEDGEMENT["en"],
        help_text=_(
            "Shown on results pages, their PDF brochure and HTML bundle, as the grant agreement "
            "asks. Empty both languages to show none."
        ),
    )
    funding_acknowledgement_lv = models.TextField(
        _("funding acknowledgement (Latvian)"),
        blank=True,
        default=FUNDING_ACKNOWLEDGEMENT["lv"],
        help_text=_("Left empty, Latvian pages show the English text."),
    )
    funding_emblem = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("funding emblem"),
        help_text=_(
            "Optional: the “Co-funded by the European Union” emblem, shown beside the text."
        ),
    )

    panels = [
        FieldPanel("institution_name"),
        FieldRowPanel([FieldPanel("contact_email"), FieldPanel("contact_phone")]),
        FieldPanel("footer_text"),
        MultiFieldPanel(
            [
                FieldPanel("funding_acknowledgement_en"),
                FieldPanel("funding_acknowledgement_lv"),
                FieldPanel("funding_emblem"),
            ],
            heading=_("Funding acknowledgement"),
        ),
    ]

    class Meta:
        verbose_name = _("portal settings")

    CACHE_SECONDS = 3600

    @staticmethod
    def cache_key(site_id):
        return f"home:portal-settings:{site_id}"

    @classmethod
    def for_request_cached(cls, request):
        """The settings of the request's site from the cache: every page shows them, and they
        change once in a long while (saving them clears the cached copy at once)."""
        from django.core.cache import cache
        from wagtail.models import Site

        site = Site.find_for_request(request)
        if site is None:
            return None
        key = cls.cache_key(site.pk)
        found = cache.get(key)
        if found is None:
            found = cls.for_site(site)
            cache.set(key, found, cls.CACHE_SECONDS)
        return found

    def funding_acknowledgement(self, language_code=None) -> str:
        """The acknowledgement in ``language_code`` (the active language by default), else in
        English; empty when the site shows none."""
        from django.utils.translation import get_language

        code = (language_code or get_language() or settings.LANGUAGE_CODE).split("-")[0]
        text = getattr(self, f"funding_acknowledgement_{code}", "") or ""
        return (text or self.funding_acknowledgement_en).strip()

    def save(self, *args, **kwargs):
        from django.core.cache import cache

        super().save(*args, **kwargs)
        cache.delete(self.cache_key(self.site_id))

    def delete(self, *args, **kwargs):
        from django.core.cache import cache

        cache.delete(self.cache_key(self.site_id))
        return super().delete(*args, **kwargs)

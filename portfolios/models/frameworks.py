"""Shared reference data: the competence framework, the organisations a project works with
(those participants visit, and those that send, host or arrange a mobility) and their place in
each project."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index


class Competence(TranslatableMixin, index.Indexed, models.Model):
    """One competence participants assess themselves on, before and after the mobility."""

    name = models.CharField(_("name"), max_length=200)
    category = models.CharField(_("category"), max_length=120, blank=True)
    description = models.TextField(_("description"), blank=True)
    esco_uri = models.URLField(
        _("ESCO URI"), blank=True, help_text=_("The matching skill in ESCO, if there is one.")
    )
    eqf_level = models.PositiveSmallIntegerField(
        _("EQF level"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(8)],
    )

    search_fields = [index.SearchField("name"), index.SearchField("description")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("competence")
        verbose_name_plural = _("competences")
        ordering = ["category", "name"]

    def __str__(self):
        return self.name


def country_code(value) -> str:
    """The ISO 3166-1 code of ``value``, which may already be one or a country's name in English
    or Latvian (as portfolio exports made before codes were kept name it); "" when unknown."""
    text = str(getattr(value, "code", value) or "").strip()
    if text.upper() in countries:
        return text.upper()
    for language in ("en", "lv"):
        code = countries.by_name(text, language=language)
        if code:
            return code
    return ""


class NamedCountryField(CountryField):
    """A country stored and validated as its ISO 3166-1 code and shown, in templates and
    listings, by its name in the reader's language.

    django-countries' ``countries_str_attr="name"`` alone would validate the name against the
    codes, since Django cleans a value through ``str()``.
    """

    def __init__(self, *args, **kwargs):
        kwargs["countries_str_attr"] = "name"
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("countries_str_attr", None)
        return name, path, args, kwargs

    def to_python(self, value):
        return super().to_python(getattr(value, "code", value))


class HostInstitution(index.Indexed, models.Model):
    """An organisation a project works with: a school, centre, company or public body that sends,
    hosts or arranges a mobility, or that participants visit during it."""

    class Kind(models.TextChoices):
        VET_SCHOOL = "vet_school", _("VET school")
        TRAINING_CENTRE = "training_centre", _("Training centre")
        HIGHER_EDUCATION = "higher_education", _("Higher education institution")
        COMPANY = "company", _("Company")
        PUBLIC_BODY = "public_body", _("Public body or agency")
        CHAMBER = "chamber", _("Chamber of commerce, industry or crafts")
        ASSOCIATION = "association", _("Association or network")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=255)
    city = models.CharField(_("city"), max_length=120)
    country = NamedCountryField(_("country"))
    kind = models.CharField(_("type"), max_length=30, choices=Kind.choices, default=Kind.VET_SCHOOL)
    website = models.URLField(_("website"), blank=True)
    contact_name = models.CharField(_("contact person"), max_length=120, blank=True)
    contact_role = models.CharField(_("contact person's role"), max_length=120, blank=True)
    contact_email = models.EmailField(_("contact person's email"), blank=True)

    search_fields = [index.SearchField("name"), index.SearchField("city")]

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("city"), FieldPanel("country")]),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("website")]),
        FieldRowPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_role"), FieldPanel("contact_email")],
            heading=_("Contact person"),
        ),
    ]

    class Meta:
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "city"], name="one_host_institution_per_city")
        ]

    def __str__(self):
        # A comma, not brackets: names often end in brackets of their own ("… (demo)").
        return f"{self.name}, {self.city}"

    def save(self, *args, **kwargs):
        # Callers that still name the country in words ("Italy", "Latvija") keep working.
        code = country_code(self.country)
        if code:
            self.country = code
        super().save(*args, **kwargs)


class ProjectPartner(Orderable):
    """An organisation's part in one project: the school that sends the participants, the
    institutions that host them, an intermediary that arranges the stay, or a place visited."""

    class Role(models.TextChoices):
        SENDING = "sending", _("Sending organisation")
        HOST = "host", _("Host organisation")
        INTERMEDIARY = "intermediary", _("Intermediary organisation")
        VISITED = "visited", _("Institution visited")

    # The hub knows its partners only by this related name, so home never imports portfolios.
    page = ParentalKey(
        "home.MobilityProjectPage", on_delete=models.CASCADE, related_name="partners"
    )
    organisation = models.ForeignKey(
        HostInstitution,
        on_delete=models.PROTECT,
        related_name="project_roles",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role in the project"), max_length=20, choices=Role.choices)
    note = models.CharField(
        _("note"),
        max_length=255,
        blank=True,
        help_text=_("What the organisation does in the project, in a sentence."),
    )

    panels = [
        FieldRowPanel([FieldPanel("organisation"), FieldPanel("role", classname="col4")]),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "organisation", "role"], name="one_role_per_partner_per_project"
            )
        ]

    def __str__(self):
        return f"{self.organisation} ({self.get_role_display()})"

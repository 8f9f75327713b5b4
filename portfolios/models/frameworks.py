"""Shared reference data: the competence framework and the institutions participants visit."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import TranslatableMixin
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


class HostInstitution(index.Indexed, models.Model):
    """A school, centre or company visited or observed during a mobility."""

    class Kind(models.TextChoices):
        VET_SCHOOL = "vet_school", _("VET school")
        TRAINING_CENTRE = "training_centre", _("Training centre")
        COMPANY = "company", _("Company")
        PUBLIC_BODY = "public_body", _("Public body or agency")
        ASSOCIATION = "association", _("Association or chamber")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=255)
    city = models.CharField(_("city"), max_length=120)
    country = models.CharField(_("country"), max_length=120)
    kind = models.CharField(_("type"), max_length=30, choices=Kind.choices, default=Kind.VET_SCHOOL)
    website = models.URLField(_("website"), blank=True)

    search_fields = [index.SearchField("name"), index.SearchField("city")]

    class Meta:
        verbose_name = _("host institution")
        verbose_name_plural = _("host institutions")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "city"], name="one_host_institution_per_city")
        ]

    def __str__(self):
        # A comma, not brackets: names often end in brackets of their own ("… (demo)").
        return f"{self.name}, {self.city}"

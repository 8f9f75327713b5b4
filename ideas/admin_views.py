"""The ideas' own screens in the Wagtail admin: the flat listing with its exports, and the
similar-ideas look-up that the editor asks while someone types a title.

Both start from ``core.visibility.visible_to``, so the admin never shows an idea that its user
could not open on the site.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from django_filters import ChoiceFilter, ModelMultipleChoiceFilter
from taggit.models import Tag
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.pages.listing import IndexView

from core.admin_privacy import with_published_titles
from core.spreadsheets import CsvExportMixin
from ideas.models import FundingProgramme, IdeaPage, IdeaStatus, IdeaTag
from ideas.permissions import may_export_ideas
from ideas.similar import MAX_TITLE_LENGTH, similar_ideas


class IdeaFilterSet(WagtailFilterSet):
    status = ChoiceFilter(
        label=_("Status"),
        choices=IdeaStatus.choices,
        empty_label=_("All"),
        widget=forms.RadioSelect,
    )
    programme = ChoiceFilter(
        label=_("Funding programme"),
        choices=FundingProgramme.choices,
        empty_label=_("All"),
        widget=forms.RadioSelect,
    )
    tag = ModelMultipleChoiceFilter(
        label=_("Tags"),
        widget=forms.CheckboxSelectMultiple,
        # Only tags of ideas the user may see: a tag can name something about a private idea.
        queryset=lambda request: Tag.objects.filter(
            pk__in=IdeaTag.objects.filter(
                content_object__in=IdeaPage.objects.visible_to(request.user).values("pk")
            ).values("tag_id")
        ).order_by("name"),
        method="filter_tags",
    )

    class Meta:
        model = IdeaPage
        fields = []

    def filter_tags(self, queryset, name, tags):
        """Ideas carrying every chosen tag; one subquery per tag keeps each idea listed once
        and stays a filter the search backend accepts."""
        for tag in tags:
            queryset = queryset.filter(
                pk__in=IdeaTag.objects.filter(tag=tag).values("content_object_id")
            )
        return queryset


def authors(idea) -> str:
    """The owner first, then the co-authors, by their full names."""
    people = [idea.owner] if idea.owner_id else []
    people += [user for user in idea.co_authors.all() if user.pk != idea.owner_id]
    return ", ".join(person.get_full_name() or person.get_username() for person in people)


# Spreadsheet cells that are not simply a field of the idea: labels rather than stored codes,
# names rather than ids.
EXPORT_VALUES = {
    "url": lambda idea: idea.full_url or "",
    "status": lambda idea: str(idea.get_status_display()),
    "programme": lambda idea: str(idea.get_programme_display()),
    "project": lambda idea: idea.project.title if idea.project_id else "",
    "tags": lambda idea: ", ".join(sorted(tag.name for tag in idea.tags.all())),
    "authors": authors,
}


def as_csv_text(value: str) -> str:
    """Text a spreadsheet program will not run as a formula when it opens the CSV file (the
    XLSX export marks every cell as text already)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


class IdeaIndexView(CsvExportMixin, IndexView):
    """Wagtail's flat page listing, narrowed to the ideas the user may see; its spreadsheets
    are for coordinators and superusers only."""

    custom_value_preprocess = {
        **IndexView.custom_value_preprocess,
        str: {IndexView.FORMAT_CSV: as_csv_text},
    }

    def dispatch(self, request, *args, **kwargs):
        if self.is_export and not may_export_ideas(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def show_export_buttons(self):
        return bool(self.list_export) and may_export_ideas(self.request.user)

    def to_row_dict(self, item):
        return {
            field: EXPORT_VALUES[field](item) if field in EXPORT_VALUES else getattr(item, field)
            for field in self.list_export
        }

    def get_base_queryset(self):
        ideas = super().get_base_queryset()
        seen = IdeaPage.objects.visible_to(self.request.user).values("pk")
        return (
            with_published_titles(ideas.filter(pk__in=seen), self.request.user)
            .select_related("owner", "project")
            .prefetch_related("tags", "co_authors")
        )


@require_GET
def similar_ideas_view(request):
    """``?title=…&exclude=<pk>``: up to five ideas the user may see with a similar title."""
    title = request.GET.get("title", "")[:MAX_TITLE_LENGTH]
    exclude = request.GET.get("exclude", "")
    exclude_pk = int(exclude) if exclude.isascii() and exclude.isdigit() else None
    ideas = similar_ideas(title, request.user, exclude_pk=exclude_pk)
    return JsonResponse(
        {
            "ideas": [
                {
                    "id": idea.pk,
                    "title": idea.title,
                    "status": idea.status,
                    "status_label": str(idea.get_status_display()),
                    "url": idea.get_url(request=request),
                    "edit_url": edit_url(idea, request.user),
                }
                for idea in ideas
            ]
        }
    )


def edit_url(idea, user):
    if not idea.permissions_for_user(user).can_edit():
        return None
    return reverse("wagtailadmin_pages:edit", args=[idea.pk])

"""The ideas in the Wagtail admin: an "Ideas" listing with filters and spreadsheet exports, the
similar-ideas look-up used by the editor, and the rule that hidden ideas stay hidden in the
admin (explorer, search, chooser) as they do on the site."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.ui.tables.pages import PageStatusColumn, PageTitleColumn
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.permissions import policy_registry

from ideas.admin_views import IdeaFilterSet, IdeaIndexView, authors, similar_ideas_view
from ideas.models import IdeaPage

EXPLORE_ACTIONS = {"add", "change", "publish", "bulk_delete", "lock", "unlock"}


class IdeasMenuItem(MenuItem):
    def is_shown(self, request):
        policy = policy_registry.get_by_type(IdeaPage)
        return policy.user_has_any_permission(request.user, EXPLORE_ACTIONS)


class IdeaListingViewSet(PageListingViewSet):
    model = IdeaPage
    index_view_class = IdeaIndexView
    icon = "pick"
    menu_label = _("Ideas")
    menu_name = "ideas"
    menu_order = 210
    add_to_admin_menu = True
    url_namespace = "ideas_admin"
    menu_item_class = IdeasMenuItem
    filterset_class = IdeaFilterSet
    ordering = "-latest_revision_created_at"
    columns = [
        PageTitleColumn("title", label=_("Title"), sort_key="title", classname="title"),
        Column("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
        Column("programme", label=_("Programme"), accessor="get_programme_display"),
        Column("budget", label=_("Budget (EUR)"), sort_key="budget"),
        Column("support_count", label=_("Supports"), sort_key="support_count"),
        Column("authors", label=_("Authors"), accessor=authors),
        Column("project", label=_("Project"), accessor="project"),
        DateColumn(
            "latest_revision_created_at",
            label=_("Updated"),
            sort_key="latest_revision_created_at",
        ),
        PageStatusColumn("live", label=_("Published"), sort_key="live"),
    ]
    list_export = [
        "title",
        "url",
        "status",
        "programme",
        "budget",
        "duration_months",
        "project",
        "tags",
        "authors",
        "support_count",
        "first_published_at",
    ]
    export_headings = {
        "title": _("Title"),
        "url": _("URL"),
        "status": _("Status"),
        "programme": _("Funding programme"),
        "budget": _("Estimated budget (EUR)"),
        "duration_months": _("Duration (months)"),
        "project": _("Project"),
        "tags": _("Tags"),
        "authors": _("Authors"),
        "support_count": _("Supports"),
        "first_published_at": _("First published"),
    }
    export_filename = "ideas"

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("similar/", similar_ideas_view, name="similar"),
        ]


@hooks.register("register_admin_viewset")
def register_idea_listing():
    return IdeaListingViewSet("ideas")

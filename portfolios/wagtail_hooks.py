from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.spreadsheets import CsvExportMixin
from portfolios.admin.practice_log import PracticeLogPermissionPolicy, PracticeLogViewSet
from portfolios.models import Competence, EntryComment, HostInstitution, PracticeLogEntry


class SnippetIndexView(CsvExportMixin, snippet_views.IndexView):
    """The snippet listing, its CSV readable in Excel (``core.spreadsheets``)."""


class CompetenceViewSet(SnippetViewSet):
    model = Competence
    index_view_class = SnippetIndexView
    icon = "tick-inverse"
    list_display = ["name", "category", "eqf_level", "locale"]
    list_filter = ["category", "eqf_level"]
    list_export = ["name", "category", "description", "esco_uri", "eqf_level"]


class HostInstitutionViewSet(SnippetViewSet):
    model = HostInstitution
    index_view_class = SnippetIndexView
    icon = "site"
    list_display = ["name", "city", "country", "kind", "contact_name"]
    list_filter = ["country", "kind"]
    list_export = [
        "name",
        "city",
        "country",
        "kind",
        "website",
        "contact_name",
        "contact_role",
        "contact_email",
    ]


class PortfolioReferenceViewSetGroup(SnippetViewSetGroup):
    items = (CompetenceViewSet, HostInstitutionViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Portfolio lists")
    menu_name = "portfolio-lists"
    menu_order = 220


register_snippet(PortfolioReferenceViewSetGroup)


register_permission_policy(PracticeLogEntry, PracticeLogPermissionPolicy(PracticeLogEntry))

practice_log_viewset = PracticeLogViewSet("practice_log")


@hooks.register("register_admin_viewset")
def register_practice_log_viewset():
    return practice_log_viewset


class SuperusersReadOnly(ModelPermissionPolicy):
    """Comments are between a participant and their coordinators: in the admin, superusers may
    look through them and nobody may change them."""

    def user_has_permission(self, user, action):
        return user.is_active and user.is_superuser and action == "view"


register_permission_policy(EntryComment, SuperusersReadOnly(EntryComment))


class EntryCommentViewSet(ModelViewSet):
    model = EntryComment
    icon = "comment"
    menu_label = _("Entry comments")
    menu_order = 240
    add_to_admin_menu = True
    inspect_view_enabled = True
    list_display = ["entry", "author", "created_at"]
    list_filter = ["created_at"]
    form_fields = ["body"]
    ordering = ["-created_at"]


entry_comment_viewset = EntryCommentViewSet("entry_comments")


@hooks.register("register_admin_viewset")
def register_entry_comment_viewset():
    return entry_comment_viewset


@hooks.register("construct_homepage_panels")
def add_participant_panel(request, panels):
    from portfolios.admin.dashboard import ParticipantPanel

    panel = ParticipantPanel.for_user(request.user)
    if panel is not None:
        panels.append(panel)


@hooks.register("construct_homepage_panels")
def add_coordinated_projects_panel(request, panels):
    from portfolios.admin.dashboard import CoordinatedProjectsPanel
    from portfolios.overview import coordinated_projects

    projects = coordinated_projects(request.user)
    if projects:
        panels.append(CoordinatedProjectsPanel(projects))

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home.models import ProjectMembership


class ProjectMembershipViewSet(SnippetViewSet):
    model = ProjectMembership
    icon = "group"
    menu_label = _("Project members")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["user", "role", "project"]
    list_filter = ["role", "project"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]


register_snippet(ProjectMembershipViewSet)

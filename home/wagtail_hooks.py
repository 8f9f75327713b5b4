"""The project members in the admin: core's ``ProjectMembership``, offered here because the hubs
it names are this app's pages. A membership may name any page as far as the core knows; the
admin offers project hubs alone."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.models import ProjectMembership
from home.models import MobilityProjectPage


def project_hubs():
    return MobilityProjectPage.objects.order_by("title")


class ProjectMembershipForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = project_hubs()


class ProjectMembershipFilterSet(WagtailFilterSet):
    project = django_filters.ModelChoiceFilter(
        label=_("project"), queryset=lambda request: project_hubs()
    )

    class Meta:
        model = ProjectMembership
        fields = ["role", "project"]


class ProjectMembershipViewSet(SnippetViewSet):
    model = ProjectMembership
    # The address the listing had when the model lived in this app, kept for bookmarks.
    url_prefix = "snippets/home/projectmembership"
    icon = "group"
    menu_label = _("Project members")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["user", "role", "project"]
    filterset_class = ProjectMembershipFilterSet
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    edit_handler = ObjectList(
        [FieldPanel("project"), FieldPanel("user"), FieldPanel("role")],
        base_form_class=ProjectMembershipForm,
    )


register_snippet(ProjectMembershipViewSet)

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.visibility import is_hidden_page, without_hidden_pages
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


@hooks.register("construct_page_chooser_queryset")
def hide_unseen_pages_from_choosers(pages, request):
    return without_hidden_pages(pages, request.user)


@hooks.register("construct_explorer_page_queryset")
def hide_unseen_pages_from_explorer(parent_page, pages, request):
    # The explorer opens any page under the user's explorable root by its id and shows its title;
    # a portfolio, entry or idea hidden from the user is not opened at all.
    if is_hidden_page(parent_page, request.user):
        raise Http404
    return without_hidden_pages(pages, request.user)

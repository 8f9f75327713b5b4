"""The "Evaluation" menu of the Wagtail admin: the coordinator's evaluation of each objective,
and a read-only list of the participants' ratings. Shown to superusers and coordinators only;
each row and page answers to ``evaluation.permissions``, never to group permissions."""

from django.contrib.admin.utils import unquote
from django.contrib.auth.models import Permission
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem, SubmenuMenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import history, usage
from wagtail.admin.views.generic import models as generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button
from wagtail.permissions import register_permission_policy

from evaluation import admin_views
from evaluation.models import ObjectiveRating
from evaluation.permissions import RatingPermissionPolicy, may_evaluate, may_evaluate_any
from home.models import MobilityProjectPage

register_permission_policy(ObjectiveRating, RatingPermissionPolicy(ObjectiveRating))


def project_of(rating):
    return rating.objective.page.title


def participant_of(rating):
    return rating.participant.get_full_name() or rating.participant.get_username()


class RatingsOfUser:
    """Looks ratings up only among those of the user's projects, so that a guessed id of
    another project's rating is a 404 in every view, not only missing from the list."""

    def get_ratings(self):
        return RatingPermissionPolicy(ObjectiveRating).instances_user_has_any_permission_for(
            self.request.user, {"view"}
        )


class RatingIndexView(RatingsOfUser, generic.IndexView):
    def get_base_queryset(self):
        return self.get_ratings().select_related("objective__page", "participant")


class RatingInspectView(RatingsOfUser, generic.InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(self.get_ratings(), pk=unquote(str(self.pk)))


class RatingHistoryView(RatingsOfUser, history.HistoryView):
    def get_base_object_queryset(self):
        return self.get_ratings()


class RatingUsageView(RatingsOfUser, usage.UsageView):
    def get_base_object_queryset(self):
        return self.get_ratings()


class ObjectiveRatingViewSet(ModelViewSet):
    model = ObjectiveRating
    icon = "list-ul"
    menu_label = _("Participants' ratings")
    add_to_admin_menu = False
    inspect_view_enabled = True
    copy_view_enabled = False
    # A rating is its participant's: read here, changed only by them on their rating page.
    form_fields = []
    list_display = [
        Column("project", label=_("Project"), accessor=project_of),
        Column("objective", label=_("Objective"), accessor="objective"),
        Column("participant", label=_("Participant"), accessor=participant_of),
        Column("status", label=_("Rating"), accessor="get_status_display", sort_key="status"),
        Column("comment", label=_("Comment"), accessor="comment"),
        DateColumn("updated_at", label=_("Updated"), sort_key="updated_at"),
    ]
    list_filter = ["status"]
    search_fields = ["comment", "participant__username", "participant__last_name"]
    inspect_view_fields = ["objective", "participant", "status", "comment", "updated_at"]
    index_view_class = RatingIndexView
    inspect_view_class = RatingInspectView
    history_view_class = RatingHistoryView
    usage_view_class = RatingUsageView

    def get_permissions_to_register(self):
        return Permission.objects.none()


ratings_viewset = ObjectiveRatingViewSet("objective_ratings")


@hooks.register("register_admin_viewset")
def register_ratings_viewset():
    return ratings_viewset


@hooks.register("register_admin_urls")
def register_evaluation_urls():
    return [
        path("evaluation/", admin_views.projects_index, name="evaluation_projects"),
        path("evaluation/<int:hub_pk>/", admin_views.project_evaluation, name="evaluation_project"),
        path(
            "evaluation/<int:hub_pk>/<int:number>/",
            admin_views.evaluate_objective,
            name="evaluation_objective",
        ),
    ]


class EvaluatorsMenuItem(MenuItem):
    def is_shown(self, request):
        return may_evaluate_any(request.user)


class EvaluationMenu(SubmenuMenuItem):
    def is_shown(self, request):
        return may_evaluate_any(request.user)


@hooks.register("register_admin_menu_item")
def register_evaluation_menu():
    from wagtail.admin.menu import Menu

    menu = Menu(
        items=[
            EvaluatorsMenuItem(
                _("Objectives"), reverse("evaluation_projects"), icon_name="tasks", order=100
            ),
            EvaluatorsMenuItem(
                _("Participants' ratings"),
                reverse("objective_ratings:index"),
                icon_name="list-ul",
                order=200,
            ),
        ]
    )
    return EvaluationMenu(_("Evaluation"), menu, icon_name="tasks", order=260)


@hooks.register("compile_results_sections")
def compile_evaluation_section(hub, locale=None):
    from evaluation.results_section import evaluation_section

    return evaluation_section(hub, locale)


@hooks.register("register_page_header_buttons")
def evaluate_objectives_button(page, user, view_name=None, next_url=None):
    if issubclass(page.specific_class or type(None), MobilityProjectPage) and may_evaluate(
        user, page
    ):
        yield Button(
            _("Evaluate objectives"),
            reverse("evaluation_project", args=[page.pk]),
            icon_name="tasks",
            priority=14,
        )

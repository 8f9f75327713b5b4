"""Who may see Europass Mobility records and confirmation requests in the Wagtail admin.

Superusers see every row; a project's coordinators see the rows of the projects they coordinate
and may ask a mentor to confirm a record (``ask``). Nobody adds, edits or deletes a row by hand:
records are made with their portfolios' first use, requests by asking, confirmations by mentors.
Group permissions play no part. Every view finds its rows through
``instances_user_has_any_permission_for``, so a guessed id of another project's row is a 404.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies import BasePermissionPolicy

from core.visibility import Audience, coordinates_a_project

ACTIONS = frozenset({"view", "ask"})


def is_active(user):
    return user is not None and user.is_authenticated and user.is_active


class ProjectCoordinatorsPolicy(BasePermissionPolicy):
    """``project_key`` is the ORM path from the model to its project's translation key, and
    ``project_of`` the attribute path from an instance to its project."""

    project_key = ""

    def user_has_permission(self, user, action):
        return self.user_has_any_permission(user, [action])

    def user_has_any_permission(self, user, actions):
        if not is_active(user) or not set(actions) & ACTIONS:
            return False
        return user.is_superuser or coordinates_a_project(user)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if not self.user_has_any_permission(user, actions):
            return False
        if user.is_superuser:
            return True
        project = instance.project
        return project is not None and project.translation_key in Audience.of(user).coordinator_of

    def instances_user_has_any_permission_for(self, user, actions):
        rows = self.model._default_manager.all()
        if not self.user_has_any_permission(user, actions):
            return rows.none()
        if user.is_superuser:
            return rows
        return rows.filter(**{f"{self.project_key}__in": Audience.of(user).coordinator_of})

    def users_with_any_permission(self, actions):
        from core.models import ProjectMembership

        users = get_user_model().objects.filter(is_active=True)
        if not set(actions) & ACTIONS:
            return users.none()
        return users.filter(
            Q(is_superuser=True) | Q(project_memberships__role=ProjectMembership.Role.COORDINATOR)
        ).distinct()


class RecordPolicy(ProjectCoordinatorsPolicy):
    project_key = "portfolio__project__translation_key"


class RequestPolicy(ProjectCoordinatorsPolicy):
    project_key = "record__portfolio__project__translation_key"

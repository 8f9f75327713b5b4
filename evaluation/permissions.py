"""Who may read participants' ratings and write the project's evaluation in the admin.

A project's coordinators (``core.visibility.coordinates_project``: a membership of any translation
of the hub) and superusers; nobody else, whatever their groups. Participants rate their own
objectives on the front end (``evaluation.views``), never here. Nobody changes a participant's
rating in the admin: it is theirs.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies import BasePermissionPolicy

from core.visibility import Audience, coordinates_a_project, coordinates_project


def is_active(user):
    return user is not None and user.is_authenticated and user.is_active


def may_evaluate(user, hub) -> bool:
    """May ``user`` write the evaluation of ``hub``'s objectives and read their ratings?"""
    return is_active(user) and (user.is_superuser or coordinates_project(user, hub))


def may_evaluate_any(user) -> bool:
    return is_active(user) and (user.is_superuser or coordinates_a_project(user))


class RatingPermissionPolicy(BasePermissionPolicy):
    """Ratings are read, never written, in the admin: by superusers, and by coordinators for
    the projects they coordinate."""

    def user_has_permission(self, user, action):
        return action == "view" and may_evaluate_any(user)

    def user_has_permission_for_instance(self, user, action, instance):
        return action == "view" and may_evaluate(user, instance.objective.page)

    def instances_user_has_any_permission_for(self, user, actions):
        rows = self.model._default_manager.all()
        if "view" not in actions or not may_evaluate_any(user):
            return rows.none()
        if user.is_superuser:
            return rows
        return rows.filter(objective__page__translation_key__in=Audience.of(user).coordinator_of)

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True)
        if "view" not in actions:
            return users.none()
        return users.filter(
            Q(is_superuser=True) | Q(project_memberships__role="coordinator")
        ).distinct()

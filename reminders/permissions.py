"""Who may do what with reminders in the Wagtail admin.

- **Rules** belong to a project: its coordinators list, add, change and delete the rules of the
  projects they coordinate, and run them now; superusers do so for every project.
- **The outbox** is a record of what was owed and what happened: superusers read every row, a
  project's coordinators read the rows of their projects, and both may send a failed row again.
  Nobody adds, changes or deletes a row by hand, superusers included.
- **Preferences** are each user's own; superusers may look through them, nobody changes them here.

Everybody else (participants, editors, regional teachers) sees none of it. Group permissions on
these models play no part, so no group setting can open one project's rules or outbox to another
project's coordinator. Every view looks rows up among ``instances_user_has_any_permission_for``,
so a guessed id of another project's row is a 404.

Projects are matched by their Wagtail ``translation_key``, as in ``core.visibility``: the
coordinator of a hub coordinates its translations too.
"""

from django.contrib.auth import get_user_model
from django.db.models import Min, Q
from wagtail.permission_policies import BasePermissionPolicy

from core.visibility import Audience, coordinates_a_project

RULE_ACTIONS = frozenset({"add", "change", "delete", "view"})
# "send_again" puts a failed outbox row back in the queue; it changes nothing else.
OUTBOX_ACTIONS = frozenset({"view", "send_again"})


def is_active(user):
    return user is not None and user.is_authenticated and user.is_active


def coordinator_of(user) -> frozenset:
    return Audience.of(user).coordinator_of


def rule_projects(user):
    """The project hubs ``user`` may set rules for, one page per project.

    A project's translations share its rules, so the page offered for each is the one created
    first (the original; translations are copies made later).
    """
    from home.models import MobilityProjectPage

    hubs = MobilityProjectPage.objects.all()
    if not is_active(user):
        return hubs.none()
    if not user.is_superuser:
        hubs = hubs.filter(translation_key__in=coordinator_of(user))
    originals = (
        MobilityProjectPage.objects.values("translation_key")
        .annotate(first=Min("pk"))
        .values("first")
    )
    return hubs.filter(pk__in=originals).order_by("title")


class ProjectScopedPolicy(BasePermissionPolicy):
    """Superusers may do ``actions`` everywhere, coordinators on the rows of their projects.

    ``project_key`` is the ORM path from the model to its project's translation key.
    """

    actions = frozenset()
    project_key = "project__translation_key"

    def user_has_permission(self, user, action):
        return self.user_has_any_permission(user, [action])

    def user_has_any_permission(self, user, actions):
        if not is_active(user) or not set(actions) & self.actions:
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
        return project is not None and project.translation_key in coordinator_of(user)

    def instances_user_has_any_permission_for(self, user, actions):
        rows = self.model._default_manager.all()
        if not self.user_has_any_permission(user, actions):
            return rows.none()
        if user.is_superuser:
            return rows
        return rows.filter(**{f"{self.project_key}__in": coordinator_of(user)})

    def users_with_any_permission(self, actions):
        from core.models import ProjectMembership

        users = get_user_model().objects.filter(is_active=True)
        if not set(actions) & self.actions:
            return users.none()
        return users.filter(
            Q(is_superuser=True) | Q(project_memberships__role=ProjectMembership.Role.COORDINATOR)
        ).distinct()


class ReminderRulePermissionPolicy(ProjectScopedPolicy):
    actions = RULE_ACTIONS


class OutboxPermissionPolicy(ProjectScopedPolicy):
    actions = OUTBOX_ACTIONS


class PreferencePermissionPolicy(BasePermissionPolicy):
    """Superusers look through everyone's reminder preferences; nobody changes them here."""

    def user_has_permission(self, user, action):
        return is_active(user) and user.is_superuser and action == "view"

    def users_with_any_permission(self, actions):
        if "view" not in actions:
            return get_user_model().objects.none()
        return get_user_model().objects.filter(is_active=True, is_superuser=True)

    def instances_user_has_any_permission_for(self, user, actions):
        rows = self.model._default_manager.all()
        return rows if self.user_has_any_permission(user, actions) else rows.none()

"""Administrators' view of the logins django-axes has paused, and the one action on them: unlock.

An attempt row counts one account's or one address's failures; deleting it lifts the pause
(``manage.py axes_reset`` does the same from a shell). Only superusers see it: nobody else has
a use for other people's usernames and addresses.
"""

from axes.models import AccessAttempt
from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy


class UnlockOnlyPermissionPolicy(ModelPermissionPolicy):
    """Administrators may look and unlock; nobody adds or edits an attempt by hand."""

    def user_has_permission(self, user, action):
        if action in ("add", "change"):
            return False
        return user.is_active and user.is_superuser

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class LockoutViewSet(ModelViewSet):
    model = AccessAttempt
    icon = "lock"
    menu_label = _("Locked-out logins")
    add_to_settings_menu = True
    name = "lockouts"
    list_display = ["username", "ip_address", "failures_since_start", "attempt_time"]
    search_fields = ["username", "ip_address"]
    inspect_view_enabled = True
    inspect_view_fields = ["username", "ip_address", "user_agent", "failures_since_start"]
    form_fields = ["username"]


register_permission_policy(AccessAttempt, UnlockOnlyPermissionPolicy(AccessAttempt))
lockout_viewset = LockoutViewSet()

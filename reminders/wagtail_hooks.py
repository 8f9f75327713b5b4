"""The "Reminders" menu of the Wagtail admin: rules, the outbox and, for superusers, preferences.

Each model answers to its policy in ``reminders.permissions``, so the menu shows a coordinator
the rules and outbox of their projects and nothing to participants, editors or regional
teachers. Group permissions play no part, so the group editor offers none for these models.
"""

from django.contrib.auth.models import Permission
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn, StatusTagColumn
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permissions import register_permission_policy

from reminders.admin import outbox as outbox_views
from reminders.admin import preferences as preference_views
from reminders.admin import rules as rule_views
from reminders.models import Reminder, ReminderPreference, ReminderRule
from reminders.permissions import (
    OutboxPermissionPolicy,
    PreferencePermissionPolicy,
    ReminderRulePermissionPolicy,
)

register_permission_policy(ReminderRule, ReminderRulePermissionPolicy(ReminderRule))
register_permission_policy(Reminder, OutboxPermissionPolicy(Reminder))
register_permission_policy(ReminderPreference, PreferencePermissionPolicy(ReminderPreference))


class WithoutGroupPermissions:
    def get_permissions_to_register(self):
        return Permission.objects.none()


class ReminderRuleViewSet(WithoutGroupPermissions, ModelViewSet):
    model = ReminderRule
    icon = "calendar-alt"
    menu_label = _("Rules")
    menu_order = 100
    inspect_view_enabled = True
    copy_view_enabled = False
    edit_handler = rule_views.RULE_PANELS
    list_display = [
        "__str__",
        Column("schedule", label=_("Schedule"), accessor=rule_views.schedule_of),
        BooleanColumn("enabled", label=_("On"), sort_key="enabled"),
        Column("texts", label=_("Own texts"), accessor=rule_views.text_languages),
    ]
    list_filter = ["kind", "enabled"]
    ordering = ["project__title", "kind"]
    inspect_view_fields = [
        "project",
        "kind",
        "enabled",
        "schedule",
        "send_time",
        "weekday",
        "days_after_end",
        "follow_up_weeks",
        "texts",
    ]

    index_view_class = rule_views.RuleIndexView
    add_view_class = rule_views.RuleCreateView
    edit_view_class = rule_views.RuleEditView
    delete_view_class = rule_views.RuleDeleteView
    inspect_view_class = rule_views.RuleInspectView
    history_view_class = rule_views.RuleHistoryView
    usage_view_class = rule_views.RuleUsageView

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("run/<int:pk>/", rule_views.RunNowView.as_view(), name="run_now"),
        ]


class OutboxViewSet(WithoutGroupPermissions, ModelViewSet):
    model = Reminder
    icon = "mail"
    menu_label = _("Outbox")
    menu_order = 200
    inspect_view_enabled = True
    copy_view_enabled = False
    # The rows are written by the reminders themselves; the form below is never offered.
    form_fields = []
    filterset_class = outbox_views.OutboxFilterSet
    search_fields = [
        "recipient__username",
        "recipient__email",
        "recipient__first_name",
        "recipient__last_name",
    ]
    list_display = [
        "kind",
        StatusTagColumn(
            "status",
            label=_("Status"),
            accessor="get_status_display",
            primary=lambda reminder: reminder.status == Reminder.Status.SENT,
            sort_key="status",
        ),
        Column("recipient", label=_("Recipient"), accessor=outbox_views.recipient_of),
        Column("project", label=_("Project"), accessor="project"),
        DateColumn("created_at", label=_("Created"), sort_key="created_at"),
        DateColumn("due_at", label=_("Due"), sort_key="due_at"),
        DateColumn("sent_at", label=_("Sent"), sort_key="sent_at"),
        Column("attempts", label=_("Attempts"), sort_key="attempts"),
        Column("last_error", label=_("Last error"), accessor=outbox_views.last_error_of),
    ]
    list_per_page = 50
    ordering = ["-created_at", "-pk"]
    inspect_view_fields = [
        "status",
        "kind",
        "recipient",
        "project",
        "subject",
        "period",
        "attempts",
        "last_error",
        "created_at",
        "due_at",
        "claimed_at",
        "sent_at",
    ]

    index_view_class = outbox_views.OutboxIndexView
    inspect_view_class = outbox_views.OutboxInspectView

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("send-again/", outbox_views.SendAgainView.as_view(), name="send_again"),
        ]


class PreferenceViewSet(WithoutGroupPermissions, ModelViewSet):
    model = ReminderPreference
    icon = "user"
    menu_label = _("Preferences")
    menu_order = 300
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = []
    list_display = [
        "user",
        Column("language", label=_("Email language"), accessor="get_language_display"),
        Column("delivery", label=_("Delivery"), accessor=preference_views.delivery_of),
    ]
    search_fields = ["user__username", "user__email", "user__first_name", "user__last_name"]
    ordering = ["user__username"]
    inspect_view_fields = ["user", "language", "delivery"]

    index_view_class = preference_views.PreferenceIndexView
    inspect_view_class = preference_views.PreferenceInspectView


class RemindersViewSetGroup(ModelViewSetGroup):
    menu_label = _("Reminders")
    menu_name = "reminders"
    menu_icon = "mail"
    menu_order = 250
    items = (
        ReminderRuleViewSet("reminder_rules"),
        OutboxViewSet("reminder_outbox"),
        PreferenceViewSet("reminder_preferences"),
    )


@hooks.register("register_admin_viewset")
def register_reminders_viewsets():
    return RemindersViewSetGroup()

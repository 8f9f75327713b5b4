"""The English-practice log in the Wagtail admin: a participant's own rows, a coordinator's view.

A log row belongs to its portfolio's participant, who alone adds, changes and deletes it; the
coordinators of the portfolio's project read it; superusers do everything. Group permissions on
the model play no part, so no group setting can open one participant's log to another.

``PracticeLogPermissionPolicy`` answers every question the admin asks (menu item, buttons, views)
and gives each view its rows. The views look rows up only among the rows the user may act on,
so a guessed id for somebody else's row is a 404, not a page that then refuses.
"""

from django.contrib.admin.utils import quote, unquote
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import BasePermissionPolicy

from core.languages import in_language
from core.personal import owned_roots as own_portfolios
from core.spreadsheets import CsvExportMixin
from core.visibility import Audience, coordinates_a_project, owns_or_coordinates
from portfolios.models import PracticeLogEntry

WRITE_ACTIONS = frozenset({"add", "change", "delete"})
ALL_ACTIONS = WRITE_ACTIONS | {"view"}
MINUTES_MESSAGE = _("Enter the minutes as a whole number from 1 to 600.")


def owns_a_portfolio(user):
    """Does ``user`` have a portfolio of their own, asked once per request's user object?"""
    cached = getattr(user, "_mobilitas_owns_a_portfolio", None)
    if cached is None:
        cached = own_portfolios(user).exists()
        user._mobilitas_owns_a_portfolio = cached
    return cached


class PracticeLogPermissionPolicy(BasePermissionPolicy):
    def user_has_permission(self, user, action):
        return self.user_has_any_permission(user, [action])

    def user_has_any_permission(self, user, actions):
        if not user.is_active:
            return False
        if user.is_superuser:
            return True
        actions = set(actions)
        if actions & ALL_ACTIONS and owns_a_portfolio(user):
            return True
        return "view" in actions and coordinates_a_project(user)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if not user.is_active:
            return False
        if user.is_superuser:
            return True
        actions = set(actions)
        if actions & WRITE_ACTIONS and instance.portfolio.participant_id == user.pk:
            return True
        return "view" in actions and owns_or_coordinates(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        rows = self.model._default_manager.all()
        if not user.is_active:
            return rows.none()
        if user.is_superuser:
            return rows
        actions = set(actions)
        rule = self.model.visibility_rule
        conditions = []
        if actions & ALL_ACTIONS:
            conditions.append(Q(**{rule.owner: user.pk}))
        coordinator_of = Audience.of(user).coordinator_of
        if "view" in actions and coordinator_of:
            conditions.append(Q(**{f"{rule.project_key}__in": coordinator_of}))
        if not conditions:
            return rows.none()
        condition = conditions[0]
        for other in conditions[1:]:
            condition |= other
        return rows.filter(condition)

    def users_with_any_permission(self, actions):
        from core.models import ProjectMembership

        actions = set(actions)
        condition = Q(is_superuser=True)
        if actions & ALL_ACTIONS:
            condition |= Q(portfolios__isnull=False)
        if "view" in actions:
            condition |= Q(project_memberships__role=ProjectMembership.Role.COORDINATOR)
        return get_user_model().objects.filter(condition, is_active=True).distinct()


class PracticeLogAdminForm(WagtailAdminModelForm):
    """A participant logs practice in their own portfolios only; a superuser in any."""

    class Meta:
        model = PracticeLogEntry
        fields = ["portfolio", "date", "minutes", "skill", "activity", "level", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is None or not user.is_superuser:
            portfolio = self.fields["portfolio"]
            # Each portfolio once, in the language being spoken (each has a translation per
            # language), keeping the one a row being edited already names.
            portfolio.queryset = (
                own_portfolios(user).filter(
                    Q(pk__in=in_language(own_portfolios(user)).values("pk"))
                    | Q(pk=self.instance.portfolio_id)
                )
                if user is not None
                else portfolio.queryset.none()
            )
            portfolio.error_messages["invalid_choice"] = _("Choose one of your own portfolios.")
        # The model's validators and database constraint say 1 to 600; the field says it once.
        minutes = self.fields["minutes"]
        minutes.widget.attrs.update(min=1, max=600)
        for code in ("invalid", "min_value", "max_value"):
            minutes.error_messages[code] = MINUTES_MESSAGE


class RowsOfUser:
    """Looks rows up only among those the user may do ``row_actions`` with."""

    row_actions = ALL_ACTIONS

    def get_rows(self):
        return self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, self.row_actions
        ).select_related("portfolio__project")


class InstanceButtons:
    """Offers edit and delete for the rows the user may change, not for every row shown."""

    def _may(self, action, instance):
        return self.permission_policy.user_has_permission_for_instance(
            self.request.user, action, instance
        )


class PracticeLogIndexView(CsvExportMixin, RowsOfUser, InstanceButtons, generic.IndexView):
    def get_base_queryset(self):
        return self.get_rows()

    def get_edit_url(self, instance):
        if self._may("change", instance):
            return super().get_edit_url(instance)

    def get_copy_url(self, instance):
        if self._may("change", instance):
            return super().get_copy_url(instance)

    def get_delete_url(self, instance):
        if self._may("delete", instance):
            return super().get_delete_url(instance)


class PracticeLogInspectView(RowsOfUser, InstanceButtons, generic.InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(self.get_rows(), pk=unquote(str(self.pk)))

    def get_edit_url(self):
        if self.edit_url_name and self._may("change", self.object):
            return reverse(self.edit_url_name, args=(quote(self.object.pk),))

    def get_delete_url(self):
        if self.delete_url_name and self._may("delete", self.object):
            return reverse(self.delete_url_name, args=(quote(self.object.pk),))


class PracticeLogEditView(RowsOfUser, generic.EditView):
    row_actions = {"change"}

    def get_queryset(self):
        return self.get_rows()


class PracticeLogDeleteView(RowsOfUser, generic.DeleteView):
    row_actions = {"delete"}

    def get_queryset(self):
        return self.get_rows()


class PracticeLogCopyView(RowsOfUser, generic.CopyView):
    # A copy starts a new row of one's own practice from one of one's own rows.
    row_actions = {"change"}

    def get_object(self, queryset=None):
        return get_object_or_404(self.get_rows(), pk=unquote(str(self.kwargs[self.pk_url_kwarg])))


class PracticeLogHistoryView(RowsOfUser, history.HistoryView):
    row_actions = WRITE_ACTIONS

    def get_base_object_queryset(self):
        return self.get_rows()


class PracticeLogUsageView(RowsOfUser, usage.UsageView):
    row_actions = {"change"}

    def get_base_object_queryset(self):
        return self.get_rows()


class PracticeLogViewSet(ModelViewSet):
    model = PracticeLogEntry
    icon = "time"
    menu_label = _("English practice")
    menu_order = 230
    add_to_admin_menu = True
    inspect_view_enabled = True
    list_display = ["date", "portfolio", "skill", "activity", "minutes", "level"]
    list_filter = ["skill", "activity", "level", "date"]
    list_export = ["date", "portfolio", "skill", "activity", "minutes", "level", "note"]
    form_fields = PracticeLogAdminForm.Meta.fields
    ordering = ["-date"]

    index_view_class = PracticeLogIndexView
    inspect_view_class = PracticeLogInspectView
    edit_view_class = PracticeLogEditView
    delete_view_class = PracticeLogDeleteView
    copy_view_class = PracticeLogCopyView
    history_view_class = PracticeLogHistoryView
    usage_view_class = PracticeLogUsageView

    def get_form_class(self, for_update=False):
        return PracticeLogAdminForm

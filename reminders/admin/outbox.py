"""The outbox: every reminder written, its state, and "Send again" for failed rows."""

import functools

from django import forms
from django.contrib.admin.utils import quote, unquote
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django_filters import ChoiceFilter, DateFromToRangeFilter, ModelChoiceFilter
from wagtail.admin import messages
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.views import generic
from wagtail.admin.widgets.button import Button, HeaderButton
from wagtail.permissions import policy_registry

from reminders.admin.common import ConfirmationView, InspectsPlainly
from reminders.delivery import REASONS
from reminders.models import Kind, Reminder
from reminders.permissions import rule_projects


class OutboxFilterSet(WagtailFilterSet):
    status = ChoiceFilter(
        label=_("Status"),
        choices=Reminder.Status.choices,
        empty_label=_("All"),
        widget=forms.RadioSelect,
    )
    kind = ChoiceFilter(label=_("Kind"), choices=Kind.choices, empty_label=_("All"))
    project = ModelChoiceFilter(
        label=_("Project"),
        queryset=lambda request: rule_projects(request.user),
        method="filter_project",
        empty_label=_("All"),
    )
    created_at = DateFromToRangeFilter(label=_("Created"), widget=DateRangePickerWidget)

    class Meta:
        model = Reminder
        fields = []

    def filter_project(self, queryset, name, project):
        # A project's rows may name any of its translations.
        return queryset.filter(project__translation_key=project.translation_key)


def recipient_of(reminder) -> str:
    user = reminder.recipient
    name = user.get_full_name()
    return f"{name} ({user.get_username()})" if name else user.get_username()


def reason_of(reminder) -> str:
    """The row's last error, or why it was not sent: the reasons ``reminders.delivery`` stores
    in English are shown in the reader's language."""
    text = reminder.last_error.strip()
    return gettext(text) if text in REASONS else text


def last_error_of(reminder) -> str:
    error = reason_of(reminder).splitlines()
    return error[-1][:120] if error else ""


class RowsOfUser:
    """Looks outbox rows up only among those of the user's projects."""

    def get_rows(self):
        policy = policy_registry.get_by_type(Reminder)
        return policy.instances_user_has_any_permission_for(
            self.request.user, {"view"}
        ).select_related("recipient", "project")

    def send_again_url(self, reminder=None):
        url = reverse("reminder_outbox:send_again")
        if reminder is None:
            return url
        if reminder.status == Reminder.Status.FAILED:
            return f"{url}?id={quote(reminder.pk)}"


class OutboxIndexView(RowsOfUser, generic.IndexView):
    page_title = _("Outbox")

    def get_base_queryset(self):
        return self.get_rows()

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if url := self.send_again_url(instance):
            buttons.append(Button(_("Send again"), url=url, icon_name="redirect", priority=15))
        return buttons

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.get_rows().filter(status=Reminder.Status.FAILED).exists():
            buttons.append(
                HeaderButton(
                    _("Send failed reminders again"),
                    url=self.send_again_url(),
                    icon_name="redirect",
                )
            )
        return buttons


class OutboxInspectView(InspectsPlainly, RowsOfUser, generic.InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(self.get_rows(), pk=unquote(str(self.pk)))

    def get_recipient_display_value(self):
        return recipient_of(self.object)

    def get_subject_display_value(self):
        return str(self.object.subject or "—")

    def get_project_display_value(self):
        return str(self.object.project or "—")

    def get_last_error_display_value(self):
        return reason_of(self.object) or "—"

    def get_context_for_field(self, field_name):
        if field_name == "subject":
            return {
                "label": _("About"),
                "value": self.get_subject_display_value(),
                "component": None,
            }
        return super().get_context_for_field(field_name)

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if url := self.send_again_url(self.object):
            buttons.append(Button(_("Send again"), url=url, icon_name="redirect", priority=5))
        return buttons


def send_again(rows) -> list:
    """Put the failed rows among ``rows`` back in the queue, and publish a send for each once
    that has committed.

    The update is conditional on a row still being failed, so a row a worker took in the
    meantime is left to it. Publishing is best effort (``outbox.publish``): if the broker is
    down, the rows wait as pending, due now, for the relay. Returns the keys of the rows sent
    again.
    """
    from reminders.outbox import publish

    with transaction.atomic():
        pks = list(
            rows.filter(status=Reminder.Status.FAILED)
            .select_for_update(of=("self",))
            .values_list("pk", flat=True)
        )
        Reminder.objects.filter(pk__in=pks, status=Reminder.Status.FAILED).update(
            status=Reminder.Status.PENDING,
            attempts=0,
            due_at=timezone.now(),
            claimed_at=None,
        )
        transaction.on_commit(functools.partial(publish, pks))
    return pks


# Rows listed on the confirmation page; the rest are counted.
SHOWN_ROWS = 100


class SendAgainView(RowsOfUser, ConfirmationView):
    """``?id=…`` (repeatable) names the rows; without it, every failed row the user may see."""

    model = Reminder
    permission_required = "send_again"
    template_name = "reminders/admin/confirm_send_again.html"
    page_title = _("Send again")
    index_url_name = "reminder_outbox:index"
    index_label = _("Outbox")

    def chosen_rows(self, data):
        rows = self.get_rows()
        if "id" not in data:
            return rows.filter(status=Reminder.Status.FAILED)
        ids = [value for value in data.getlist("id") if value.isascii() and value.isdigit()]
        chosen = rows.filter(pk__in=ids)
        if not chosen.exists():
            raise Http404
        return chosen

    def get(self, request, *args, **kwargs):
        rows = self.chosen_rows(request.GET)
        failed = rows.filter(status=Reminder.Status.FAILED).order_by("-created_at")
        count = failed.count()
        if not count:
            return self.nothing_to_send()
        named = "id" in request.GET
        return self.render_to_response(
            self.get_context_data(
                rows=failed[:SHOWN_ROWS],
                more=count > SHOWN_ROWS,
                count=count,
                ids=list(failed.values_list("pk", flat=True)) if named else [],
            )
        )

    def post(self, request, *args, **kwargs):
        pks = send_again(self.chosen_rows(request.POST))
        if not pks:
            return self.nothing_to_send()
        messages.success(
            request,
            ngettext(
                "%(count)d reminder will be sent again.",
                "%(count)d reminders will be sent again.",
                len(pks),
            )
            % {"count": len(pks)},
        )
        return redirect(self.index_url_name)

    def nothing_to_send(self):
        messages.warning(self.request, _("There is no failed reminder to send again."))
        return redirect(self.index_url_name)

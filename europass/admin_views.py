"""The admin's screens for records and confirmation requests, each finding its rows through the
permission policy (``europass.permissions``), so that a coordinator lists and opens the rows of
their projects only and a guessed id of another project's row is a 404; and the coordinator's
screen for asking a host mentor to confirm a record."""

from django.contrib.admin.utils import unquote
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets.button import Button
from wagtail.permissions import policy_registry

from europass.actions import Refused, ask_mentor
from europass.forms import AskMentorForm
from europass.models import MobilityRecord
from europass.record import partners_by_role


class RowsOfUser:
    def get_rows(self):
        policy = policy_registry.get_by_type(self.model)
        return policy.instances_user_has_any_permission_for(self.request.user, ["view"])


class ScopedIndexView(RowsOfUser, generic.IndexView):
    def get_base_queryset(self):
        return self.get_rows()


class RecordIndexView(ScopedIndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        buttons.append(
            Button(
                _("Ask the mentor to confirm"),
                url=reverse("europass_records:ask_mentor", args=[instance.pk]),
                icon_name="mail",
                priority=15,
            )
        )
        return buttons


class ScopedInspectView(RowsOfUser, generic.InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(self.get_rows(), pk=unquote(str(self.pk)))


class AskMentorView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    model = MobilityRecord
    permission_required = "ask"
    form_class = AskMentorForm
    template_name = "europass/admin/ask_mentor.html"
    page_title = _("Ask the host mentor to confirm")
    header_icon = "mail"

    @property
    def permission_policy(self):
        return policy_registry.get_by_type(MobilityRecord)

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.record = None

    def dispatch(self, request, *args, **kwargs):
        rows = self.permission_policy.instances_user_has_any_permission_for(request.user, ["ask"])
        self.record = get_object_or_404(
            rows.select_related("portfolio__project", "host_institution"),
            pk=unquote(str(kwargs["pk"])),
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.record)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("europass_records:index"), "label": _("Europass Mobility records")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_initial(self):
        # Until a mentor is named, the project's first host and its contact person are offered.
        record = self.record
        host = record.host_institution
        if host is None and record.portfolio.project is not None:
            host = partners_by_role(record.portfolio.project).get("host")
        contact = host if not record.mentor_name and host is not None else None
        return {
            "host_institution": host,
            "mentor_name": contact.contact_name if contact else record.mentor_name,
            "mentor_role": contact.contact_role if contact else record.mentor_role,
            "mentor_email": contact.contact_email if contact else record.mentor_email,
            "language": self.request.LANGUAGE_CODE
            if hasattr(self.request, "LANGUAGE_CODE")
            else "en",
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            record=self.record,
            pending=self.record.pending_request(),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            ask_mentor(self.record, self.request.user, **form.cleaned_data)
        except Refused as refusal:
            messages.error(self.request, refusal.message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("The link to confirm %(holder)s's record is on its way to %(email)s.")
            % {"holder": self.record, "email": form.cleaned_data["mentor_email"]},
        )
        project = self.record.portfolio.project
        if project is not None:
            return redirect("europass:project_records", project.pk)
        return redirect("europass_records:index")

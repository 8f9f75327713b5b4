"""The "Europass Mobility" menu of the Wagtail admin: the records and the confirmation requests
of the projects a coordinator coordinates (every project for superusers), read-only, and the
screen that asks a host mentor to confirm a record (``europass.admin_views``)."""

from django.contrib.auth.models import Permission
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permissions import register_permission_policy

from europass.admin_views import (
    AskMentorView,
    RecordIndexView,
    ScopedIndexView,
    ScopedInspectView,
)
from europass.models import ConfirmationRequest, MobilityRecord
from europass.permissions import RecordPolicy, RequestPolicy

register_permission_policy(MobilityRecord, RecordPolicy(MobilityRecord))
register_permission_policy(ConfirmationRequest, RequestPolicy(ConfirmationRequest))


def confirmation_of(record):
    confirmation = record.latest_confirmation()
    if confirmation is None:
        return _("Not confirmed yet")
    return _("Confirmed by %(name)s on %(date)s") % {
        "name": confirmation.confirmed_by_name,
        "date": confirmation.confirmed_at.date().isoformat(),
    }


class ReadOnlyViewSet(ModelViewSet):
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = []
    index_view_class = ScopedIndexView
    inspect_view_class = ScopedInspectView

    def get_permissions_to_register(self):
        return Permission.objects.none()


class RecordViewSet(ReadOnlyViewSet):
    model = MobilityRecord
    icon = "doc-full"
    menu_label = _("Records")
    menu_order = 100
    url_namespace = "europass_records"
    url_prefix = "europass/records"
    index_view_class = RecordIndexView
    search_fields = ["portfolio__title", "mentor_name", "mentor_email"]
    list_display = [
        "__str__",
        Column("project", label=_("Project"), accessor="project"),
        Column("mentor_name", label=_("Mentor"), accessor="mentor_name"),
        Column("confirmation", label=_("Confirmation"), accessor=confirmation_of),
    ]
    inspect_view_fields = [
        "portfolio",
        "host_institution",
        "mentor_name",
        "mentor_role",
        "mentor_email",
        "created_at",
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("ask/<int:pk>/", AskMentorView.as_view(), name="ask_mentor"),
        ]


class RequestViewSet(ReadOnlyViewSet):
    model = ConfirmationRequest
    icon = "mail"
    menu_label = _("Confirmation requests")
    menu_order = 200
    url_namespace = "europass_requests"
    url_prefix = "europass/requests"
    list_filter = ["status"]
    list_display = [
        "__str__",
        StatusTagColumn(
            "status",
            label=_("Status"),
            accessor="get_status_display",
            primary=lambda request: request.status == ConfirmationRequest.Status.CONFIRMED,
            sort_key="status",
        ),
        DateColumn("created_at", label=_("Created"), sort_key="created_at"),
        DateColumn("sent_at", label=_("Email sent"), sort_key="sent_at"),
        DateColumn("confirmed_at", label=_("Confirmed"), sort_key="confirmed_at"),
        Column("confirmed_by_name", label=_("Confirmed by"), accessor="confirmed_by_name"),
    ]
    inspect_view_fields = [
        "record",
        "status",
        "mentor_email",
        "language",
        "sent_by",
        "created_at",
        "sent_at",
        "send_error",
        "confirmed_at",
        "confirmed_by_name",
        "confirmed_by_role",
        "comment",
    ]


class EuropassViewSetGroup(ModelViewSetGroup):
    menu_label = _("Europass Mobility")
    menu_name = "europass"
    menu_icon = "doc-full"
    menu_order = 260
    items = (RecordViewSet, RequestViewSet)


@hooks.register("register_admin_viewset")
def register_europass_viewsets():
    return EuropassViewSetGroup()

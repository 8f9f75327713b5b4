"""Everyone's reminder preferences, for superusers."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.views import generic

from reminders.admin.common import InspectsPlainly
from reminders.models import Kind


def delivery_of(preference) -> str:
    """The kinds a user has changed from "at once", with their choice."""
    from reminders.models import Delivery

    choices = []
    for kind, value in sorted(preference.delivery.items()):
        if kind in Kind.values and value in Delivery.values and value != Delivery.IMMEDIATE:
            choices.append(f"{Kind(kind).label}: {Delivery(value).label}")
    return "; ".join(choices) or str(_("Everything at once"))


class PreferenceIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("user")


class PreferenceInspectView(InspectsPlainly, generic.InspectView):
    def get_delivery_display_value(self):
        return delivery_of(self.object)

"""The final report in the admin: its views, a menu item for those who coordinate a project, and a
"Final report" button on the project's hub for its coordinators."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from final_report import views
from home.models import MobilityProjectPage


@hooks.register("register_admin_urls")
def register_final_report_urls():
    return [path("final-report/", include((views.urlpatterns, "final_report")))]


class FinalReportMenuItem(MenuItem):
    def is_shown(self, request):
        return views.may_see_reports(request.user)


@hooks.register("register_admin_menu_item")
def register_final_report_menu_item():
    return FinalReportMenuItem(
        _("Final reports"),
        reverse("final_report:index"),
        name="final-reports",
        icon_name="doc-full",
        order=360,
    )


def final_report_buttons(page, user, priority):
    if not issubclass(page.specific_class or type(None), MobilityProjectPage):
        return
    if views.may_report(user, page):
        yield Button(
            _("Final report"),
            reverse("final_report:report", args=[page.pk]),
            icon_name="doc-full",
            priority=priority,
        )


@hooks.register("register_page_header_buttons")
def page_header_final_report_button(page, user, view_name=None, next_url=None):
    yield from final_report_buttons(page, user, priority=14)


@hooks.register("register_page_listing_more_buttons")
def page_listing_final_report_button(page, user, next_url=None):
    yield from final_report_buttons(page, user, priority=5)

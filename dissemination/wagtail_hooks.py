"""Results pages in the admin: the "Compile now" and "Downloads" views (``dissemination.admin``),
and buttons to them from the page's header and from its row in the page listing, for those who
may use them."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from dissemination.admin import downloads
from dissemination.admin.compile import compile_view
from dissemination.models import ResultsPage
from dissemination.permissions import may_compile, may_download_pack


@hooks.register("register_admin_urls")
def register_compile_url():
    return [
        path("results/<int:page_id>/compile/", compile_view, name="dissemination_compile"),
    ]


@hooks.register("register_admin_urls")
def register_downloads_urls():
    return downloads.urlpatterns


def results_buttons(page, user, priority):
    """ "Compile now" for those who may compile, "Downloads" for them and for whoever may take
    the report pack."""
    if not issubclass(page.specific_class or type(None), ResultsPage):
        return
    page = page.specific_deferred
    compiles = may_compile(user, page)
    if compiles:
        yield Button(
            _("Compile now"),
            reverse("dissemination_compile", args=[page.pk]),
            icon_name="resubmit",
            priority=priority,
        )
    if compiles or may_download_pack(user, page):
        yield Button(
            _("Downloads"),
            reverse("dissemination_downloads", args=[page.pk]),
            icon_name="download",
            priority=priority + 1,
        )


@hooks.register("register_page_header_buttons")
def page_header_results_buttons(page, user, view_name=None, next_url=None):
    yield from results_buttons(page, user, priority=12)


@hooks.register("register_page_listing_more_buttons")
def page_listing_results_buttons(page, user, next_url=None):
    yield from results_buttons(page, user, priority=3)

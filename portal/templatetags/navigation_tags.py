"""The site header's links for the user of each request, and a project hub's way to its results
and ideas (see ``portal.navigation``)."""

from django import template
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.text import Truncator
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from ideas.templatetags.idea_tags import ideas_url
from portal import navigation

register = template.Library()

# A coordinator of several projects tells them apart by title; whole titles would fill the row.
OVERVIEW_TITLE_CHARS = 32


@register.simple_tag(takes_context=True)
def site_navigation(context) -> list[dict]:
    """The main navigation as links with ``label``, ``url`` and ``current``.

    A participant's own pages come first, and only for someone who keeps a portfolio; then a
    coordinator's project overviews; then what everyone may browse; then the admin for those
    who work in it. The account's own links live in the account menu, not here.
    """
    request = context.get("request")
    user = context.get("user")
    path = request.path if request is not None else ""
    links = []

    def add(label, url, section=False):
        if url:
            current = path.startswith(url) if section else path == url
            links.append({"label": label, "url": url, "current": current})

    authenticated = user is not None and user.is_authenticated
    if authenticated and navigation.user_facts(user)["has_portfolio"]:
        add(_("My portfolio"), reverse("portfolios:my_portfolio"))
        add(_("Log English practice"), reverse("portfolios:log_practice"))
    if authenticated:
        overviews = navigation.project_overviews(user)
        for overview in overviews:
            label = (
                _("Project overview")
                if len(overviews) == 1
                else _("Overview: %(project)s")
                % {"project": Truncator(overview["title"]).chars(OVERVIEW_TITLE_CHARS)}
            )
            add(label, overview["url"])
    add(_("Projects"), navigation.projects_url(request), section=True)
    add(_("Ideas"), ideas_url(context), section=True)
    if authenticated and user.has_perm("wagtailadmin.access_admin"):
        add(_("Admin"), reverse("wagtailadmin_home"))
    return links


@register.simple_tag(takes_context=True)
def hub_links(context, hub) -> dict:
    """Where the hub points beyond itself: its results page and the ideas it gave rise to."""
    request = context.get("request")
    user = getattr(request, "user", None)
    results = navigation.results_page_of(hub)
    ideas = ideas_url(context)
    query = navigation.project_ideas_query(hub, user) if ideas else None
    other_language = results is not None and results.locale_id != hub.locale_id
    return {
        "results_url": results.get_url(request) if results else None,
        "results_hreflang": results.locale.language_code if other_language else None,
        "results_language": (
            get_language_info(results.locale.language_code)["name_translated"]
            if other_language
            else None
        ),
        "ideas_url": f"{ideas}?{query}" if query else None,
    }


ACCOUNT_VIEWS = {
    "login",
    "logout",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
}


@register.simple_tag(takes_context=True)
def login_url(context) -> str:
    """The login page, coming back to this page afterwards unless this is an account page
    itself (logging in from "Check your email" should not lead back there)."""
    url = reverse("login")
    request = context.get("request")
    if request is None:
        return url
    match = request.resolver_match
    if match is not None and match.view_name in ACCOUNT_VIEWS:
        return url
    return f"{url}?{urlencode({'next': request.get_full_path()})}"

"""Every page type's add and edit views and every snippet's add and edit views open in the
admin with every static file found and no console error, so that an app missing from
INSTALLED_APPS (as wagtail.contrib.table_block once was) can never again break an editor."""

import json
import re
import urllib.request

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("journeys")]

PAGE_TYPES = [
    "home.HomePage",
    "home.ProjectIndexPage",
    "home.MobilityProjectPage",
    "portfolios.PortfolioPage",
    "portfolios.SeminarNotePage",
    "portfolios.LessonObservationPage",
    "portfolios.InstitutionVisitPage",
    "portfolios.ReflectionPage",
    "ideas.IdeaIndexPage",
    "ideas.IdeaPage",
    "dissemination.ResultsPage",
]

# Types of which only one may exist where they go (one results page per project).
SINGLETONS = {
    "home.HomePage",
    "home.ProjectIndexPage",
    "ideas.IdeaIndexPage",
    "dissemination.ResultsPage",
}


def api(base_url, path):
    with urllib.request.urlopen(base_url + path, timeout=10) as response:  # noqa: S310 - loopback
        return json.load(response)


def public_page_of_type(base_url, page_type):
    """One live public page of the type and its parent's id, from the read-only API."""
    items = api(base_url, f"/api/v2/pages/?type={page_type}&limit=1")["items"]
    if not items:
        return None
    return api(base_url, f"/api/v2/pages/{items[0]['id']}/")


def editor_loaded(page):
    """The form is there to fill and its scripts have run: the footer's main action shows."""
    footer = page.locator("footer").last
    expect(footer.get_by_role("button", name=re.compile("^(Save|Publish|Create)"))).to_be_visible()
    page.wait_for_load_state("networkidle")


def test_every_page_type_opens_for_adding_and_editing(journey):
    page = journey.page
    journey.login("admin")
    parents = {}
    for page_type in PAGE_TYPES:
        found = public_page_of_type(journey.url, page_type)
        if found:
            page.goto(f"/admin/pages/{found['id']}/edit/")
            parent = found["meta"].get("parent")
            if parent:
                parents[page_type] = parent["id"]
        else:
            # No public one to find: the admin's own search, filtered by type, as an
            # administrator looks for it.
            page.goto(f"/admin/pages/search/?q=&content_type={page_type.lower()}")
            page.locator("main a[href$='/edit/']").first.click()
        editor_loaded(page)
        journey.shot(f"edit-{page_type}")
    # Every entry type goes under a portfolio.
    for page_type in PAGE_TYPES:
        if page_type.startswith("portfolios.") and page_type != "portfolios.PortfolioPage":
            parents.setdefault(page_type, parents["portfolios.SeminarNotePage"])

    # Add each type the way an editor does: "Add child page" under a page that takes it.
    for page_type, parent_id in parents.items():
        app, model = page_type.split(".")
        page.goto(f"/admin/pages/{parent_id}/add_subpage/")
        add_url = f"/admin/pages/add/{app}/{model.lower()}/"
        # A parent that takes one type only sends the editor straight to its form.
        if add_url not in page.url:
            offered = page.locator(f"main a[href^='{add_url}']")
            if not offered.count():
                assert page_type in SINGLETONS, f"{page_type} cannot be added anywhere"
                continue
            offered.first.click()
        editor_loaded(page)
        journey.shot(f"add-{page_type}")


def test_every_snippet_opens_for_adding_and_editing(journey):
    page = journey.page
    journey.login("admin")
    # Every snippet has its place in the admin menu (Wagtail then folds away its own index).
    page.goto("/admin/")
    listings = sorted(
        {
            href
            for href in page.locator("a[href^='/admin/snippets/']").evaluate_all(
                "links => links.map(a => a.getAttribute('href'))"
            )
            if re.fullmatch(r"/admin/snippets/\w+/\w+/", href)
        }
    )
    assert listings, "the admin lists no snippets"
    for listing in listings:
        page.goto(listing)
        journey.shot(f"list-{listing}")
        page.goto(listing + "add/")
        editor_loaded(page)
        journey.shot(f"add-{listing}")
        page.goto(listing)
        edit = page.locator(f"main a[href^='{listing}edit/']").first
        if edit.count():
            edit.click()
            editor_loaded(page)
            journey.shot(f"edit-{listing}")

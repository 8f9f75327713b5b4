"""The editor compiles the project's results page, approves the draft in the "Results review"
workflow, and an anonymous visitor reads the published page and downloads its brochure."""

import re

import pytest
from playwright.sync_api import expect

from tests.journeys.admin import settle

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("journeys")]

RESULTS = "/projects/latgale-florence-2010/results/"


def test_the_editor_compiles_approves_and_the_public_reads_the_results(journey):
    page = journey.page
    journey.login("editor")
    page.goto("/admin/")
    journey.shot("dashboard")

    # Find the results page in the admin's search, as an editor does.
    page.get_by_role("textbox", name="Search").first.fill("Results of the Florence")
    page.keyboard.press("Enter")
    page.get_by_role("link", name=re.compile("Results of the Florence study visit")).first.click()
    page.get_by_role("link", name="Compile now").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Compile")
    page.locator("main").get_by_role("button", name="Compile now").click()
    # The page reloads itself while the worker compiles (wait for that to start: the demo's own
    # earlier compile already reads "Last compiled"); then it says what came of it.
    reloading = page.get_by_text("This page reloads itself until the compile is done")
    expect(reloading.first).to_be_visible(timeout=30_000)
    expect(reloading).to_have_count(0, timeout=180_000)
    expect(page.locator("main")).to_contain_text(re.compile("Last compiled", re.I))
    journey.shot("compiled")

    page.get_by_role("link", name="Edit the results page").click()
    settle(page)
    footer = page.locator("footer").last
    footer.locator(".w-dropdown__toggle").last.click()
    approve = footer.get_by_role("button", name="Approve and Publish")
    if not approve.is_visible():
        # Nothing public changed since the last compile, so nothing waits for review: the
        # editor adds a line of their own and sends the page for review themselves.
        page.keyboard.press("Escape")
        introduction = page.locator("[data-contentpath=introduction] [contenteditable=true]")
        introduction.first.click()
        page.keyboard.press("Control+End")
        page.keyboard.type(" Updated after the follow-up meeting.")
        settle(page)
        footer.locator(".w-dropdown__toggle").last.click()
        with page.expect_navigation():
            footer.get_by_role("button", name=re.compile("^Submit to Results review")).click()
        title = "Results of the Florence study visit"
        page.locator("main").get_by_role("link", name=title).first.click()
        settle(page)
        footer = page.locator("footer").last
        footer.locator(".w-dropdown__toggle").last.click()
        approve = footer.get_by_role("button", name="Approve and Publish")
    journey.shot("review")
    with page.expect_navigation():
        approve.click()
    done = re.compile("approved|published|updated", re.I)
    expect(page.locator(".messages").first).to_contain_text(done)
    journey.shot("approved")

    visitor = journey.new_context().new_page()
    visitor.goto(RESULTS)
    expect(visitor.get_by_role("heading", level=1)).to_contain_text("Results")
    journey.shot("public-results", visitor)
    with visitor.expect_download() as download:
        visitor.get_by_role("link", name=re.compile("PDF brochure")).click()
    assert download.value.suggested_filename.endswith(".pdf")
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

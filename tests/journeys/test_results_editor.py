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
    # The page reloads itself while the worker compiles.
    expect(page.locator("main")).to_contain_text(
        re.compile("draft|nothing has changed|no new draft|up to date", re.I), timeout=120_000
    )
    journey.shot("compiled")

    nothing_new = "no new draft" in page.locator("main").inner_text()
    page.get_by_role("link", name="Edit the results page").click()
    footer = page.locator("footer").last
    in_review = "in moderation" in page.locator("header").first.inner_text().lower()
    if nothing_new and not in_review:
        # Nothing public changed since the last compile: the editor adds a line of their own
        # and sends the page for review themselves.
        introduction = page.locator("[data-contentpath=introduction] [contenteditable=true]")
        introduction.first.click()
        page.keyboard.press("End")
        page.keyboard.type(" Updated after the follow-up meeting.")
        settle(page)
        footer.locator(".w-dropdown__toggle").last.click()
        with page.expect_navigation():
            footer.get_by_role("button", name=re.compile("^Submit to Results review")).click()
        page.locator("main").get_by_role(
            "link", name="Results of the Florence study visit"
        ).first.click()
    settle(page)
    footer = page.locator("footer").last
    approve = footer.get_by_role("button", name=re.compile("^Approve$"))
    if not approve.first.is_visible():
        footer.locator(".w-dropdown__toggle").last.click()
    journey.shot("review")
    with page.expect_navigation():
        approve.first.click()
    expect(page.locator(".messages").first).to_contain_text(re.compile("approved|published", re.I))
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

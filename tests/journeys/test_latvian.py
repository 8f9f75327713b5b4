"""A Latvian visitor switches to Latvian on the home page and stays in Latvian through the
projects, the hub, portfolios, entries, ideas, an idea, the results page and its brochure."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("journeys")]


def in_latvian(page):
    """The page is the Latvian one: its language and address say so."""
    expect(page.locator("html")).to_have_attribute("lang", "lv")
    path = page.url.split("://", 1)[1].split("/", 1)[1]
    assert path.startswith("lv/"), f"left Latvian for /{path}"


def test_a_latvian_visitor_stays_in_latvian(journey):
    page = journey.page
    page.goto("/")
    page.get_by_role("link", name="latviešu").click()
    in_latvian(page)
    journey.shot("home")

    page.get_by_role("navigation").get_by_role("link", name="Projekti").first.click()
    in_latvian(page)
    journey.shot("projects")
    page.locator("main").get_by_role("link", name=re.compile("Latgal", re.I)).first.click()
    in_latvian(page)
    expect(page.get_by_role("heading", name="Mērķi")).to_be_visible()
    hub = page.url
    journey.shot("hub")

    portfolios = page.locator(
        "section", has=page.get_by_role("heading", name=re.compile("portfeļi", re.I))
    )
    portfolios.get_by_role("link").first.click()
    in_latvian(page)
    journey.shot("portfolio")
    entries = page.locator(
        "section", has=page.get_by_role("heading", name=re.compile("Ieraksti", re.I))
    )
    entries.get_by_role("link").first.click()
    in_latvian(page)
    journey.shot("entry")

    page.goto(hub)
    page.get_by_role("link", name=re.compile("Rezultāt", re.I)).first.click()
    in_latvian(page)
    journey.shot("results")
    brochure = page.get_by_role("link", name=re.compile("PDF", re.I)).first
    with page.expect_download() as download:
        brochure.click()
    assert download.value.suggested_filename.endswith(".pdf")
    assert "/lv/" in download.value.url, download.value.url

    page.goto(hub)
    page.get_by_role("link", name=re.compile("Idejas", re.I)).first.click()
    in_latvian(page)
    journey.shot("ideas")
    page.locator(".card__title a").first.click()
    in_latvian(page)
    journey.shot("idea")

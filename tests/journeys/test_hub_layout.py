"""The hub as a person sees it, in Chromium: readable on a phone, two columns on a desktop, and
the language switcher leads to the Latvian page. (Formerly tests/test_browser.py, now on the
journeys' shared demo stack.)"""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("journeys")]

HUB = "/projects/latgale-florence-2010/"


def test_hub_fits_a_phone_screen_without_sideways_scrolling(journey):
    page = journey.page
    page.set_viewport_size({"width": 360, "height": 740})
    assert page.goto(HUB).status == 200
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page is {overflow}px wider than the phone"
    assert page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") >= 16
    objectives = page.locator("ol.objectives > li")
    expect(objectives).to_have_count(9)
    expect(objectives.first).to_be_visible()
    # One column: the facts come after the objectives, not squeezed beside them.
    main_box = page.locator(".project__main").bounding_box()
    facts_box = page.locator(".project__facts").bounding_box()
    assert facts_box["y"] >= main_box["y"] + main_box["height"]
    journey.shot("hub-phone")


def test_hub_uses_two_columns_on_a_desktop(journey):
    page = journey.page
    assert page.goto(HUB).status == 200
    main_box = page.locator(".project__main").bounding_box()
    facts_box = page.locator(".project__facts").bounding_box()
    assert facts_box["x"] >= main_box["x"] + main_box["width"]
    assert abs(facts_box["y"] - main_box["y"]) < 50
    journey.shot("hub-desktop")


def test_language_switcher_opens_the_latvian_hub(phone_journey):
    page = phone_journey.page
    page.goto(HUB)
    page.get_by_role("link", name="latviešu").click()
    page.wait_for_url("**/lv/projekti/latgale-florence-2010/")
    expect(page.locator("html")).to_have_attribute("lang", "lv")
    expect(page.get_by_role("heading", name="Mērķi")).to_be_visible()
    phone_journey.shot("hub-latvian")

"""The hub as a person sees it, in Chromium: readable on a phone, two columns on a desktop, and
the language switcher leads to the Latvian page.

Chromium comes from Debian (``/usr/bin/chromium``, or ``CHROMIUM_PATH``); Playwright drives it.
"""

import pytest

from home.demo import PROJECT

pytestmark = pytest.mark.browser

HUB = "/projects/latgale-florence-2010/"


def open_page(browser, url, width, height):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    response = page.goto(url)
    assert response.status == 200
    return page


def test_hub_fits_a_phone_screen_without_sideways_scrolling(browser, demo_site, tmp_path):
    page = open_page(browser, demo_site + HUB, 360, 740)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page is {overflow}px wider than the phone"
    body_font = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert body_font >= 16
    assert page.locator("ol.objectives > li").count() == 9
    assert page.locator("ol.objectives > li").first.is_visible()
    # One column: the facts come after the objectives, not squeezed beside them.
    main_box = page.locator(".project__main").bounding_box()
    facts_box = page.locator(".project__facts").bounding_box()
    assert facts_box["y"] >= main_box["y"] + main_box["height"]
    page.screenshot(path=str(tmp_path / "hub-phone.png"), full_page=True)


def test_hub_uses_two_columns_on_a_desktop(browser, demo_site):
    page = open_page(browser, demo_site + HUB, 1280, 900)
    main_box = page.locator(".project__main").bounding_box()
    facts_box = page.locator(".project__facts").bounding_box()
    assert facts_box["x"] >= main_box["x"] + main_box["width"]
    assert abs(facts_box["y"] - main_box["y"]) < 50


def test_language_switcher_opens_the_latvian_hub(browser, demo_site):
    page = open_page(browser, demo_site + HUB, 360, 740)
    page.get_by_role("link", name="latviešu").click()
    page.wait_for_url("**/lv/projekti/latgale-florence-2010/")
    assert page.locator("html").get_attribute("lang") == "lv"
    assert page.locator("h1").inner_text() == PROJECT["lv"]["title"]
    assert page.get_by_role("heading", name="Mērķi").is_visible()

"""The hub as a person sees it, in Chromium: readable on a phone, two columns on a desktop, and
the language switcher leads to the Latvian page.

Chromium comes from Debian (``/usr/bin/chromium``, or ``CHROMIUM_PATH``); Playwright drives it.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from home.demo import PROJECT
from tests.conftest import missing_service

pytestmark = pytest.mark.browser

# Without the networking flags Chromium keeps trying to reach Google, which this network refuses.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HUB = "/projects/latgale-florence-2010/"


@pytest.fixture
def demo_site(django_db_serialized_rollback, live_server):
    call_command("load_demo", quiet_summary=True, stdout=open(os.devnull, "w"))  # noqa: SIM115
    return live_server.url


@pytest.fixture
def browser(demo_site):
    """Chromium, started after the demo data is in and closed before the database is reset.

    Playwright's sync API runs an event loop in this thread while it is open; Django's
    serialized rollback does not restore the database while a loop is running, so the browser
    must not outlive the test.
    """
    executable = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    if not Path(executable).exists() and not shutil.which(executable):
        missing_service(f"Chromium is not installed at {executable} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


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

"""A regional teacher finds a project, its results and its ideas from the home page without
typing an address, supports and discusses an idea, and logs out to the site's home page."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("journeys")]

HUB_TITLE = re.compile("Latgale", re.I)


def test_a_regional_teacher_browses_supports_and_comments(journey):
    page = journey.page
    page.goto("/")
    page.get_by_role("link", name=re.compile("^Log in")).first.click()
    page.locator("input[name=username]").fill("teacher")
    page.locator("input[name=password]").fill("mobilitas-demo")
    page.locator("main form button[type=submit], main form input[type=submit]").last.click()
    expect(page.get_by_role("link", name=re.compile("^Log in"))).to_have_count(0)
    journey.shot("home-logged-in")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Projects").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.locator("main").get_by_role("link", name=HUB_TITLE).first.click()
    expect(page.get_by_role("heading", name="Objectives")).to_be_visible()
    hub = page.url
    journey.shot("hub")

    page.get_by_role("link", name=re.compile("Results of the project")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Results")
    journey.shot("results")

    page.goto(hub)
    page.get_by_role("link", name=re.compile("Ideas from this project")).click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    journey.shot("ideas")
    page.locator(".card__title a").first.click()
    expect(page.get_by_role("heading", name="Supporters")).to_be_visible()
    idea = page.url
    journey.shot("idea")

    support = page.locator("#support")
    if support.get_by_role("button", name="Withdraw my support").count():
        # A demo this journey already ran on: start again from not supporting.
        support.get_by_role("button", name="Withdraw my support").click()
    page.locator("#support").get_by_role("button", name="I'd join this").click()
    expect(page.locator(".messages")).to_contain_text("Thank you")
    expect(
        page.locator("#support").get_by_role("button", name="Withdraw my support")
    ).to_be_visible()
    comment = f"We would bring our welding students{journey.stack.suffix}."
    page.get_by_role("textbox", name=re.compile("comment", re.I)).fill(comment)
    page.get_by_role("button", name="Add comment").click()
    expect(page.get_by_text(comment)).to_be_visible()
    assert page.url.split("#")[0].startswith(idea.split("#")[0])
    journey.shot("supported-and-commented")

    log_out = page.get_by_role("button", name="Log out")
    if not log_out.is_visible():
        # It sits in the header's Account menu.
        page.locator("header summary, header button").filter(has_text="Account").first.click()
    log_out.click()
    page.wait_for_load_state()
    assert re.fullmatch(rf"{re.escape(journey.url)}/(lv/)?", page.url), page.url
    expect(page.get_by_role("link", name=re.compile("^Log in")).first).to_be_visible()
    journey.shot("logged-out")

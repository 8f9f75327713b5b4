"""A participant on a phone (375 × 740) logs half an hour of English from the header link: the
form fits the task, remembers the last choices, and an error takes them to a summary at the top
that links to the field."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("journeys")]


def open_practice_form(journey):
    page = journey.page
    page.goto("/")
    # On a phone the navigation may sit behind a menu button.
    link = page.get_by_role("link", name="Log English practice").first
    if not link.is_visible():
        page.get_by_role("button", name=re.compile("^(Menu|Izvēlne)", re.I)).first.click()
    link.click()
    expect(page.get_by_role("heading", level=1, name="Log English practice")).to_be_visible()
    return page


def test_a_participant_logs_half_an_hour_on_a_phone(phone_journey):
    journey = phone_journey
    journey.login("participant3")
    page = open_practice_form(journey)
    journey.shot("form")

    header = page.locator("header").first.bounding_box()
    assert header["height"] < 740 / 3, f"the header takes {header['height']}px of a 740px screen"
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page is {overflow}px wider than the phone"

    page.get_by_role("button", name="30 min").click()
    expect(page.get_by_label("Minutes", exact=True)).to_have_value("30")
    page.get_by_role("group", name="Skill").get_by_text("Listening").click()
    page.get_by_role("group", name="Activity").get_by_text("Seminar").click()
    page.get_by_role("group", name="Self-assessed level").get_by_text("B2").click()
    save = page.get_by_role("button", name="Save")
    save.scroll_into_view_if_needed()
    box = save.bounding_box()
    assert box["height"] >= 40, "Save is too small to tap"
    journey.shot("filled")
    save.click()
    expect(page.get_by_text(re.compile("Practice logged: 30 minutes of listening"))).to_be_visible()
    journey.shot("saved")

    # The next time, the form offers what was chosen last.
    page = open_practice_form(journey)
    expect(page.get_by_role("group", name="Skill").get_by_label("Listening")).to_be_checked()
    expect(page.get_by_role("group", name="Activity").get_by_label("Seminar")).to_be_checked()
    journey.shot("remembered")

    # A mistake: the summary at the top takes the focus and links to the field.
    page.get_by_label("Minutes", exact=True).fill("0")
    page.get_by_role("button", name="Save").click()
    summary = page.get_by_role("alert")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    journey.shot("error-summary")
    summary.get_by_role("link").first.click()
    expect(page.get_by_label("Minutes", exact=True)).to_be_focused()
    journey.shot("error-field")

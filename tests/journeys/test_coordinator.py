"""The coordinator follows the project from its overview, comments on a participant's entry,
and the participant is emailed about it (the demo writes emails to files)."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("journeys")]


def test_the_coordinator_sees_the_overview_and_comments_on_an_entry(journey):
    page = journey.page
    journey.login("coordinator")
    page.get_by_role("link", name=re.compile("Project overview|My projects", re.I)).first.click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_text("Anna Kalniņa").first).to_be_visible()
    journey.shot("overview")

    page.get_by_role("link", name="Jānis Ozols").first.click()
    expect(page.get_by_role("heading", level=1, name="Jānis Ozols")).to_be_visible()
    journey.shot("portfolio")
    entries = page.locator("section", has=page.get_by_role("heading", name="Entries"))
    entry = entries.get_by_role("link").first
    title = entry.inner_text().strip()
    entry.click()
    expect(page.get_by_role("heading", level=1, name=title)).to_be_visible()
    expect(page.get_by_role("heading", name="Comments")).to_be_visible()
    comment = f"Good start, Jānis: link this to objective 7{journey.stack.suffix}."
    page.get_by_role("textbox", name="Your comment").fill(comment)
    page.get_by_role("button", name="Send comment").click()
    expect(page.get_by_text(comment)).to_be_visible()
    journey.shot("commented")

    journey.stack.wait_for_mail("participant2@example.org", about=title, timeout=90)

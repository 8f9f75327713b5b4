"""A participant proposing an idea is shown similar ideas already in the database as they type
its title. (Formerly in tests/ideas/test_similar.py, now on the journeys' demo stack.)"""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("journeys")]


def test_suggestions_appear_while_a_participant_types_a_title(journey):
    page = journey.page
    journey.login("participant1")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Ideas").click()
    page.get_by_role("link", name="Propose an idea").click()
    page.locator("#id_title").fill("Job shadowing for hospitality teachers")
    suggestions = page.locator("[data-similar-ideas-list] li a")
    expect(
        suggestions.filter(
            has_text="Job shadowing in Florence for tourism and hospitality teachers"
        )
    ).to_be_visible()
    expect(page.get_by_text("Similar ideas already in the database")).to_be_visible()
    journey.shot("suggestions")

"""The idea database in Chromium: on a phone the ideas come first and the filters wait behind a
toggle; on a desktop the filters stand beside the results; a comment with an endless word or an
address does not widen the idea page, and fact labels sit level with their values. (Formerly in
tests/test_ideas_phone.py, now on the journeys' demo stack.)
"""

import pytest

from tests.journeys.conftest import DESKTOP, PHONE
from tests.journeys.stack_data import run_python

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("journeys")]

IDEA = "/ideas/metalworking-teacher-exchange-florence/"


def open_page(page, path):
    response = page.goto(path)
    assert response.status == 200
    return page


def overflow(page):
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def test_on_a_phone_the_ideas_come_first_and_the_filters_wait_behind_a_toggle(phone_journey):
    journey = phone_journey
    page = open_page(journey.page, "/ideas/")
    assert overflow(page) <= 0

    first_idea = page.locator(".idea-card").first
    assert first_idea.is_visible()
    top = first_idea.bounding_box()["y"]
    assert top < PHONE["height"], f"the first idea starts {top}px down, below the first screen"

    toggle = page.locator(".idea-filters > summary")
    facets = page.locator(".facets")
    assert toggle.is_visible() and toggle.inner_text().strip() == "Filters"
    assert not facets.is_visible()
    journey.shot("ideas-phone")

    toggle.click()
    assert facets.is_visible()
    status_facet = facets.locator(".facet").first.locator("a").first
    chosen = status_facet.inner_text()
    status_facet.click()
    page.wait_for_load_state()
    assert "status=" in page.url
    # Still results first; the toggle says a filter is chosen.
    assert not page.locator(".facets").is_visible()
    assert "1 chosen" in page.locator(".idea-filters > summary").inner_text()
    page.locator(".idea-filters > summary").click()
    assert page.locator(f".facet a[aria-current]:text-is('{chosen}')").is_visible()
    journey.shot("filtered")
    assert journey.problems.items == []


def test_on_a_phone_in_latvian_the_toggle_speaks_latvian(phone_journey):
    journey = phone_journey
    page = open_page(journey.page, "/lv/ideas/")
    assert overflow(page) <= 0
    assert page.locator(".idea-filters > summary").inner_text().strip() == "Filtri"
    assert not page.locator(".facets").is_visible()
    assert page.locator(".idea-card").first.bounding_box()["y"] < PHONE["height"]
    journey.shot("ideas-phone-lv")
    assert journey.problems.items == []


def test_on_a_desktop_the_filters_stand_beside_the_results(journey):
    page = open_page(journey.page, "/ideas/")
    facets = page.locator(".facets")
    assert facets.is_visible()
    assert not page.locator(".idea-filters > summary").is_visible()
    facets_box = facets.bounding_box()
    results_box = page.locator(".idea-results").bounding_box()
    assert facets_box["x"] + facets_box["width"] <= results_box["x"]
    assert abs(facets_box["y"] - results_box["y"]) < 50
    journey.shot("ideas-desktop")
    assert journey.problems.items == []


@pytest.fixture
def endless_comment(demo_stack):
    """A comment with a 2,000-letter word and a long address on the idea, written into the
    stack's database (once: a demo the journeys already ran on keeps it)."""
    run_python(
        demo_stack,
        f"""
from django.contrib.auth import get_user_model
from ideas.models import IdeaComment, IdeaPage
IdeaComment.objects.get_or_create(
    idea=IdeaPage.objects.get(url_path__endswith={IDEA!r}, locale__language_code="en"),
    author=get_user_model().objects.get(username="teacher"),
    body="See https://example.org/" + "x" * 300 + " and " + "a" * 2000,
)
""",
    )


def test_an_endless_word_in_a_comment_does_not_widen_the_idea_page(endless_comment, journey):
    for viewport in (PHONE, DESKTOP):
        page = open_page(journey.new_context(viewport=viewport).new_page(), IDEA)
        assert overflow(page) <= 0, f"{viewport['width']} px: wider than the screen"
        link = page.locator(".idea-comments a[href^='https://example.org/']")
        assert link.get_attribute("rel") == "nofollow ugc noopener"
        journey.shot(f"idea-{viewport['width']}", page)
        assert journey.problems.items == []


def test_fact_labels_sit_level_with_their_values(journey):
    page = open_page(journey.page, IDEA)
    pairs = page.evaluate(
        """() => [...document.querySelectorAll("dl.facts dt")].map(dt => {
            const dd = dt.nextElementSibling;
            return [dt.getBoundingClientRect().top, dd.getBoundingClientRect().top];
        })"""
    )
    assert pairs
    for label_top, value_top in pairs:
        assert abs(label_top - value_top) <= 3, pairs
    journey.shot("facts")

"""The idea database in Chromium: on a phone the ideas come first and the filters wait behind a
toggle; on a desktop the filters stand beside the results; a comment with an endless word or an
address does not widen the idea page, and fact labels sit level with their values.
"""

import pytest
from django.contrib.auth import get_user_model

from ideas.models import IdeaComment, IdeaPage

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
IDEA = "/ideas/metalworking-teacher-exchange-florence/"


class Watched:
    """A page whose failed requests and console errors are kept, to be asserted empty."""

    def __init__(self, browser, viewport):
        self.context = browser.new_context(viewport=viewport)
        self.page = self.context.new_page()
        self.problems = []
        self.page.on(
            "console",
            lambda message: self.problems.append(message.text) if message.type == "error" else None,
        )
        self.page.on(
            "response",
            lambda response: (
                self.problems.append(f"{response.status} {response.url}")
                if response.status >= 400
                else None
            ),
        )

    def open(self, url):
        response = self.page.goto(url)
        assert response.status == 200
        return self.page

    def overflow(self):
        return self.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def test_on_a_phone_the_ideas_come_first_and_the_filters_wait_behind_a_toggle(
    browser, demo_site, tmp_path
):
    watched = Watched(browser, PHONE)
    page = watched.open(demo_site + "/ideas/")
    assert watched.overflow() <= 0

    first_idea = page.locator(".idea-card").first
    assert first_idea.is_visible()
    top = first_idea.bounding_box()["y"]
    assert top < PHONE["height"], f"the first idea starts {top}px down, below the first screen"

    toggle = page.locator(".idea-filters > summary")
    facets = page.locator(".facets")
    assert toggle.is_visible() and toggle.inner_text().strip() == "Filters"
    assert not facets.is_visible()
    page.screenshot(path=str(tmp_path / "ideas-phone.png"))

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
    assert watched.problems == []
    watched.context.close()


def test_on_a_phone_in_latvian_the_toggle_speaks_latvian(browser, demo_site):
    watched = Watched(browser, PHONE)
    page = watched.open(demo_site + "/lv/ideas/")
    assert watched.overflow() <= 0
    assert page.locator(".idea-filters > summary").inner_text().strip() == "Filtri"
    assert not page.locator(".facets").is_visible()
    assert page.locator(".idea-card").first.bounding_box()["y"] < PHONE["height"]
    assert watched.problems == []
    watched.context.close()


def test_on_a_desktop_the_filters_stand_beside_the_results(browser, demo_site):
    watched = Watched(browser, DESKTOP)
    page = watched.open(demo_site + "/ideas/")
    facets = page.locator(".facets")
    assert facets.is_visible()
    assert not page.locator(".idea-filters > summary").is_visible()
    facets_box = facets.bounding_box()
    results_box = page.locator(".idea-results").bounding_box()
    assert facets_box["x"] + facets_box["width"] <= results_box["x"]
    assert abs(facets_box["y"] - results_box["y"]) < 50
    assert watched.problems == []
    watched.context.close()


@pytest.fixture
def endless_comment(demo_site):
    """A comment with a 2,000-letter word and a long address, written before the browser opens
    (the ORM may not run while Playwright's event loop does)."""
    IdeaComment.objects.create(
        idea=IdeaPage.objects.get(url_path__endswith=IDEA, locale__language_code="en"),
        author=get_user_model().objects.get(username="teacher"),
        body="See https://example.org/" + "x" * 300 + " and " + "a" * 2000,
    )


def test_an_endless_word_in_a_comment_does_not_widen_the_idea_page(
    endless_comment, browser, demo_site, tmp_path
):
    for viewport in (PHONE, DESKTOP):
        watched = Watched(browser, viewport)
        page = watched.open(demo_site + IDEA)
        assert watched.overflow() <= 0, f"{viewport['width']} px: wider than the screen"
        link = page.locator(".idea-comments a[href^='https://example.org/']")
        assert link.get_attribute("rel") == "nofollow ugc noopener"
        page.screenshot(path=str(tmp_path / f"idea-{viewport['width']}.png"), full_page=True)
        assert watched.problems == []
        watched.context.close()


def test_fact_labels_sit_level_with_their_values(browser, demo_site):
    watched = Watched(browser, DESKTOP)
    page = watched.open(demo_site + IDEA)
    pairs = page.evaluate(
        """() => [...document.querySelectorAll("dl.facts dt")].map(dt => {
            const dd = dt.nextElementSibling;
            return [dt.getBoundingClientRect().top, dd.getBoundingClientRect().top];
        })"""
    )
    assert pairs
    for label_top, value_top in pairs:
        assert abs(label_top - value_top) <= 3, pairs
    watched.context.close()

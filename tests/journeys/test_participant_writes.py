"""A participant writes their portfolio through the admin, as a person does: each of the four
entry types with a paragraph, an uploaded image and a table in its body, its own fields,
objectives and tags; then edits, changes who sees it, deletes; and updates the profile and the
self-assessment, which the chart follows."""

import os
import re

import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.journeys.admin import (
    add_image,
    add_paragraph,
    add_table,
    add_tags,
    choose_snippet,
    field,
    header_action,
    publish,
)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("journeys")]

PORTFOLIO = "/projects/latgale-florence-2010/anna-kalnina/"

# (link on My portfolio, the type's own fields as (label, value), the entry's visibility)
ENTRY_TYPES = [
    (
        "Add seminar note",
        "Seminar: apprenticeship contracts",
        [("Seminar", "Apprenticeship contracts in Tuscany"), ("Organiser", "CNOS-FAP")],
    ),
    (
        "Add lesson observation",
        "Observed lesson: welding safety",
        [("Subject", "Welding safety"), ("Level of learners", "second year")],
    ),
    ("Add institution visit report", "Visit: regional training centre", []),
    ("Add reflection", "Reflection: what I take home", []),
]


@pytest.fixture
def picture(tmp_path):
    """A new photo each time: the image library refuses a duplicate with a question."""

    def make(name):
        path = tmp_path / f"{name}.png"
        Image.frombytes("RGB", (240, 160), os.urandom(240 * 160 * 3)).save(path)
        return path

    return make


def fill_type_fields(page, link, fields):
    for label, value in fields:
        field(page, label).fill(value)
    if link == "Add lesson observation":
        choose_snippet(page, "host_institution", "Istituto Tecnico per la Meccanica")
    if link == "Add institution visit report":
        choose_snippet(page, "host_institution", "Centro di Formazione Professionale")
        page.get_by_role("button", name=re.compile("Add occupation or skill", re.I)).click()
        row = page.locator("[id^=inline_child_labour_market_rows]").last
        field(row, "Occupation or skill").fill("CNC operator")
        field(row, "Requirement in the host country").fill("Regional qualification, level 4")
        field(row, "Requirement in Latvia").fill("Professional qualification, level 3")


def write_entry(journey, picture, link, title, fields, number):
    page = journey.page
    title += journey.stack.suffix
    page.goto("/my/portfolio/")
    page.get_by_role("link", name=link).click()
    expect(page.get_by_role("textbox", name=re.compile("title", re.I)).first).to_be_visible()
    page.locator("#id_title").fill(title)
    field(page, "Date").fill("2010-10-28")
    # Close the date picker, as a person would, by clicking elsewhere (the title) before ticking
    # what it covers: it opens a moment after the date field takes focus, so on a busy machine
    # it can open after the first click away.
    pickers = page.locator(".xdsoft_datetimepicker:visible")
    for _attempt in range(10):
        page.locator("#id_title").click()
        page.wait_for_timeout(300)
        if pickers.count() == 0:
            break
    expect(pickers).to_have_count(0)
    page.get_by_label(re.compile(r"\b2\. Learn about")).check()
    page.get_by_label(re.compile(r"\b8\. Create conditions")).check()
    add_tags(page, "journey", f"vet{number}")
    field(page, "Who can see this entry").select_option("public")
    fill_type_fields(page, link, fields)
    add_paragraph(page, f"What I learnt on day {number}: contracts bind the school and firm.")
    add_image(
        page,
        picture(f"workshop-{number}"),
        f"Workshop {number}",
        f"The school workshop, picture {number}",
    )
    add_table(page, "Length of an apprenticeship", [["Italy", "Latvia"], ["3 years", "2 years"]])
    journey.shot(f"{number}-filled")
    publish(page)
    journey.shot(f"{number}-published")


def test_participant_writes_four_entries_edits_shares_and_deletes(journey, picture):
    page = journey.page
    journey.login("participant1")
    page.get_by_role("link", name="My portfolio").first.click()
    expect(page.get_by_role("heading", name="My portfolio")).to_be_visible()
    journey.shot("my-portfolio")

    for number, (link, title, fields) in enumerate(ENTRY_TYPES, start=1):
        write_entry(journey, picture, link, title, fields, number)

    titles = [title + journey.stack.suffix for _link, title, _fields in ENTRY_TYPES]
    seminar, _observation, visit, reflection = titles
    page.goto("/my/portfolio/")
    for title in titles:
        expect(page.get_by_role("link", name=title, exact=True)).to_be_visible()
    journey.shot("my-portfolio-with-entries")

    page.goto(PORTFOLIO)
    for title in titles:
        expect(page.get_by_role("link", name=title, exact=True)).to_be_visible()
    journey.shot("portfolio-page")

    # The entry as a reader sees it: the paragraph, the picture, the table, the type's fields.
    page.get_by_role("link", name=seminar, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(seminar)
    expect(page.get_by_text("contracts bind the school and firm")).to_be_visible()
    expect(page.get_by_role("img", name="The school workshop, picture 1")).to_be_visible()
    expect(page.get_by_role("cell", name="3 years")).to_be_visible()
    expect(page.get_by_text("Apprenticeship contracts in Tuscany")).to_be_visible()
    expect(page.get_by_text("vet1", exact=True)).to_be_visible()
    journey.shot("entry-page")

    # Edit from My portfolio: a new title, and only the project's members may see it now.
    page.goto("/my/portfolio/")
    item = page.locator("li").filter(has=page.get_by_role("link", name=reflection, exact=True))
    item.get_by_role("link", name=re.compile("^Edit", re.I)).click()
    page.locator("#id_title").fill(reflection + ", revised")
    field(page, "Who can see this entry").select_option("project")
    journey.shot("editing")
    publish(page)
    page.goto("/my/portfolio/")
    item = page.locator("li").filter(has_text=reflection + ", revised")
    expect(item).to_contain_text(re.compile("Project", re.I))
    journey.shot("edited")

    # Anonymous visitors no longer see it; the public entries stay.
    anonymous = journey.new_context().new_page()
    anonymous.goto(PORTFOLIO)
    expect(anonymous.get_by_role("link", name=seminar, exact=True)).to_be_visible()
    expect(anonymous.get_by_text(reflection)).to_have_count(0)
    journey.shot("anonymous-view", anonymous)

    # Delete one entry.
    item = page.locator("li").filter(has=page.get_by_role("link", name=visit, exact=True))
    item.get_by_role("link", name=re.compile("^Edit", re.I)).click()
    header_action(page, "Delete")
    journey.shot("delete-confirm")
    page.get_by_role("button", name=re.compile("Yes, delete", re.I)).click()
    expect(page.locator(".messages").first).to_contain_text(re.compile("deleted", re.I))
    page.goto("/my/portfolio/")
    expect(page.get_by_role("link", name=visit, exact=True)).to_have_count(0)
    journey.shot("deleted")


def self_assessment_figures(page):
    """The chart's figures, as the table under "Show the figures as a table" gives them."""
    section = page.locator("section", has=page.get_by_role("heading", name="Self-assessment"))
    section.get_by_text("Show the figures as a table").first.click()
    table = section.get_by_role("table").first
    expect(table).to_be_visible()
    return table.inner_text(), section.locator("svg").first.inner_html()


def test_participant_edits_profile_and_self_assessment_and_the_chart_follows(journey):
    page = journey.page
    journey.login("participant2")
    page.get_by_role("link", name="My portfolio").first.click()
    page.locator("main h2 a").first.click()
    portfolio_url = page.url
    figures_before, chart_before = self_assessment_figures(page)
    journey.shot("portfolio-before")

    page.goto("/my/portfolio/")
    page.get_by_role("link", name=re.compile("^Edit (my )?(portfolio|profile)", re.I)).first.click()
    bio = f"Teacher of mechanics; I brought home a new welding module{journey.stack.suffix}."
    field(page, "Short bio").fill(bio)
    level_after = page.locator("select[name^=self_assessments-][name$=-level_after]").first
    level_after.select_option("5" if level_after.input_value() != "5" else "4")
    journey.shot("editing-profile")
    publish(page)

    page.goto(portfolio_url)
    expect(page.get_by_text(bio)).to_be_visible()
    figures_after, chart_after = self_assessment_figures(page)
    assert figures_after != figures_before
    assert chart_after != chart_before
    journey.shot("portfolio-after")

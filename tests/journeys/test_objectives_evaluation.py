"""Objectives evaluated, in a browser: a participant rates the project's objectives from My
portfolio (on a phone and at a desk), and the coordinator evaluates one in the admin, beside its
evidence and the participants' ratings; the hub then shows the new evaluation."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("journeys")]


def rate_every_objective(journey, username, status, sentence):
    page = journey.page
    journey.login(username)
    page.goto("/my/portfolio/")
    page.get_by_role("link", name="Rate the objectives").first.click()
    expect(page.get_by_role("heading", level=1, name="Rate the objectives")).to_be_visible()
    journey.shot("rating-form")

    # One sentence left out: the form says so, keeps what was chosen and saves nothing.
    groups = page.locator(".rate-objectives__objective")
    expect(groups).to_have_count(9)
    for index in range(9):
        group = groups.nth(index)
        group.get_by_text(status, exact=True).click()
        group.get_by_role("textbox").fill(f"{sentence} ({index + 1})" if index != 4 else "")
    page.get_by_role("button", name="Save my ratings").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Add a sentence on objective 5.")
    journey.shot("rating-refused")
    summary.get_by_role("link", name="Add a sentence on objective 5.").click()
    expect(groups.nth(4).get_by_role("textbox")).to_be_focused()
    expect(groups.nth(0).get_by_role("radio", name=status, exact=True)).to_be_checked()

    groups.nth(4).get_by_role("textbox").fill(f"{sentence} (5)")
    page.get_by_role("button", name="Save my ratings").click()
    expect(page.get_by_text("your ratings of the objectives are saved")).to_be_visible()
    expect(groups.nth(8).get_by_role("textbox")).to_have_value(f"{sentence} (9)")
    journey.shot("rated")


def test_a_participant_rates_the_objectives_on_a_phone(phone_journey):
    sentence = f"Shown by my visit report{phone_journey.stack.suffix}"
    rate_every_objective(phone_journey, "participant1", "Partly achieved", sentence)


def test_a_participant_rates_the_objectives_at_a_desk(journey):
    sentence = f"My seminar notes show it{journey.stack.suffix}"
    rate_every_objective(journey, "participant2", "Achieved", sentence)


def test_the_coordinator_evaluates_an_objective_beside_its_evidence(journey):
    page = journey.page
    journey.login("coordinator")
    page.goto("/admin/")
    page.get_by_role("button", name="Evaluation").click()
    page.get_by_role("link", name="Objectives", exact=True).click()
    page.get_by_role("link", name=re.compile("Developing the capacity")).first.click()
    expect(page.get_by_role("heading", name=re.compile("Evaluate the objectives"))).to_be_visible()
    journey.shot("objectives")

    page.get_by_role("link", name="Edit the evaluation of objective 2").click()
    expect(page.get_by_role("heading", name="Participants' ratings")).to_be_visible()
    expect(page.get_by_text("Anna Kalniņa").first).to_be_visible()
    summary = f"Compared for three trades; ICT follows in the next project{journey.stack.suffix}."
    page.get_by_label("Achieved", exact=True).check()
    page.get_by_label("What the project achieved, and how we know").fill(summary)
    journey.shot("evaluation-form")
    page.get_by_role("button", name="Save the evaluation").click()
    expect(page.get_by_text("Objective 2 is evaluated.")).to_be_visible()
    journey.shot("evaluated")

    page.goto("/projects/latgale-florence-2010/")
    objective = page.locator("#objective-2")
    expect(objective).to_contain_text(summary)
    expect(objective.locator(".badge")).to_have_text("Achieved")
    journey.shot("hub")

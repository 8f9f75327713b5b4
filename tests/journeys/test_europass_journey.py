"""The coordinator asks the host mentor to confirm a participant's Europass Mobility record; the
mentor, with no account, opens the link from the email in another browser, corrects one activity
and confirms; the public verification page then shows the confirmation. On a desktop and on a
phone."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("journeys")]


def link_from(message) -> str:
    body = message.get_body(preferencelist=("plain",)).get_content()
    return re.search(r"https?://\S+/europass/confirm/\S+/", body)[0]


def confirm_through_the_link(journey, participant, mentor_email, mentor_name, viewport=None):
    page = journey.page
    journey.login("coordinator")
    page.goto("/my/portfolio/")
    page.get_by_role("link", name=re.compile("Europass Mobility records")).first.click()
    expect(page.get_by_role("heading", level=1, name="Europass Mobility records")).to_be_visible()
    journey.shot("records")
    page.get_by_role("link", name=re.compile(rf"\({participant}\)")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ask the host mentor")
    page.get_by_label("Host organisation").select_option(
        label="Istituto Tecnico per la Meccanica (demo), Florence"
    )
    page.get_by_label("Mentor's name").fill(mentor_name)
    page.get_by_label("Mentor's role").fill("Workshop tutor")
    page.get_by_label("Mentor's email").fill(mentor_email)
    page.get_by_label("Language of the email and the page").select_option("en")
    journey.shot("ask-mentor")
    page.get_by_role("button", name="Send the link").click()
    expect(page.get_by_text(f"is on its way to {mentor_email}")).to_be_visible()
    journey.shot("link-sent")

    message = journey.stack.wait_for_mail(mentor_email, about=participant, timeout=60)
    url = link_from(message)

    # The mentor, in a browser of their own, with no account.
    mentor = journey.new_context(viewport).new_page()
    mentor.goto(url)
    expect(mentor.get_by_role("heading", level=1)).to_contain_text(participant)
    journey.shot("mentor-reads", mentor)
    first = mentor.locator("fieldset.europass-item").first
    first.get_by_role("checkbox").uncheck()
    first.get_by_role("textbox", name="Correction (optional)").fill("Only the morning session.")
    mentor.get_by_label("Your comment").fill("A keen and careful observer.")
    expect(mentor.get_by_label("Your name")).to_have_value(mentor_name)
    mentor.get_by_label("Your role at the host organisation").fill("Workshop tutor")
    mentor.get_by_role("button", name="Confirm the record").click()
    expect(mentor.get_by_role("heading", level=1)).to_contain_text("the record is confirmed")
    journey.shot("mentor-confirmed", mentor)
    verify = mentor.locator("a[href*='/verify/']").first.get_attribute("href")

    # The same link again: already used.
    mentor.goto(url)
    expect(mentor.get_by_role("heading", level=1, name="Already confirmed")).to_be_visible()

    # Anyone, on the verification page.
    visitor = journey.new_context(viewport).new_page()
    visitor.goto(verify)
    expect(visitor.get_by_role("heading", level=1)).to_contain_text(participant)
    expect(visitor.get_by_text(f"Confirmed by {mentor_name} (Workshop tutor)")).to_be_visible()
    expect(visitor.get_by_text("has not changed since it was confirmed")).to_be_visible()
    journey.shot("verification", visitor)

    # And the coordinator sees it in the project's list.
    page.reload()
    expect(page.get_by_text(f"Confirmed by {mentor_name}").first).to_be_visible()


def test_the_mentor_confirms_a_record_and_anyone_can_verify_it(journey):
    suffix = journey.stack.suffix.strip()
    confirm_through_the_link(
        journey,
        "Līga Bērziņa",
        f"mentor-desktop{suffix}@example.org",
        f"Paola Neri{journey.stack.suffix}",
    )


def test_the_mentor_confirms_on_a_phone(phone_journey):
    suffix = phone_journey.stack.suffix.strip()
    confirm_through_the_link(
        phone_journey,
        "Pēteris Vītols",
        f"mentor-phone{suffix}@example.org",
        f"Marco Gialli{phone_journey.stack.suffix}",
    )

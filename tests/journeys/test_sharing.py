"""A participant shares their portfolio through a secret link; someone with no account opens
it in another browser; the participant revokes it and the link answers 404 at once."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("journeys")]


def test_a_share_link_opens_the_portfolio_until_it_is_revoked(journey):
    page = journey.page
    journey.login("participant4")
    page.get_by_role("link", name="My portfolio").first.click()
    page.get_by_role("link", name="Share with a secret link").first.click()
    expect(page.get_by_role("heading", level=1, name="Share with a secret link")).to_be_visible()
    page.get_by_role("button", name="Create link").click()
    links = page.locator(".share-link__url")
    expect(links.first).to_be_visible()
    url = links.first.input_value()
    assert re.search(r"/share/[\w-]{20,}/$", url), url
    journey.shot("link-created")

    # A host mentor with no account, in another browser.
    guest = journey.new_context().new_page()
    response = guest.goto(url)
    assert response.status == 200
    expect(guest.get_by_role("heading", level=1)).to_contain_text("Pēteris Vītols")
    journey.shot("guest-sees-portfolio", guest)
    entry = guest.locator("main a[href*='/share/']").first
    if entry.count():
        entry.click()
        expect(guest.get_by_role("heading", level=1)).to_be_visible()
        journey.shot("guest-sees-entry", guest)

    page.get_by_role("button", name="Revoke").first.click()
    expect(page.get_by_text("No link opens your portfolio at the moment.")).to_be_visible()
    journey.shot("revoked")

    journey.problems.allow(re.escape(f"HTTP 404 GET {url}"))
    journey.problems.allow(r"console error on .*/share/.*status of 404")
    response = guest.goto(url)
    assert response.status == 404
    expect(guest.get_by_role("heading", level=1)).to_be_visible()
    journey.shot("guest-gets-404", guest)

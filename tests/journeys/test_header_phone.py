"""On a phone (375 × 740), in English and in Latvian, the header leaves the screen to the page:
it is short, nothing is wider than the screen, the other language is a tap away, the account
menu opens and closes with Escape, and the practice log is linked. (Formerly in
tests/portal/test_navigation.py, now on the journeys' demo stack.)"""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("journeys")]


def test_on_a_phone_the_header_leaves_the_screen_to_the_page(phone_journey):
    journey = phone_journey
    for language in ("", "/lv"):
        # Each language in a browser of its own, as if on another phone.
        page = journey.page if not language else journey.new_context().new_page()
        journey.login("participant1", page=page, language=language.lstrip("/"))
        page.wait_for_url(f"{journey.url}{language}/")

        header = page.locator(".site-header").bounding_box()
        assert header["height"] <= 740 / 4, f"the header takes {header['height']}px of 740"
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        other_language = "latviešu" if not language else "English"
        assert page.get_by_role("link", name=other_language, exact=True).is_visible()
        journey.shot(f"home {language or 'en'}", page)

        page.locator(".account-menu summary").click()
        change_password = page.locator(".account-menu a[href$='/accounts/password_change/']")
        assert change_password.is_visible()
        journey.shot(f"account menu {language or 'en'}", page)
        page.keyboard.press("Escape")
        assert not change_password.is_visible()

        page.locator(".site-nav a[href$='/my/practice/new/']").click()
        page.wait_for_url(f"{journey.url}{language}/my/practice/new/")
        journey.shot(f"practice log {language or 'en'}", page)
    assert journey.problems.items == []

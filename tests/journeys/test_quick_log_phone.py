"""On a phone (375 × 740), in English and in Latvian, the quick practice log keeps Save in
sight, and a mistake is put right from the error summary without losing what was typed.
(Formerly in tests/portfolios/test_quick_log.py, now on the journeys' demo stack.)"""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("journeys")]

URL = "/my/practice/new/"


@pytest.mark.parametrize(
    ("prefix", "words"),
    [
        ("", {"save": "Save", "minutes": "Minutes", "problem": "There is a problem"}),
        ("/lv", {"save": "Saglabāt", "minutes": "Minūtes", "problem": "Lūdzu, izlabojiet kļūdas"}),
    ],
)
def test_on_a_phone_save_is_in_sight_and_a_mistake_is_put_right_from_the_summary(
    phone_journey, prefix, words
):
    journey = phone_journey
    page = journey.login("participant4")
    page.wait_for_url(journey.url + "/")

    page.goto(prefix + URL)
    save = page.get_by_role("button", name=words["save"], exact=True)
    box = save.bounding_box()
    assert box and box["y"] + box["height"] <= 740, "Save should be in sight without scrolling"
    journey.shot("form")

    page.locator("textarea[name=note]").evaluate("el => el.closest('details').open = true")
    page.locator("textarea[name=note]").fill("Typed before a mistake")
    page.get_by_label(words["minutes"], exact=True).fill("")
    save.click()
    page.wait_for_load_state()

    summary = page.locator("[data-error-summary]")
    assert summary.is_visible()
    assert words["problem"] in summary.inner_text()
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    journey.shot("error-summary")
    summary.locator("a[href='#id_minutes']").click()
    assert page.evaluate("document.activeElement.id") == "id_minutes"
    assert page.locator("textarea[name=note]").input_value() == "Typed before a mistake"

    page.keyboard.type("25")
    for name, value in [("skill", "listening"), ("activity", "seminar"), ("level", "B1")]:
        page.locator(f"input[name={name}][value={value}]").check()
    page.get_by_role("button", name=words["save"], exact=True).click()
    page.wait_for_load_state()
    assert page.locator(".message--success").is_visible()
    assert page.locator("[data-error-summary]").count() == 0
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page is {overflow}px wider than the phone"
    journey.shot("saved")
    assert journey.problems.items == []

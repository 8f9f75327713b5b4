"""Someone who forgot their password, on a phone and in Latvian: asks for a reset link, chooses
a new password from the email, logs in with it and logs out. (Formerly in
tests/portal/test_accounts.py, now on the journeys' demo stack.)

The person is made for this journey alone, so that no other journey's demo account has its
password changed under it."""

import re
import uuid

import pytest

from tests.journeys.stack_data import run_python

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("journeys")]

NEW_PASSWORD = "a-long-new-passphrase-2010"


def reset_link(message) -> str:
    body = message.get_body(preferencelist=("plain",)).get_content()
    return re.search(r"https?://[^/\s]+(/\S*/reset/\S+/)", body).group(1)


@pytest.fixture
def forgetful(demo_stack):
    """A person of their own on the stack, with an address no other email goes to."""
    username = f"forgetful-{uuid.uuid4().hex[:8]}"
    run_python(
        demo_stack,
        "from django.contrib.auth import get_user_model; "
        f"get_user_model().objects.create_user({username!r}, {username + '@example.org'!r}, "
        f"{uuid.uuid4().hex!r})",
    )
    return username


def test_a_forgotten_password_in_latvian_on_a_phone_from_login_to_logout(phone_journey, forgetful):
    journey = phone_journey
    page = journey.page
    address = f"{forgetful}@example.org"

    page.goto("/lv/accounts/login/")
    page.get_by_role("link", name="Aizmirsāt paroli?").click()
    page.get_by_label("E-pasts").fill(address)
    page.get_by_role("button", name="Sūtīt saiti").click()
    page.get_by_role("heading", name="Pārbaudiet e-pastu").wait_for()
    journey.shot("check-your-email")

    journey.stack.wait_for_mail(address)
    [message] = [m for m in journey.stack.mails() if address in str(m["To"])]
    page.goto(reset_link(message))
    page.get_by_role("heading", name="Izvēlieties jaunu paroli").wait_for()
    page.locator("input[name=new_password1]").fill(NEW_PASSWORD)
    page.locator("input[name=new_password2]").fill(NEW_PASSWORD)
    journey.shot("new-password")
    page.get_by_role("button", name="Saglabāt jauno paroli").click()
    page.get_by_role("heading", name="Jūsu parole ir nomainīta").wait_for()
    journey.shot("password-changed")

    page.get_by_role("main").get_by_role("link", name="Pieteikties").click()
    page.locator("input[name=username]").fill(forgetful)
    page.locator("input[name=password]").fill(NEW_PASSWORD)
    page.locator("form.account-form button[type=submit]").click()
    page.wait_for_url(f"{journey.url}/lv/")
    journey.shot("logged-in")
    page.get_by_text("Konts").click()
    page.get_by_role("button", name="Iziet").click()

    page.wait_for_url(f"{journey.url}/lv/")
    assert page.get_by_text("Iziešana no konta pabeigta.").is_visible()
    assert page.locator(".site-header__login").is_visible()
    journey.shot("logged-out")
    assert journey.problems.items == []

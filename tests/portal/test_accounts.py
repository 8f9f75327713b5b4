"""The site's own account pages (portal.accounts, templates/registration/): log in, log out,
password reset in four steps and password change, in English and Latvian, with the reset email
in its recipient's language and no request to Gravatar."""

import re

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY, get_user_model
from django.core import mail
from django.utils import translation
from wagtail.users.models import UserProfile

from tests.factories import make_user

pytestmark = pytest.mark.django_db

PASSWORD = "pw"  # tests.factories.make_user
NEW_PASSWORD = "a-long-new-passphrase-2010"
DJANGO_ADMIN_TEXT = ("Django administration", "Thanks for spending some quality time")


def reset_link(message) -> str:
    return re.search(r"https?://[^/\s]+(/\S*/reset/\S+/)", message.body).group(1)


def ask_for_reset(client, email, language=""):
    return client.post(f"{language}/accounts/password_reset/", {"email": email})


def assert_site_page(html):
    assert 'class="site-header' in html
    for text in DJANGO_ADMIN_TEXT:
        assert text not in html


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/accounts/login/", "Log in"),
        ("/accounts/logout/", "You are logged out"),
        ("/accounts/password_reset/", "Reset your password"),
        ("/accounts/password_reset/done/", "Check your email"),
        ("/accounts/reset/MQ/set-password/", "This link does not work"),
        ("/accounts/reset/done/", "Your password has been changed"),
        ("/lv/accounts/login/", "Pieteikties"),
        ("/lv/accounts/logout/", "Iziešana no konta pabeigta"),
        ("/lv/accounts/password_reset/", "Paroles atjaunošana"),
        ("/lv/accounts/password_reset/done/", "Pārbaudiet e-pastu"),
        ("/lv/accounts/reset/MQ/set-password/", "Šī saite nedarbojas"),
        ("/lv/accounts/reset/done/", "Jūsu parole ir nomainīta"),
    ],
)
def test_every_account_page_is_the_sites_own_in_both_languages(client, path, heading):
    response = client.get(path)

    assert response.status_code == 200
    html = response.content.decode()
    assert_site_page(html)
    assert f"<h1>{heading}</h1>" in html


@pytest.mark.parametrize(
    ("language", "heading"), [("", "Change password"), ("/lv", "Mainīt paroli")]
)
def test_the_password_change_pages_are_the_sites_own(client, language, heading):
    client.force_login(make_user())

    html = client.get(f"{language}/accounts/password_change/").content.decode()
    done = client.get(f"{language}/accounts/password_change/done/").content.decode()

    assert_site_page(html)
    assert f"<h1>{heading}</h1>" in html
    assert_site_page(done)


@pytest.mark.parametrize(
    ("language", "text"), [("", "Forgot your password?"), ("/lv", "Aizmirsāt paroli?")]
)
def test_the_login_page_offers_a_password_reset(client, language, text):
    html = client.get(f"{language}/accounts/login/").content.decode()

    assert f'<a href="{language}/accounts/password_reset/">{text}</a>' in html


def test_the_login_page_says_who_is_logged_in_already(client):
    client.force_login(make_user("ilze"))

    html = client.get("/accounts/login/").content.decode()

    assert "You are logged in as ilze. Log in below to use another account." in html


def test_a_failed_login_says_so_and_keeps_the_username(client):
    make_user("ilze")

    response = client.post("/accounts/login/", {"username": "ilze", "password": "wrong"})

    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' in html
    assert "Please enter a correct username and password" in html
    assert 'value="ilze"' in html
    assert SESSION_KEY not in client.session


@pytest.mark.parametrize("language", ["", "/lv"])
def test_logging_in_without_a_next_page_lands_on_home_in_that_language(client, demo, language):
    make_user("ilze")

    response = client.post(
        f"{language}/accounts/login/", {"username": "ilze", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"] == f"{language}/"


@pytest.mark.parametrize(
    ("language", "message"), [("", "You are logged out."), ("/lv", "Iziešana no konta pabeigta.")]
)
def test_logging_out_lands_on_home_in_that_language_saying_so(client, demo, language, message):
    client.force_login(make_user())

    response = client.post(f"{language}/accounts/logout/", follow=True)

    assert response.redirect_chain == [(f"{language}/", 302)]
    assert SESSION_KEY not in client.session
    html = response.content.decode()
    assert message in html
    assert 'class="site-header__login"' in html


def test_opening_the_logout_address_asks_before_logging_out(client):
    client.force_login(make_user("<b>ilze</b>"))

    response = client.get("/accounts/logout/")

    html = response.content.decode()
    assert response.status_code == 200
    assert SESSION_KEY in client.session
    assert 'action="/accounts/logout/"' in html
    assert "&lt;b&gt;ilze&lt;/b&gt;" in html
    assert "<b>ilze</b>" not in html


def test_a_password_reset_from_request_to_a_new_password(client):
    user = make_user("ilze", email="ilze@example.org", first_name="Ilze", last_name="Kalna")

    response = ask_for_reset(client, "ilze@example.org")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/password_reset/done/"
    [message] = mail.outbox
    assert message.to == ["ilze@example.org"]
    assert message.subject == "Choose a new password for Mobilitas"
    assert "Hello Ilze Kalna," in message.body
    assert "Your username is ilze." in message.body
    assert "within 3 days" in message.body
    link = reset_link(message)
    assert link.startswith("/accounts/reset/")

    form = client.get(link, follow=True)
    assert "<h1>Choose a new password</h1>" in form.content.decode()
    set_password_url = form.redirect_chain[-1][0]
    done = client.post(
        set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )

    assert done.status_code == 302
    assert done["Location"] == "/accounts/reset/done/"
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    again = client.get(link, follow=True).content.decode()
    assert "<h1>This link does not work</h1>" in again
    assert 'href="/accounts/password_reset/"' in again


def test_a_reset_asked_for_in_latvian_is_written_in_latvian_with_a_latvian_link(client):
    make_user("ilze", email="ilze@example.org")

    ask_for_reset(client, "ilze@example.org", language="/lv")

    [message] = mail.outbox
    assert message.subject == "Jaunas paroles izvēle vietnē Mobilitas"
    assert "Labdien, ilze!" in message.body
    assert reset_link(message).startswith("/lv/accounts/reset/")
    assert "Saite derēs vienu reizi 3 dienu laikā." in message.body


def test_the_email_is_in_the_recipients_own_language_whoever_asks(client):
    user = make_user("ilze", email="ilze@example.org")
    UserProfile.get_for_user(user)
    UserProfile.objects.filter(user=user).update(preferred_language="lv")

    ask_for_reset(client, "ilze@example.org")

    [message] = mail.outbox
    assert "Labdien, ilze!" in message.body
    assert reset_link(message).startswith("/lv/accounts/reset/")


def test_the_reminder_email_language_comes_before_the_admin_language(client):
    from reminders.models import ReminderPreference

    user = make_user("ilze", email="ilze@example.org")
    UserProfile.get_for_user(user)
    UserProfile.objects.filter(user=user).update(preferred_language="lv")
    ReminderPreference.objects.create(user=user, language="en")

    ask_for_reset(client, "ilze@example.org", language="/lv")

    [message] = mail.outbox
    assert "Hello ilze," in message.body
    assert reset_link(message).startswith("/accounts/reset/")


def test_an_unknown_address_gets_the_same_answer_and_no_email(client):
    response = ask_for_reset(client, "nobody@example.org")

    assert response["Location"] == "/accounts/password_reset/done/"
    assert mail.outbox == []


@pytest.mark.parametrize("language", ["", "/lv"])
def test_a_mistyped_address_is_refused_clearly(client, language):
    with translation.override(language.strip("/") or "en"):
        error = translation.gettext("Enter a valid email address.")

    response = ask_for_reset(client, "not an address", language=language)

    html = response.content.decode()
    assert response.status_code == 200
    assert error in html
    assert 'role="alert"' in html
    assert 'value="not an address"' in html
    assert mail.outbox == []


def test_a_new_password_that_is_refused_changes_nothing(client):
    user = make_user("ilze", email="ilze@example.org")
    ask_for_reset(client, "ilze@example.org")
    form = client.get(reset_link(mail.outbox[0]), follow=True)
    set_password_url = form.redirect_chain[-1][0]

    mismatch = client.post(
        set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": "something else"}
    )
    too_short = client.post(set_password_url, {"new_password1": "abc", "new_password2": "abc"})

    assert mismatch.status_code == too_short.status_code == 200
    assert "The two password fields didn’t match." in mismatch.content.decode()
    assert "This password is too short." in too_short.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_changing_the_password_needs_a_login_in_the_same_language(client):
    response = client.get("/lv/accounts/password_change/")

    assert response.status_code == 302
    assert response["Location"].startswith("/lv/accounts/login/?next=")


def test_changing_the_password(client):
    user = make_user("ilze")
    client.force_login(user)

    wrong = client.post(
        "/accounts/password_change/",
        {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    right = client.post(
        "/accounts/password_change/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert wrong.status_code == 200
    assert "Your old password was entered incorrectly." in wrong.content.decode()
    assert right.status_code == 302
    assert right["Location"] == "/accounts/password_change/done/"
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert SESSION_KEY in client.session  # still logged in


def test_the_admin_never_asks_gravatar_for_an_avatar(client):
    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None
    admin = get_user_model().objects.create_superuser("boss", "boss@example.org", PASSWORD)
    client.force_login(admin)

    html = client.get("/admin/").content.decode()

    assert "gravatar" not in html.lower()

"""Guessing passwords: django-axes pauses logging in for an account, and separately for an
address, after five failures, on the site's login and the admin's, with a clear page in the
visitor's language; administrators unlock from the admin.
"""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.factories import make_user

LOGINS = ["/accounts/login/", "/admin/login/"]


@pytest.fixture(autouse=True)
def axes_on(settings):
    settings.AXES_ENABLED = True


def log_in(client, url, username, password, address="192.0.2.1"):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=address)


def logged_in(client):
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("url", LOGINS)
def test_thirty_wrong_passwords_then_the_right_one_does_not_log_in(client, db, url):
    make_user("anna", is_staff=True)
    for _ in range(30):
        log_in(client, url, "anna", "wrong")
    response = log_in(client, url, "anna", "pw")
    assert response.status_code == 429
    assert not logged_in(client)
    assert "Too many attempts to log in" in response.content.decode()


def test_four_failures_still_let_the_right_password_in(client, db):
    make_user("anna")
    for _ in range(4):
        assert log_in(client, LOGINS[0], "anna", "wrong").status_code == 200
    assert log_in(client, LOGINS[0], "anna", "pw").status_code == 302
    assert logged_in(client)


def test_an_account_is_paused_whatever_address_the_guesses_come_from(client, db):
    make_user("anna")
    for number in range(5):
        log_in(client, LOGINS[0], "anna", "wrong", address=f"192.0.2.{10 + number}")
    response = log_in(client, LOGINS[0], "anna", "pw", address="198.51.100.7")
    assert response.status_code == 429
    assert not logged_in(client)


def test_an_address_is_paused_whatever_accounts_it_guesses(client, db):
    make_user("janis")
    for number in range(5):
        log_in(client, LOGINS[0], f"someone{number}", "wrong")
    assert log_in(client, LOGINS[0], "janis", "pw").status_code == 429
    assert not logged_in(client)
    other = log_in(client, LOGINS[0], "janis", "pw", address="198.51.100.8")
    assert other.status_code == 302


def test_the_pause_is_explained_in_latvian_on_the_latvian_login(client, db):
    make_user("liga")
    for _ in range(5):
        log_in(client, "/lv/accounts/login/", "liga", "wrong")
    response = log_in(client, "/lv/accounts/login/", "liga", "pw")
    assert response.status_code == 429
    page = response.content.decode()
    assert "Pārāk daudz pieteikšanās mēģinājumu" in page
    assert 'lang="lv"' in page


def test_an_administrator_unlocks_an_account_from_the_admin(client, db):
    make_user("anna")
    admin = get_user_model().objects.create_superuser("root", password="pw")
    for _ in range(5):
        log_in(client, LOGINS[0], "anna", "wrong", address="192.0.2.50")
    attempt = AccessAttempt.objects.get(username="anna")
    client.force_login(admin)
    listing = client.get(reverse("lockouts:index"))
    assert listing.status_code == 200
    assert "anna" in listing.content.decode()
    assert client.post(reverse("lockouts:delete", args=[attempt.pk])).status_code == 302
    client.logout()
    assert log_in(client, LOGINS[0], "anna", "pw", address="192.0.2.51").status_code == 302


@pytest.mark.parametrize("url_name", ["lockouts:index", "lockouts:add"])
def test_nobody_but_administrators_sees_the_locked_out_logins(client, db, url_name):
    editor = make_user("editor-x", is_staff=True)
    from django.contrib.auth.models import Group

    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    response = client.get(reverse(url_name))
    assert response.status_code in (302, 403)
    assert "192.0.2" not in response.content.decode()


def test_administrators_cannot_invent_an_attempt(client, db):
    client.force_login(get_user_model().objects.create_superuser("root", password="pw"))
    response = client.post(reverse("lockouts:add"), {"username": "someone"})
    assert response.status_code in (302, 403)
    assert not AccessAttempt.objects.exists()

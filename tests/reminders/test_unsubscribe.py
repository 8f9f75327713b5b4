"""One-click unsubscribe (signed link, no login) and the reminder preferences page."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from reminders import delivery, emails, outbox, tasks
from reminders.models import Kind, Reminder, ReminderPreference
from tests.factories import far_project, make_project, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_broker(monkeypatch):
    monkeypatch.setattr(tasks.send_reminder, "apply_async", lambda *a, **kw: None)


def link_path(user, kind):
    return reverse(
        "reminders:unsubscribe", kwargs={"token": emails.unsubscribe_token(user.pk, kind)}
    )


def test_the_link_in_an_email_turns_off_exactly_that_kind_without_logging_in(client):
    user, project = make_user(email="a@example.org"), make_project()
    ReminderPreference.objects.create(user=user, delivery={Kind.IDEA_COMMENT: "digest"})
    delivery.deliver([outbox.enqueue(Kind.PRACTICE_NUDGE, user, project, period="d1").pk])
    url = mail.outbox[0].extra_headers["List-Unsubscribe"][1:-1]
    path = url.removeprefix("http://testserver")

    page = client.get(path)
    assert page.status_code == 200
    assert "English-practice nudge" in page.content.decode()
    assert ReminderPreference.objects.get(user=user).delivery_of(Kind.PRACTICE_NUDGE) == (
        "immediate"
    )  # looking changes nothing

    waiting = outbox.enqueue(Kind.PRACTICE_NUDGE, user, project, period="d2")
    other = outbox.enqueue(Kind.PORTFOLIO_UPDATE, user, project, period="w1")
    done = client.post(path)
    assert done.status_code == 200
    assert "You will get no more emails of this kind" in done.content.decode()
    preference = ReminderPreference.objects.get(user=user)
    assert preference.delivery_of(Kind.PRACTICE_NUDGE) == "off"
    assert preference.delivery_of(Kind.PORTFOLIO_UPDATE) == "immediate"
    assert preference.delivery_of(Kind.IDEA_COMMENT) == "digest"
    assert Reminder.objects.get(pk=waiting.pk).status == "cancelled"
    assert Reminder.objects.get(pk=other.pk).status == "pending"
    assert outbox.enqueue(Kind.PRACTICE_NUDGE, user, project, period="d3") is None


def test_rfc_8058_one_click_post_works_without_csrf_token_or_session():
    from django.test import Client

    user = make_user()
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        link_path(user, Kind.IDEA_SUPPORT),
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert ReminderPreference.objects.get(user=user).delivery_of(Kind.IDEA_SUPPORT) == "off"


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),
        lambda token: token.replace(token.split(":")[0], "WzIsImlkZWFfc3VwcG9ydCJd"),
        lambda token: "not-a-token",
    ],
    ids=["signature changed", "payload swapped", "garbage"],
)
def test_a_forged_or_tampered_link_changes_nothing(client, tamper):
    victim = make_user()
    token = tamper(emails.unsubscribe_token(victim.pk, Kind.IDEA_SUPPORT))
    url = reverse("reminders:unsubscribe", kwargs={"token": token})
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 404
        assert "This unsubscribe link does not work" in response.content.decode()
    assert not ReminderPreference.objects.exists()


def test_a_token_signed_for_something_else_is_refused(client):
    from django.core import signing

    user = make_user()
    token = signing.dumps([user.pk, Kind.IDEA_SUPPORT])  # our key, but not our salt
    response = client.post(reverse("reminders:unsubscribe", kwargs={"token": token}))
    assert response.status_code == 404
    assert not ReminderPreference.objects.exists()


def a_participant():
    """Someone with a portfolio, who may also write ideas: most kinds of reminder reach them."""
    _hub, portfolio = far_project()
    return portfolio.participant


def test_preferences_need_a_login(client):
    response = client.get(reverse("reminders:preferences"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_preferences_page_saves_each_kind_and_the_language(client):
    user = a_participant()
    client.force_login(user)
    page = client.get(reverse("reminders:preferences"))
    assert page.status_code == 200
    assert "My reminders" in page.content.decode()
    data = {f"kind_{kind}": "immediate" for kind in Kind}
    data |= {"kind_idea_comment": "digest", "kind_practice_nudge": "off", "language": "lv"}
    response = client.post(reverse("reminders:preferences"), data)
    assert response.status_code == 302
    preference = ReminderPreference.objects.get(user=user)
    assert preference.language == "lv"
    assert preference.delivery_of(Kind.IDEA_COMMENT) == "digest"
    assert preference.delivery_of(Kind.PRACTICE_NUDGE) == "off"
    assert preference.delivery_of(Kind.IDEA_STATUS) == "immediate"


def test_bad_preferences_keep_what_was_chosen_and_save_nothing(client):
    user = a_participant()
    client.force_login(user)
    data = {f"kind_{kind}": "immediate" for kind in Kind}
    data |= {"kind_idea_comment": "hourly", "language": "xx", "kind_practice_nudge": "off"}
    response = client.post(reverse("reminders:preferences"), data)
    assert response.status_code == 200
    assert not ReminderPreference.objects.exists()
    body = response.content.decode()
    chosen = re.search(r'<input[^>]*name="kind_practice_nudge"[^>]*value="off"[^>]*>', body)
    assert chosen and "checked" in chosen[0]  # what was chosen is kept
    assert "Select a valid choice" in body


def test_the_latvian_pages_answer_under_lv(client):
    user = make_user()
    client.force_login(user)
    assert client.get("/lv/my/reminders/").status_code == 200
    token = emails.unsubscribe_token(user.pk, Kind.IDEA_STATUS)
    assert client.get(f"/lv/reminders/unsubscribe/{token}/").status_code == 200


def test_a_link_works_for_a_year_and_then_says_it_has_expired_and_changes_nothing(client):
    import datetime

    import time_machine

    user = make_user()
    sent = datetime.datetime(2026, 1, 10, 12, 0, tzinfo=datetime.UTC)
    with time_machine.travel(sent, tick=False):
        path = link_path(user, Kind.PRACTICE_NUDGE)
    with time_machine.travel(sent + datetime.timedelta(days=364), tick=False):
        assert client.get(path).status_code == 200
    with time_machine.travel(sent + datetime.timedelta(days=366), tick=False):
        page = client.get(path)
        assert page.status_code == 410
        assert "This unsubscribe link has expired" in page.content.decode()
        assert client.post(path).status_code == 410
    assert not ReminderPreference.objects.filter(user=user).exists()
    with time_machine.travel(sent + datetime.timedelta(days=366), tick=False):
        latvian = client.get("/lv" + path)
        assert "Šī atteikšanās saite vairs nav derīga" in latvian.content.decode()

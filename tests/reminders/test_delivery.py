"""Sending from the outbox: the right text, in the recipient's language, once, with retries.

``delivery.deliver`` is called directly (the tasks only pass ids to it); emails land in Django's
locmem outbox. test_reminder_worker.py proves the same through a real worker.
"""

import datetime
import smtplib

import pytest
from django.core import mail
from django.utils import timezone
from wagtail.users.models import UserProfile

from ideas import actions
from reminders import delivery, outbox, tasks
from reminders.models import Kind, Reminder, ReminderPreference, ReminderRule, ReminderText
from tests.factories import make_idea, make_project, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_broker(monkeypatch):
    monkeypatch.setattr(tasks.send_reminder, "apply_async", lambda *a, **kw: None)
    monkeypatch.setattr(tasks.send_batch, "apply_async", lambda *a, **kw: None)


def nudge(user, project, period="2010-10-25"):
    return outbox.enqueue(Kind.PRACTICE_NUDGE, user, project, period=period, project=project)


def test_a_reminder_is_sent_once_however_often_it_is_asked_for():
    user, project = make_user(email="anna@example.org", first_name="Anna"), make_project()
    reminder = nudge(user, project)
    for _ in range(3):
        delivery.deliver([reminder.pk])
    assert len(mail.outbox) == 1
    reminder.refresh_from_db()
    assert (reminder.status, reminder.attempts) == ("sent", 1)
    assert reminder.sent_at is not None
    email = mail.outbox[0]
    assert email.to == ["anna@example.org"]
    assert email.subject == "Time for today's English practice"
    assert "Hello Anna," in email.body
    assert "http://testserver/my/practice/new/" in email.body


def test_email_language_preference_then_account_language_then_site_language():
    project = make_project()
    chose = make_user(email="a@example.org")
    ReminderPreference.objects.create(user=chose, language="lv")
    account = make_user(email="b@example.org")
    profile = UserProfile.get_for_user(account)
    profile.preferred_language = "lv"
    profile.save()
    neither = make_user(email="c@example.org")
    reminders = [nudge(user, project) for user in (chose, account, neither)]
    delivery.deliver([r.pk for r in reminders])
    by_address = {email.to[0]: email for email in mail.outbox}
    # Links are built in the recipient's language: Latvian addresses live under /lv/.
    assert "http://testserver/lv/my/practice/new/" in by_address["a@example.org"].body
    assert "http://testserver/lv/my/practice/new/" in by_address["b@example.org"].body
    assert "http://testserver/my/practice/new/" in by_address["c@example.org"].body
    assert (
        "/lv/reminders/unsubscribe/"
        in by_address["a@example.org"].extra_headers["List-Unsubscribe"]
    )


def test_a_projects_own_text_replaces_the_default_in_its_language_only():
    project = make_project()
    rule = ReminderRule.objects.create(project=project, kind=Kind.PRACTICE_NUDGE)
    ReminderText.objects.create(
        rule=rule,
        language="lv",
        subject="Angļu valoda šodien, {name}!\n",
        body="Sveiki, {name}! Projekts {project}: {link} {unknown} {name.__class__}",
    )
    latvian = make_user(email="lv@example.org", first_name="Ilze")
    ReminderPreference.objects.create(user=latvian, language="lv")
    english = make_user(email="en@example.org")
    delivery.deliver([nudge(latvian, project).pk, nudge(english, project).pk])
    by_address = {email.to[0]: email for email in mail.outbox}
    own = by_address["lv@example.org"]
    assert own.subject == "Angļu valoda šodien, Ilze!"
    assert own.body.startswith(
        "Sveiki, Ilze! Projekts Florence: http://testserver/lv/my/practice/new/ {unknown} "
        "{name.__class__}"
    )
    assert "/lv/reminders/unsubscribe/" in own.body  # the footer is always there
    assert by_address["en@example.org"].subject == "Time for today's English practice"


def test_every_email_carries_one_click_unsubscribe_headers():
    user, project = make_user(email="a@example.org"), make_project()
    delivery.deliver([nudge(user, project).pk])
    (email,) = mail.outbox
    header = email.extra_headers["List-Unsubscribe"]
    assert header.startswith("<http://testserver/reminders/unsubscribe/") and header.endswith(">")
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert header[1:-1] in email.body
    assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in email.message().as_string()


def test_smtp_errors_back_off_exponentially_then_fail_for_good(monkeypatch, time_machine):
    time_machine.move_to(datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC), tick=False)

    def refuse(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
    user, project = make_user(email="a@example.org"), make_project()
    reminder = nudge(user, project)
    delays = []
    for attempt in range(1, delivery.MAX_ATTEMPTS + 1):
        delivery.deliver([reminder.pk])
        reminder.refresh_from_db()
        assert reminder.attempts == attempt
        assert "SMTPServerDisconnected" in reminder.last_error
        if attempt < delivery.MAX_ATTEMPTS:
            assert reminder.status == "pending"
            delays.append(reminder.due_at - timezone.now())
            delivery.deliver([reminder.pk])  # not due yet: nothing happens
            assert Reminder.objects.get(pk=reminder.pk).attempts == attempt
            time_machine.move_to(reminder.due_at)
    assert reminder.status == "failed"
    assert [d.total_seconds() / 60 for d in delays] == [1, 2, 4, 8]
    delivery.deliver([reminder.pk])
    assert Reminder.objects.get(pk=reminder.pk).attempts == delivery.MAX_ATTEMPTS


def test_a_row_a_dead_worker_left_sending_is_claimed_again_after_the_lease(time_machine):
    user, project = make_user(email="a@example.org"), make_project()
    reminder = nudge(user, project)
    assert [r.pk for r in delivery.claim([reminder.pk])] == [reminder.pk]  # ... and the worker dies
    delivery.deliver([reminder.pk])
    assert mail.outbox == []
    time_machine.move_to(timezone.now() + delivery.LEASE + datetime.timedelta(seconds=1))
    delivery.deliver([reminder.pk])
    assert len(mail.outbox) == 1
    reminder.refresh_from_db()
    assert (reminder.status, reminder.attempts) == ("sent", 2)


def test_a_kind_turned_off_after_it_was_written_is_not_sent():
    user, project = make_user(email="a@example.org"), make_project()
    reminder = nudge(user, project)
    ReminderPreference.objects.create(user=user, delivery={Kind.PRACTICE_NUDGE: "off"})
    delivery.deliver([reminder.pk])
    assert mail.outbox == []
    assert Reminder.objects.get(pk=reminder.pk).status == "cancelled"


def test_idea_event_emails_name_the_idea_and_who_acted():
    author = make_user(email="author@example.org")
    reader = make_user(first_name="Marta", last_name="Ozola")
    idea = make_idea(author, title="Welding <lab> exchange")
    actions.add_comment(idea, reader, "I would bring <b>my</b> class.")
    delivery.deliver(list(Reminder.objects.values_list("pk", flat=True)))
    (email,) = mail.outbox
    assert email.subject == "New comment on your idea “Welding <lab> exchange”"
    assert "Marta Ozola commented on your idea" in email.body
    assert "I would bring <b>my</b> class." in email.body  # plain text: shown as written
    assert idea.url in email.body


def test_digest_rows_go_out_together_in_one_email_at_digest_time(time_machine):
    time_machine.move_to(datetime.datetime(2026, 3, 2, 12, 0, tzinfo=datetime.UTC))
    author = make_user(email="author@example.org")
    ReminderPreference.objects.create(
        user=author, delivery={Kind.IDEA_COMMENT: "digest", Kind.IDEA_SUPPORT: "digest"}
    )
    idea = make_idea(author)
    for number in range(3):
        reader = make_user()
        actions.add_comment(idea, reader, f"Comment {number}")
        actions.support(idea, reader)
    rows = list(Reminder.objects.values_list("pk", flat=True))
    delivery.deliver(rows)  # not sent one by one
    assert mail.outbox == []
    assert delivery.users_with_due_digests() == []

    time_machine.move_to(outbox.next_digest_time(None) + datetime.timedelta(minutes=1))
    assert delivery.users_with_due_digests() == [author.pk]
    tasks.send_digest(author.pk)
    tasks.send_digest(author.pk)
    (email,) = mail.outbox
    assert email.subject == "Your reminders for today"
    assert all(f"Comment {n}" in email.body for n in range(3))
    assert email.body.count("Hello ") == 1  # greeted once, not once per reminder
    assert Reminder.objects.filter(status="sent").count() == 6
    # Two kinds in one email: the header leads to the choices, the footer offers one link each.
    assert email.extra_headers["List-Unsubscribe"] == "<http://testserver/my/reminders/>"
    assert email.body.count("/reminders/unsubscribe/") == 2


def test_the_coordinator_digest_lists_the_weeks_figures_and_who_is_behind():
    coordinator = make_user(email="coordinator@example.org")
    project = make_project(coordinator=coordinator)
    summary = {
        "week": "2010-W43",
        "new_entries": 1,
        "new_ideas": 3,
        "no_recent_activity": ["Anna Kalniņa"],
        "self_assessment_open": ["Jānis Ozols", "Anna Kalniņa"],
    }
    reminder = outbox.enqueue(
        Kind.COORDINATOR_DIGEST,
        coordinator,
        project,
        period="2010-W43",
        project=project,
        context=summary,
    )
    delivery.deliver([reminder.pk])
    (email,) = mail.outbox
    assert email.subject == "Your weekly digest for Florence"
    assert "1 new entry\n3 new ideas" in email.body
    assert "Nothing added to their portfolio this week:\n- Anna Kalniņa" in email.body
    assert "not yet complete:\n- Jānis Ozols\n- Anna Kalniņa" in email.body
    assert project.url in email.body

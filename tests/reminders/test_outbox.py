"""Writing reminders into the outbox: once per occasion, as each recipient and project wants.

The send tasks are recorded rather than published: these tests are about what the outbox
stores and what it asks Celery to do after the commit; test_reminder_worker.py runs the worker.
"""

import datetime
import zoneinfo

import pytest
from django.utils import timezone

from ideas import actions
from reminders import outbox, tasks
from reminders.models import Kind, Reminder, ReminderPreference, ReminderRule
from tests.factories import make_idea, make_project, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(monkeypatch):
    """The ids handed to Celery, in the order they were published."""
    sent = []
    monkeypatch.setattr(
        tasks.send_reminder, "apply_async", lambda args, **kw: sent.append([args[0]])
    )
    monkeypatch.setattr(tasks.send_batch, "apply_async", lambda args, **kw: sent.append(args[0]))
    return sent


def test_enqueue_writes_one_row_per_occasion_and_publishes_after_commit(
    published, django_capture_on_commit_callbacks
):
    user, project = make_user(email="a@example.org"), make_project()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        first = outbox.enqueue(Kind.PRACTICE_NUDGE, user, project, period="2010-10-25")
        again = outbox.enqueue(Kind.PRACTICE_NUDGE, user, project, period="2010-10-25")
        assert published == []  # nothing leaves before the commit
    assert first is not None and again is None
    assert Reminder.objects.count() == 1
    assert len(callbacks) == 1
    assert published == [[first.pk]]


def test_another_period_is_another_occasion(published, django_capture_on_commit_callbacks):
    user, project = make_user(), make_project()
    with django_capture_on_commit_callbacks(execute=True):
        outbox.enqueue(Kind.PRACTICE_NUDGE, user, project, period="2010-10-25")
        outbox.enqueue(Kind.PRACTICE_NUDGE, user, project, period="2010-10-26")
    assert Reminder.objects.count() == 2


def test_a_kind_turned_off_writes_nothing(published, django_capture_on_commit_callbacks):
    user, project = make_user(), make_project()
    ReminderPreference.objects.create(user=user, delivery={Kind.PRACTICE_NUDGE: "off"})
    with django_capture_on_commit_callbacks(execute=True):
        assert outbox.enqueue(Kind.PRACTICE_NUDGE, user, project, period="p") is None
        assert outbox.enqueue(Kind.PORTFOLIO_UPDATE, user, project, period="p") is not None
    assert list(Reminder.objects.values_list("kind", flat=True)) == [Kind.PORTFOLIO_UPDATE]


def test_a_digest_kind_waits_for_the_next_local_digest_time(
    published, django_capture_on_commit_callbacks, time_machine
):
    # 21:30 in Riga (UTC+3 in summer): the next digest is 07:00 Riga the next morning.
    time_machine.move_to(datetime.datetime(2010, 10, 25, 18, 30, tzinfo=datetime.UTC))
    user, project = make_user(), make_project()
    project.time_zone = zoneinfo.ZoneInfo("Europe/Riga")
    project.save()
    ReminderPreference.objects.create(user=user, delivery={Kind.IDEA_COMMENT: "digest"})
    with django_capture_on_commit_callbacks(execute=True):
        reminder = outbox.enqueue(Kind.IDEA_COMMENT, user, project, project=project)
    assert reminder.due_at == datetime.datetime(2010, 10, 26, 4, 0, tzinfo=datetime.UTC)
    assert published == []  # not sent on its own: the digest bundles it


def test_digest_time_follows_daylight_saving(time_machine):
    class Project:
        time_zone = zoneinfo.ZoneInfo("Europe/Riga")

    # Riga leaves summer time in the night to 31 October 2010: 07:00 local is 04:00 UTC
    # before it and 05:00 UTC after.
    before = datetime.datetime(2010, 10, 30, 12, 0, tzinfo=datetime.UTC)
    assert outbox.next_digest_time(Project, before) == datetime.datetime(
        2010, 10, 31, 5, 0, tzinfo=datetime.UTC
    )
    assert outbox.next_digest_time(Project, before - datetime.timedelta(days=1)) == (
        datetime.datetime(2010, 10, 30, 4, 0, tzinfo=datetime.UTC)
    )


def test_a_disabled_rule_writes_nothing_for_its_project(
    published, django_capture_on_commit_callbacks
):
    user, project, other = make_user(), make_project(), make_project("rome")
    ReminderRule.objects.create(project=project, kind=Kind.PRACTICE_NUDGE, enabled=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert outbox.enqueue(Kind.PRACTICE_NUDGE, user, project, project=project) is None
        assert outbox.enqueue(Kind.PRACTICE_NUDGE, user, other, project=other) is not None
    assert Reminder.objects.get().project == other


def test_a_rolled_back_cause_leaves_no_reminder(published):
    from django.db import transaction

    user, project = make_user(), make_project()
    with pytest.raises(RuntimeError), transaction.atomic():
        outbox.enqueue(Kind.PRACTICE_NUDGE, user, project)
        raise RuntimeError("the cause failed")
    assert not Reminder.objects.exists()
    assert published == []


def test_enqueue_many_skips_existing_unwanted_and_disabled_and_sends_in_batches(
    published, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(outbox, "BATCH_SIZE", 4)
    project = make_project()
    users = [make_user() for _ in range(10)]
    ReminderPreference.objects.create(user=users[0], delivery={Kind.PRACTICE_NUDGE: "off"})
    ReminderPreference.objects.create(user=users[1], delivery={Kind.PRACTICE_NUDGE: "digest"})
    existing = outbox.enqueue(Kind.PRACTICE_NUDGE, users[2], project, period="d1")
    published.clear()
    rows = [
        {
            "kind": Kind.PRACTICE_NUDGE,
            "recipient": user,
            "subject": project,
            "period": "d1",
            "project": project,
        }
        for user in users
    ]
    with django_capture_on_commit_callbacks(execute=True):
        written = outbox.enqueue_many(rows)
    assert written == 8  # not the one who turned it off, not the one already there
    assert Reminder.objects.count() == 9
    sent = [pk for batch in published for pk in batch]
    assert len(sent) == 7  # the digest row waits for the digest
    assert existing.pk not in sent
    assert [len(batch) for batch in published] == [4, 3]

    ReminderRule.objects.create(project=project, kind=Kind.PRACTICE_NUDGE, enabled=False)
    more = [{**row, "period": "d2"} for row in rows]
    assert outbox.enqueue_many(more) == 0


def test_relay_publishes_what_waits_and_what_a_dead_worker_left(published, time_machine):
    time_machine.move_to(datetime.datetime(2026, 1, 5, 12, 0, tzinfo=datetime.UTC))
    user, project = make_user(), make_project()
    waiting = outbox.enqueue(Kind.PRACTICE_NUDGE, user, project, period="a")
    abandoned = outbox.enqueue(Kind.PRACTICE_NUDGE, user, project, period="b")
    fresh_claim = outbox.enqueue(Kind.PRACTICE_NUDGE, user, project, period="c")
    sent = outbox.enqueue(Kind.PRACTICE_NUDGE, user, project, period="d")
    later = outbox.enqueue(Kind.PRACTICE_NUDGE, user, project, period="e")
    now = timezone.now()
    Reminder.objects.filter(pk=abandoned.pk).update(
        status="sending", claimed_at=now - datetime.timedelta(minutes=11)
    )
    Reminder.objects.filter(pk=fresh_claim.pk).update(
        status="sending", claimed_at=now - datetime.timedelta(minutes=1)
    )
    Reminder.objects.filter(pk=sent.pk).update(status="sent")
    Reminder.objects.filter(pk=later.pk).update(due_at=now + datetime.timedelta(hours=1))

    time_machine.shift(datetime.timedelta(minutes=1))
    assert outbox.relay() == 2
    assert sorted(pk for batch in published for pk in batch) == sorted([waiting.pk, abandoned.pk])


def test_publishing_never_breaks_the_caller_when_the_broker_is_down(
    monkeypatch, django_capture_on_commit_callbacks
):
    def broker_down(*args, **kwargs):
        from kombu.exceptions import OperationalError

        raise OperationalError("Error 111 connecting to 127.0.0.1:1. Connection refused.")

    monkeypatch.setattr(tasks.send_reminder, "apply_async", broker_down)
    user, project = make_user(), make_project()
    with django_capture_on_commit_callbacks(execute=True):
        reminder = outbox.enqueue(Kind.PRACTICE_NUDGE, user, project)
    assert Reminder.objects.get(pk=reminder.pk).status == "pending"


def test_idea_status_change_tells_authors_and_supporters_once_each(
    published, django_capture_on_commit_callbacks
):
    author, supporter, coordinator = make_user(), make_user(), make_user()
    project = make_project(coordinator=coordinator)
    idea = make_idea(author, status="proposed", project=project)
    actions.support(idea, supporter)
    actions.support(idea, coordinator)  # the one who moves it hears nothing
    Reminder.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        actions.change_status(idea, coordinator, "under_review")
    reminders = Reminder.objects.filter(kind=Kind.IDEA_STATUS)
    assert sorted(r.recipient_id for r in reminders) == sorted([author.pk, supporter.pk])
    assert {r.project_id for r in reminders} == {project.pk}
    roles = {r.recipient_id: r.context.get("role", "author") for r in reminders}
    assert roles == {author.pk: "author", supporter.pk: "supporter"}


def test_notifications_become_reminders_in_the_same_transaction(
    published, django_capture_on_commit_callbacks
):
    author, reader = make_user(), make_user()
    idea = make_idea(author)
    with django_capture_on_commit_callbacks(execute=True):
        actions.add_comment(idea, reader, "Count me in.")
        actions.support(idea, reader)
    kinds = sorted(Reminder.objects.filter(recipient=author).values_list("kind", flat=True))
    assert kinds == [Kind.IDEA_COMMENT, Kind.IDEA_SUPPORT]
    assert all(r.context["actor"] == reader.username for r in Reminder.objects.all())

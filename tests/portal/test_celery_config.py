"""The Celery app, its beat schedule and the one scheduled task this foundation ships."""

import datetime

import pytest
from django.utils import timezone
from django_celery_beat.models import PeriodicTask
from django_celery_beat.schedulers import ModelEntry
from wagtail.models import Page

from home.models import HomePage, ProjectIndexPage
from home.tasks import publish_scheduled_pages
from portal.celery import app


def test_the_app_is_configured_for_idempotent_tasks():
    conf = app.conf
    assert conf.task_acks_late is True
    assert conf.task_reject_on_worker_lost is True
    assert conf.worker_prefetch_multiplier == 1
    assert 0 < conf.task_soft_time_limit < conf.task_time_limit
    assert conf.task_serializer == "json"
    assert conf.beat_scheduler == "django_celery_beat.schedulers:DatabaseScheduler"


def test_tasks_of_the_apps_are_discovered():
    app.loader.import_default_modules()
    assert "home.tasks.publish_scheduled_pages" in app.tasks


def test_every_task_beat_schedules_is_one_a_worker_knows():
    """A schedule naming a task no worker registers would be rejected silently, run after run."""
    app.loader.import_default_modules()
    scheduled = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert {
        "reminders.tasks.evaluate_rules",
        "reminders.tasks.relay_pending",
        "reminders.tasks.send_daily_digests",
        "dissemination.tasks.compile_due_results",
    } <= scheduled
    assert scheduled <= set(app.tasks)


@pytest.mark.django_db
def test_beat_stores_the_publish_schedule_in_the_database_every_five_minutes():
    """Beat's DatabaseScheduler turns each settings entry into a row administrators can edit.

    ModelEntry.from_entry is the step it runs per entry at start-up; the scheduler itself closes
    database connections, which a test transaction cannot survive.
    """
    for name, entry in app.conf.beat_schedule.items():
        ModelEntry.from_entry(name, app=app, **entry)
    task = PeriodicTask.objects.get(name="publish-scheduled-pages")
    assert task.task == "home.tasks.publish_scheduled_pages"
    assert task.enabled
    assert (task.interval.every, task.interval.period) == (300, "seconds")


@pytest.mark.django_db
def test_publish_scheduled_pages_publishes_what_is_due_and_nothing_else():
    home = HomePage.objects.get(locale__language_code="en")
    due = home.add_child(instance=ProjectIndexPage(title="Due", slug="due", live=False))
    due.save_revision(approved_go_live_at=timezone.now() - datetime.timedelta(minutes=1))
    later = home.add_child(instance=ProjectIndexPage(title="Later", slug="later", live=False))
    later.save_revision(approved_go_live_at=timezone.now() + datetime.timedelta(days=1))

    publish_scheduled_pages()
    publish_scheduled_pages()  # a redelivered message must change nothing more

    assert Page.objects.get(pk=due.pk).live
    assert not Page.objects.get(pk=later.pk).live
    assert due.revisions.count() == 1

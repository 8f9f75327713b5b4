"""Celery really runs: a worker process on Redis executes a real task against the database.

Eager mode would run the task inside the test process and prove nothing about the broker, the
worker's configuration or its database connection, so this starts ``celery worker`` for real.
"""

import datetime
import socket
import time

import pytest
from django.utils import timezone
from wagtail.models import Page

from home.models import HomePage, MobilityProjectPage, ProjectIndexPage
from home.tasks import publish_scheduled_pages
from portal.celery import app

pytestmark = [pytest.mark.redis, pytest.mark.worker]


def wait_until(predicate, timeout=30.0, interval=0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return False


def scheduled_project():
    """A project page whose publication was approved for a moment that has already passed."""
    home = HomePage.objects.get(locale__language_code="en")
    index = ProjectIndexPage(title="Projects", slug="projects")
    home.add_child(instance=index)
    project = MobilityProjectPage(
        title="Scheduled study visit",
        slug="scheduled-study-visit",
        programme="Erasmus+",
        sending_institution_name="Latgale Transport and Communications Technical School",
        host_city="Florence",
        host_country="Italy",
        start_date=datetime.date(2010, 10, 24),
        end_date=datetime.date(2010, 10, 30),
        live=False,
    )
    index.add_child(instance=project)
    project.save_revision(approved_go_live_at=timezone.now() - datetime.timedelta(minutes=1))
    return project


def test_worker_runs_publish_scheduled_pages_from_redis(celery_worker):
    project = scheduled_project()
    assert not Page.objects.get(pk=project.pk).live

    publish_scheduled_pages.apply_async(queue=celery_worker.queue)

    published = wait_until(lambda: Page.objects.get(pk=project.pk).live)
    assert published, f"the worker did not publish the page; its log:\n{celery_worker.log}"
    # The page goes live inside the task; the worker logs the task's success a moment later.
    finished = wait_until(
        lambda: (
            "home.tasks.publish_scheduled_pages" in celery_worker.log
            and "succeeded" in celery_worker.log
        )
    )
    assert finished, f"the worker did not log the task's success; its log:\n{celery_worker.log}"


def test_worker_is_configured_for_idempotent_late_acknowledgement(celery_worker):
    """The worker process itself reports prefetch 1 and late acks, not just our settings file."""
    node = f"{celery_worker.queue}@{socket.gethostname()}"
    replies = app.control.inspect(destination=[node], timeout=5).conf()
    assert replies, f"the worker did not answer the control query; its log:\n{celery_worker.log}"
    (conf,) = replies.values()
    # The app reads Django settings under the CELERY_ namespace, so that is how it reports them.
    assert conf["CELERY_WORKER_PREFETCH_MULTIPLIER"] == 1
    assert conf["CELERY_TASK_ACKS_LATE"] is True
    assert conf["CELERY_TASK_REJECT_ON_WORKER_LOST"] is True
    assert conf["CELERY_BROKER_URL"].startswith("redis://")

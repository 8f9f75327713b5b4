"""Wagtail's own index updates really run on a Celery worker: a page saved with the Celery task
backend is found by search and recorded in the reference index once the worker, a separate
process on Redis, has run the tasks its save queued."""

import re
import time

import pytest

from tests.portal.test_wagtail_tasks import indexed, page_linking_home

pytestmark = [pytest.mark.redis, pytest.mark.worker]


def test_the_worker_updates_the_search_and_reference_indexes_of_a_saved_page(
    celery_worker, settings
):
    settings.TASKS = {
        "default": {
            "BACKEND": "portal.tasks.CeleryTaskBackend",
            "OPTIONS": {"CELERY_QUEUE": celery_worker.queue},
        }
    }

    home, page = page_linking_home("Perpendicular Lighthouse")

    deadline = time.monotonic() + 60
    while indexed(home, page) != (True, True) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert indexed(home, page) == (True, True), f"the worker's log:\n{celery_worker.log}"
    # The worker did it, not the test process falling back on a broker that did not answer.
    assert re.search(r"portal\.run_django_task\[[\w-]+\] succeeded", celery_worker.log)

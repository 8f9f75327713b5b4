"""The compile task really runs in a Celery worker on Redis: the worker's process compiles the
page into a draft revision in review, and a second message for the same page finds nothing
changed and writes nothing (as a redelivered message would)."""

import time

import pytest
from wagtail.models import Revision, WorkflowState

from dissemination.models import ResultsCompile
from dissemination.tasks import compile_results
from tests.dissemination.test_compile import build_world

pytestmark = [pytest.mark.redis, pytest.mark.worker]


def wait_for_state(page_id, states, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = ResultsCompile.objects.filter(page_id=page_id).first()
        if status is not None and status.state in states:
            return status
        time.sleep(0.2)
    return None


def test_worker_compiles_a_results_page_once(celery_worker):
    world = build_world()
    page = world["page"]

    compile_results.apply_async((page.pk,), queue=celery_worker.queue)
    status = wait_for_state(page.pk, {"compiled", "failed"})
    assert status is not None, f"no compile happened; the worker's log:\n{celery_worker.log}"
    assert status.state == "compiled", celery_worker.log
    draft = Revision.objects.get(pk=status.revision_id).as_object()
    assert draft.compiled["practice"]["total_minutes"] == 135
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    revisions = Revision.objects.filter(object_id=str(page.pk)).count()
    compile_results.apply_async((page.pk,), queue=celery_worker.queue)
    status = wait_for_state(page.pk, {"unchanged"})
    assert status is not None, celery_worker.log
    assert Revision.objects.filter(object_id=str(page.pk)).count() == revisions
    assert "dissemination.tasks.compile_results" in celery_worker.log

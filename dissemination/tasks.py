"""The compile and the outputs as Celery tasks: thin wrappers passing ids to
``dissemination.compile`` and ``dissemination.outputs``, and the two ways the admin queues them.

Both tasks are idempotent: compiling a page whose material has not changed writes nothing, and a
compile of a page already being compiled returns at once, so a redelivered message does no harm;
an output already built from the page's current revision is not built again.
"""

import logging

from celery import shared_task
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from dissemination import outputs
from dissemination.compile import run, schedule
from dissemination.models import ResultsCompile

logger = logging.getLogger(__name__)


@shared_task
def compile_results(page_id, requested_by_id=None):
    """Compile one results page into a draft revision and submit it for review."""
    user = None
    if requested_by_id is not None:
        user = get_user_model().objects.filter(pk=requested_by_id).first()
    outcome = run.compile_results(page_id, user=user)
    logger.info("Results page %s: %s (%s)", page_id, outcome.state, outcome.message)
    return outcome.state


@shared_task
def compile_due_results():
    """Queue a compile of every results page that is due (run by beat, hourly).

    Which pages are due is decided in each project's time zone (``schedule.is_due``), so an
    hourly beat entry compiles each page once a night in its dissemination window.
    """
    due = schedule.due_pages()
    for page_id in due:
        compile_results.delay(page_id)
    return len(due)


def queue_compile(page_id, user=None) -> bool:
    """Mark the page's compile as queued and publish the task once the transaction commits.

    Returns False, leaving the status as it was, while a compile of the page is running.
    """
    ResultsCompile.objects.get_or_create(page_id=page_id)
    queued = (
        ResultsCompile.objects.filter(page_id=page_id)
        .exclude(state=ResultsCompile.State.RUNNING)
        .update(
            state=ResultsCompile.State.QUEUED,
            message="",
            queued_at=timezone.now(),
            requested_by=user,
        )
    )
    if not queued:
        return False
    user_id = user.pk if user is not None else None

    def publish():
        try:
            compile_results.apply_async((page_id, user_id), retry=False)
        except Exception:
            logger.warning(
                "Could not queue the compile of results page %s.", page_id, exc_info=True
            )
            ResultsCompile.objects.filter(
                page_id=page_id, state=ResultsCompile.State.QUEUED
            ).update(
                state=ResultsCompile.State.FAILED,
                message=run.MESSAGES["unqueued"],
            )

    transaction.on_commit(publish)
    return True


@shared_task
def build_results_output(page_id, kind, force=False):
    """Build one output of a results page (``dissemination.outputs.KINDS``) and store it.

    Skipped when the file of the page's current revision is already stored, unless ``force``.
    """
    try:
        return outputs.build(page_id, kind, force=force)
    finally:
        cache.delete(outputs.queued_key(page_id, kind))


def queue_build(page, kind, force=False):
    """Mark the build as queued (for the admin to show) and send the task after the commit."""
    key = outputs.queued_key(page.pk, kind.name)
    cache.set(key, True, outputs.QUEUED_SECONDS)

    def publish():
        try:
            build_results_output.apply_async((page.pk, kind.name, force), retry=False)
        except Exception:
            logger.warning("Could not queue the %s of results page %s.", kind.name, page.pk)
            cache.delete(key)

    transaction.on_commit(publish)

"""The final report's Celery task, a thin wrapper passing the build's id to
``final_report.build.run``, which is idempotent (a build already running or finished is skipped),
so a redelivered message does no harm; and the queueing of a build, which sends it once the
build's row is committed."""

import logging

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from final_report.build import NotQueued, State, mark_unsent, may_queue, run
from final_report.models import FinalReportBuild, canonical_hub

logger = logging.getLogger(__name__)


@shared_task
def build_final_report(build_id):
    state = run(build_id)
    logger.info("Final report build %s: %s", build_id, state)
    return state


def queue_build(hub, language, user) -> FinalReportBuild:
    """Mark the report of ``hub`` in ``language`` as queued and send the task once the
    transaction commits. Raises ``NotQueued`` while a build of it is under way."""
    hub = canonical_hub(hub)
    asked = False
    try:
        with transaction.atomic():
            build, created = FinalReportBuild.objects.select_for_update().get_or_create(
                hub=hub, language=language, defaults={"state": State.QUEUED}
            )
            if not created and not may_queue(build):
                raise NotQueued
            build.state = State.QUEUED
            build.progress = 0
            build.step = ""
            build.requested_by = user
            build.queued_at = timezone.now()
            build.started_at = build.finished_at = None
            build.save()
            # delay_on_commit's sibling, to say retry=False: with the broker down the coordinator
            # hears so at once instead of after Celery's retries.
            build_final_report.apply_async_on_commit((build.pk,), retry=False)
            asked = True
    except Exception:
        # Raised by the task's publish, which runs as this block commits: the build is saved.
        if not asked:
            raise
        logger.warning("Could not queue final report build %s.", build.pk, exc_info=True)
        mark_unsent(build.pk)
        build.refresh_from_db()
    return build

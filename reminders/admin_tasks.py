"""The task behind the admin's "Run now" button on a reminder rule, and how it is published."""

import logging

from celery import shared_task

logger = logging.getLogger(__name__)


@shared_task
def run_rule_now_task(rule_pk):
    """Evaluate one rule at once, as if its send time had come.

    Evaluation writes outbox rows under their unique key, so a redelivered message writes
    nothing twice; the function returns how many reminders it made due.
    """
    from reminders.rules import run_rule_now

    return run_rule_now(rule_pk)


def queue_run_now(rule_pk) -> bool:
    """Publish ``run_rule_now_task``; False, with a warning logged, if the broker does not
    answer (nothing is lost: the rule still runs at its own time)."""
    try:
        run_rule_now_task.apply_async((rule_pk,), retry=False)
    except Exception:
        logger.warning("Could not queue reminder rule %s to run now.", rule_pk, exc_info=True)
        return False
    return True

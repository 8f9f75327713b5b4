"""How the admin's "Run now" on a reminder rule publishes ``reminders.tasks.run_rule_now``."""

import logging

logger = logging.getLogger(__name__)


def queue_run_now(rule_pk) -> bool:
    """Publish ``run_rule_now``; False, with a warning logged, if the broker does not
    answer (nothing is lost: the rule still runs at its own time)."""
    from reminders.tasks import run_rule_now

    try:
        run_rule_now.apply_async((rule_pk,), retry=False)
    except Exception:
        logger.warning("Could not queue reminder rule %s to run now.", rule_pk, exc_info=True)
        return False
    return True

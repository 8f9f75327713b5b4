"""Celery tasks for reminders: thin, idempotent, and passing ids only.

The work is done by plain functions in ``reminders.delivery``, ``reminders.outbox`` and
``reminders.rules``; a task run twice, or for a row already sent, changes nothing. Beat runs
``relay_pending`` (every minute), ``send_daily_digests`` (every quarter of an hour: each digest
row falls due at its project's own local digest time) and ``evaluate_rules`` (every five
minutes); ``send_reminder`` and ``send_batch`` are published by the outbox (they are defined in
``reminders.sending``, which the outbox imports), ``run_rule_now`` by the admin's "Run now".
"""

from celery import shared_task

from reminders import delivery, outbox, rules
from reminders.sending import send_batch, send_reminder

__all__ = [
    "evaluate_rules",
    "relay_pending",
    "run_rule_now",
    "send_batch",
    "send_daily_digests",
    "send_digest",
    "send_reminder",
]


@shared_task
def relay_pending() -> int:
    """Publish again every due reminder still waiting, and every one a dead worker left."""
    return outbox.relay()


@shared_task
def send_daily_digests() -> int:
    """Publish one digest task per user with digest reminders due."""
    users = delivery.users_with_due_digests()
    for user_id in users:
        send_digest.delay(user_id)
    return len(users)


@shared_task
def send_digest(user_id: int) -> dict:
    return dict(delivery.send_digest(user_id))


@shared_task
def evaluate_rules() -> int:
    """Write the scheduled reminders due now; each period's rows are written once at most."""
    return rules.evaluate()


@shared_task
def run_rule_now(rule_pk: int) -> int:
    """Evaluate one rule at once, as if its send time had come (the admin's "Run now")."""
    return rules.run_rule_now(rule_pk)

"""Celery tasks for reminders: thin, idempotent, and passing ids only.

The work is done by plain functions in ``reminders.delivery`` and ``reminders.outbox``; a task
run twice, or for a row already sent, changes nothing. Beat runs ``relay_pending`` (every minute)
and ``send_daily_digests`` (every quarter of an hour: each digest row falls due at its project's
own local digest time); ``send_reminder`` and ``send_batch`` are published by the outbox.
"""

from celery import shared_task

from reminders import delivery, outbox


@shared_task
def send_reminder(pk: int) -> dict:
    return dict(delivery.deliver([pk]))


@shared_task
def send_batch(pks: list[int]) -> dict:
    return dict(delivery.deliver(pks))


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

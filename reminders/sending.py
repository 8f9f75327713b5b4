"""The two tasks that send what the outbox holds, published by ``outbox.publish`` after each
commit and by the relay.

They live apart from the other tasks (``reminders.tasks``, which re-exports them) because they
need only ``reminders.delivery``: the outbox can publish them without importing the rules and
the relay that write into it. Their names stay ``reminders.tasks.*``, where the beat schedule,
the routes and the admin look for every reminders task.
"""

from celery import shared_task

from reminders import delivery


@shared_task(name="reminders.tasks.send_reminder")
def send_reminder(pk: int) -> dict:
    return dict(delivery.deliver([pk]))


@shared_task(name="reminders.tasks.send_batch")
def send_batch(pks: list[int]) -> dict:
    return dict(delivery.deliver(pks))
